import { randomBytes, randomUUID } from 'node:crypto';
import {
  FEED_BATCH_MAX,
  FeedEvent,
  PARTNER_KIND_LABELS,
  addDays,
  idNumberProblem,
  normalizeIdNumber,
  type CreatePartner,
  type FeedEventResult,
  type PartnerDto,
  type PartnerKind,
} from '@qingyuan/shared';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext, RequestContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { DomainError, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AlertEngine } from '../alerts/index.ts';
import { wellFormedFeedEvent } from './feed-event-check.ts';
import { SEEN_FOR_MS, feedSignature, freshTimestamp, sameSignature, signatureHash } from './feed-signature.ts';
import * as repo from './feeds.repository.ts';

const secretPlace = (partnerId: string) => `feed_partner.secret_enc:${partnerId}`;
/** How often one server deletes expired rows of the replay store (each server on its own clock; any may do it). */
const PURGE_EVERY_MS = 60_000;
/** One body for every signature failure: which check failed is not told. */
export const badSignature = (): DomainError => new DomainError('unauthenticated', 401, '签名校验失败');

export interface SignedRequest {
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
}

/** A request whose key, signature and timestamp are good; whether it is a replay is decided with its batch. */
export interface VerifiedRequest {
  partner: repo.StoredPartner;
  seen: repo.SeenSignature;
}

const FIELD_NAMES: Record<string, string> = {
  id: '事件编号', kind: '数据类别', time: '发生时间', place: '地点', 'place.name': '地点名称', 'place.address': '地址', 'place.orgUnitId': '所属单位',
  idNumber: '身份证号',
};

/** Partner feeds (特殊行业联网): partner keys, signed batches matched against the registry by blind index. */
export class FeedsService {
  private readonly cipher: FieldCipher;
  #nextPurgeAt = 0;

  constructor(private readonly platform: Platform, private readonly alerts: AlertEngine) {
    this.cipher = new FieldCipher(platform.keys);
  }

  private now(): Date {
    return this.platform.clock.now();
  }

  private newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  async createPartner(ctx: AuthedContext, input: CreatePartner): Promise<{ id: string; keyId: string; secret: string }> {
    const id = randomUUID();
    const keyId = `qyk_${randomBytes(12).toString('hex')}`;
    const secret = this.newSecret();
    await this.platform.db.transaction().execute(async (trx) => {
      await repo.insertPartner(trx, {
        id, name: input.name, kinds: [...new Set(input.kinds)], keyId, secretEnc: this.cipher.seal(secretPlace(id), secret), createdBy: ctx.actor.userId, at: this.now(),
      });
      await this.platform.audit.append(trx, ctx, { action: 'feed.partner_created', entityType: 'feed_partner', entityId: id, changes: { name: input.name, kinds: input.kinds, keyId } });
    });
    return { id, keyId, secret };
  }

  async listPartners(): Promise<PartnerDto[]> {
    const partners = await repo.partners(this.platform.db);
    const counts = await repo.dailyCounts(this.platform.db, partners.map((p) => p.id), addDays(chinaDate(this.now()), -13));
    return partners.map((p) => ({
      id: p.id, name: p.name, kinds: p.kinds as PartnerKind[], keyId: p.keyId, active: p.active, createdAt: p.createdAt.toISOString(),
      rotatedAt: p.rotatedAt?.toISOString() ?? null, revokedAt: p.revokedAt?.toISOString() ?? null,
      daily: counts.filter((c) => c.partner_id === p.id).map((c) => ({ day: c.day, received: c.received, matched: c.matched, unmatched: c.unmatched })),
    }));
  }

  async rotate(ctx: AuthedContext, id: string): Promise<{ id: string; keyId: string; secret: string }> {
    const secret = this.newSecret();
    return this.platform.db.transaction().execute(async (trx) => {
      const partner = await repo.partnerById(trx, id, true);
      if (!partner) throw notFound();
      if (!partner.active) throw invalidField('id', '该联网单位的密钥已吊销，不能轮换');
      await repo.updatePartner(trx, id, { secret_enc: this.cipher.seal(secretPlace(id), secret), rotated_at: this.now() });
      await this.platform.audit.append(trx, ctx, { action: 'feed.partner_rotated', entityType: 'feed_partner', entityId: id });
      return { id, keyId: partner.keyId, secret };
    });
  }

  async revoke(ctx: AuthedContext, id: string): Promise<{ ok: true }> {
    return this.platform.db.transaction().execute(async (trx) => {
      const partner = await repo.partnerById(trx, id, true);
      if (!partner) throw notFound();
      if (partner.active) await repo.updatePartner(trx, id, { active: false, revoked_at: this.now() });
      await this.platform.audit.append(trx, ctx, { action: 'feed.partner_revoked', entityType: 'feed_partner', entityId: id });
      return { ok: true as const };
    });
  }

  /** The one answer to every signature failure (replays included), audited without the body. */
  private async refuse(ctx: RequestContext, partnerId: string | null): Promise<never> {
    await this.platform.audit.appendAlone(this.platform.db, ctx, {
      action: 'feed.signature_rejected', success: false, entityType: 'feed_partner', entityId: partnerId,
    });
    throw badSignature();
  }

  /**
   * Verifies key, timestamp window and HMAC (constant time); the partner and what the replay store keeps of the
   * request, or a 401 with one body for all. The replay check runs with the batch (`ingest`): the store is shared by
   * every server, and its check costs no round trip of its own there.
   */
  async authenticate(ctx: RequestContext, req: SignedRequest): Promise<VerifiedRequest> {
    const now = this.now();
    if (!req.keyId || !req.timestamp || !req.signature || req.keyId.length > 100) return this.refuse(ctx, null);
    const partner = await repo.partnerByKey(this.platform.db, req.keyId);
    if (!partner?.active) return this.refuse(ctx, partner?.id ?? null);
    const expected = feedSignature(this.cipher.open(secretPlace(partner.id), partner.secretEnc), req.timestamp, req.rawBody);
    if (!sameSignature(req.signature.toLowerCase(), expected)) return this.refuse(ctx, partner.id);
    if (!freshTimestamp(req.timestamp, now)) return this.refuse(ctx, partner.id);
    return { partner, seen: { keyId: partner.keyId, signatureHash: signatureHash(expected), at: now, expiresAt: new Date(now.getTime() + SEEN_FOR_MS) } };
  }

  /** Deletes expired replay-store rows at most once a minute per server (an indexed delete of expired rows only). */
  private async purgeSeen(now: Date): Promise<void> {
    if (now.getTime() < this.#nextPurgeAt) return;
    this.#nextPurgeAt = now.getTime() + PURGE_EVERY_MS;
    await repo.purgeSeenSignatures(this.platform.db, now);
  }

  /**
   * A verified request: the body parsed and checked, then the batch (`ingestBatch`). A body refused with a 400 still
   * uses up its signature, so its replay answers 401 like any other replay.
   */
  async ingest(ctx: RequestContext, request: VerifiedRequest, rawBody: Buffer): Promise<{ results: FeedEventResult[] }> {
    await this.purgeSeen(request.seen.at);
    let body: unknown;
    try {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        // Never echo the parser's message: it quotes the body.
        throw invalidField('events', '请求体不是有效的 JSON');
      }
      checkBatchShape(body);
    } catch (error) {
      if (!(await repo.rememberSignature(this.platform.db, request.seen))) return this.refuse(ctx, request.partner.id);
      throw error;
    }
    return this.ingestBatch(ctx, request, body);
  }

  /**
   * One signed batch: validates each event on its own, matches ID numbers by blind index against the active
   * registry, keeps only matches (an alert each, idempotent on the partner's event id) and counts the rest.
   * Events that match nobody leave only a number in the day's count.
   */
  private async ingestBatch(ctx: RequestContext, request: VerifiedRequest, body: { events: unknown[] }): Promise<{ results: FeedEventResult[] }> {
    const { partner } = request;
    const { events } = body;
    const now = this.now();
    const today = chinaDate(now);
    const results: FeedEventResult[] = new Array<FeedEventResult>(events.length);
    const valid: { index: number; event: FeedEvent; idHash: string }[] = [];
    const idsInBatch = new Set<string>();
    events.forEach((raw, index) => {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' && rawId.length <= 100 ? rawId : null;
      // Well-formed events skip zod's object walk; zod runs for the others and names the first bad field.
      let event = wellFormedFeedEvent(raw);
      if (event === null) {
        const parsed = FeedEvent.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue?.path.join('.') ?? '';
          results[index] = { id, index, status: 'invalid', reason: `${FIELD_NAMES[field] ?? field}：${field in FIELD_NAMES ? '缺失或格式不正确' : '格式不正确'}` };
          return;
        }
        event = parsed.data;
      }
      if (!partner.kinds.includes(event.kind)) {
        results[index] = { id, index, status: 'invalid', reason: `数据类别：未获准报送“${PARTNER_KIND_LABELS[event.kind]}”数据` };
        return;
      }
      const problem = idNumberProblem(event.idNumber, today);
      if (problem) {
        results[index] = { id, index, status: 'invalid', reason: `身份证号：${problem}` };
        return;
      }
      if (idsInBatch.has(event.id)) {
        results[index] = { id, index, status: 'duplicate' };
        return;
      }
      idsInBatch.add(event.id);
      valid.push({ index, event, idHash: this.cipher.index('idNumber', normalizeIdNumber(event.idNumber)) });
      results[index] = { id: event.id, index, status: 'accepted' };
    });

    const raisedAny = await this.platform.db.transaction().execute(async (trx) => {
      const { fresh: notReplayed, matches: found } = await repo.matchRegistry(trx, partner.id, valid.map((v) => ({ idHash: v.idHash, eventId: v.event.id })), request.seen);
      // A replay (accepted before, by this server or another): nothing was written; answered below as before.
      if (!notReplayed) return null;
      const fresh = found.filter((f) => !f.known).flatMap((f) => {
        const v = valid[f.position];
        return v ? [{ event: v.event, person: f.person }] : [];
      });
      // A re-sent matched event stays 'accepted' (nothing is stored twice): answering 'duplicate' would tell the partner
      // that the ID number is on the registry, since an unmatched event leaves nothing to recognise a re-send by.
      // 'duplicate' is only for an id repeated within one batch, which says nothing about the registry.
      const subject = (eventId: string) => `feed:${partner.id}:${eventId}`;
      const raised = await this.alerts.raiseMany(trx, fresh.map(({ event: e, person }) => {
        const when = new Date(e.time);
        const local = new Date(when.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
        return {
          ruleCode: 'partnerFeed', subjectKey: subject(e.id), personId: person.id, orgUnitId: person.orgUnitId, orgPath: person.orgPath,
          summary: `${PARTNER_KIND_LABELS[e.kind]}：${local} 出现在${e.place.name}`,
          details: {
            kind: e.kind, time: when.toISOString(), placeName: e.place.name, placeAddress: e.place.address ?? null,
            placeOrgUnitId: e.place.orgUnitId ?? null, partner: partner.name,
          },
        };
      }));
      // An event raced in by a concurrent request of the same partner found its alert (or its row) taken: stored once.
      const kept = fresh.flatMap((m) => {
        const alertId = raised.get(subject(m.event.id));
        return alertId === undefined ? [] : [{ eventId: m.event.id, alertId }];
      });
      const counts = { day: today, received: events.length, matched: found.length, unmatched: valid.length - found.length };
      // Audit last: one row for the batch with counts and the ids of the alerts it raised (never event contents),
      // written in one statement with the kept events and the day's count (see repo.batchWrites).
      await this.platform.audit.appendWith(trx, ctx, {
        action: 'feed.batch_received', entityType: 'feed_partner', entityId: partner.id,
        subject: { userId: null, username: `feed:${partner.keyId}` },
        changes: { received: events.length, invalid: events.length - valid.length, matched: found.length, alertIds: [...raised.values()] },
      }, repo.batchWrites(partner.id, counts, kept, now));
      return raised.size > 0;
    });
    if (raisedAny === null) return this.refuse(ctx, partner.id);
    if (raisedAny) this.alerts.changed();
    return { results };
  }
}

/** The batch's outer shape: `{events: [...]}` with 1 to FEED_BATCH_MAX events (each event is checked on its own). */
function checkBatchShape(body: unknown): asserts body is { events: unknown[] } {
  const events = (body as { events?: unknown } | null)?.events;
  if (!body || typeof body !== 'object' || !Array.isArray(events)) throw invalidField('events', '请求体应为 {events: [...]}');
  if (events.length === 0 || events.length > FEED_BATCH_MAX) throw invalidField('events', `每批须有1至${FEED_BATCH_MAX}条事件`);
}
