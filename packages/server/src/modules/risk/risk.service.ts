import { randomUUID } from 'node:crypto';
import {
  assessmentStatus,
  compareDates,
  instrumentProblems,
  scoreAssessment,
  type AssessmentOccasion,
  type CreateRiskAssessment,
  type Created,
  type RiskInstrumentDto,
  type RiskLevel,
  type RiskOverview,
  type RiskTriggerKind,
  type SaveRiskInstrument,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener } from '../orgs/index.ts';
import { findPersonInScope } from '../persons/index.ts';
import type { RiskLevelSource, RiskSummary, SupervisionService, TestRecordedListener } from '../supervision/index.ts';
import * as repo from './risk.repository.ts';

/** A person never assessed is treated as medium risk (the default test intervals). */
const DEFAULT_LEVEL: RiskLevel = 'medium';

interface SealedAnswers {
  answers: Record<string, string>;
}

function instrumentDto(i: repo.StoredInstrument): RiskInstrumentDto {
  return { id: i.id, version: i.version, items: i.items, thresholds: i.thresholds, createdAt: i.createdAt.toISOString() };
}

/** Risk classification (风险分类评估): the versioned instrument, assessments with overrides, what is due. */
export class RiskService {
  private readonly cipher: FieldCipher;

  constructor(private readonly platform: Platform, private readonly supervision: SupervisionService) {
    this.cipher = new FieldCipher(platform.keys);
  }

  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  /** The level the test schedule uses: the latest assessment's (absent → the schedule's default, medium). */
  readonly riskLevels: RiskLevelSource = (db, personIds) => repo.latestLevels(db, personIds);

  /** A positive or refused test calls for a reassessment (a due task, not an automatic score). */
  readonly testListener: TestRecordedListener = async (trx, _ctx, test) => {
    const kind = test.result === 'positive' ? 'positiveTest' : test.result === 'refused' ? 'refusedTest' : null;
    if (kind) await repo.addTrigger(trx, { id: randomUUID(), personId: test.personId, kind, sourceId: test.id, occurredOn: test.testedOn }, this.now());
  };

  /** A serious violation calls for a reassessment too (called by the violation tasks in the same transaction). */
  async addViolationTrigger(trx: Trx, personId: string, taskId: string, date: string): Promise<void> {
    await repo.addTrigger(trx, { id: randomUUID(), personId, kind: 'violation', sourceId: taskId, occurredOn: date }, this.now());
  }

  readonly unitChangeListener = (trx: Trx, personId: string, orgPath: string): Promise<void> => repo.setAssessmentPaths(trx, personId, orgPath);

  private now(): Date {
    return this.platform.clock.now();
  }

  private today(): string {
    return chinaDate(this.now());
  }

  async instrument(version?: number): Promise<RiskInstrumentDto> {
    const found = await repo.instrument(this.platform.db, version);
    if (!found) throw notFound();
    return instrumentDto(found);
  }

  /** Saves a new version; assessments made with older versions keep theirs. */
  async saveInstrument(ctx: AuthedContext, input: SaveRiskInstrument): Promise<RiskInstrumentDto> {
    const problem = instrumentProblems(input)[0];
    // Request fields are named the way the validator names them: items.1.code, not items[1].code.
    if (problem) throw invalidField(problem.field.replace(/\[(\d+)\]/g, '.$1'), problem.message);
    return this.platform.db.transaction().execute(async (trx) => {
      await repo.lockInstrument(trx);
      const latest = await repo.instrument(trx);
      const id = randomUUID();
      const version = (latest?.version ?? 0) + 1;
      await repo.insertInstrument(trx, { id, version, def: input, createdBy: ctx.actor.userId }, this.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'risk_instrument.saved', entityType: 'risk_instrument', entityId: id,
        changes: { version, items: input.items.length, thresholds: input.thresholds },
      });
      const saved = await repo.instrumentById(trx, id);
      if (!saved) throw notFound();
      return instrumentDto(saved);
    });
  }

  async assess(ctx: AuthedContext, personId: string, input: CreateRiskAssessment): Promise<Created> {
    const today = this.today();
    const assessedOn = input.assessedOn ?? today;
    if (compareDates(assessedOn, today) > 0) throw invalidField('assessedOn', '评估日期不能晚于今天');
    const reason = input.reason?.trim() ?? '';
    if (input.override !== undefined && reason.length < 2) throw invalidField('reason', '人工调整风险等级须填写理由');
    if (input.override === undefined && reason.length > 0) throw invalidField('override', '仅在人工调整风险等级时填写理由');
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scopeOf(ctx.actor), personId, 'share');
      if (!person) throw notFound();
      if (compareDates(assessedOn, person.birthDate) < 0) throw invalidField('assessedOn', '评估日期不能早于出生日期');
      const latest = await repo.instrument(trx);
      if (!latest || latest.version !== input.instrumentVersion) {
        throw invalidField('instrumentVersion', latest ? `评估表已更新为第${latest.version}版，请按最新版本评估` : '评估表不存在');
      }
      const scored = scoreAssessment(latest, input.answers);
      const problem = scored.problems[0];
      if (problem) throw invalidField(problem.field, problem.message);
      const previous = await repo.assessmentsOf(trx, personId);
      const status = assessmentStatus(
        { registeredOn: chinaDate(person.createdAt), lastAssessedOn: previous[0]?.assessedOn ?? null, triggers: await this.triggers(trx, personId) },
        assessedOn,
      );
      const occasion: AssessmentOccasion = previous.length === 0 ? 'registration' : status.openTriggers.length > 0 ? 'triggered' : 'scheduled';
      const level = input.override ?? scored.level;
      const id = randomUUID();
      await repo.insertAssessment(trx, {
        id, personId, instrumentId: latest.id, assessedOn, occasion,
        answersEnc: this.cipher.sealJson(`risk_assessment.answers_enc:${id}`, { answers: input.answers } satisfies SealedAnswers),
        score: scored.score, computedLevel: scored.level, level, overrideReason: input.override !== undefined ? reason : null,
        orgPath: person.orgPath, createdBy: ctx.actor.userId,
      }, this.now());
      // The level sets the test schedule: the stored next test dates follow in this transaction.
      await this.supervision.recomputeDue(trx, personId);
      // The alert rules re-evaluate the person (risk raised) from the outbox, in this transaction.
      await publishEvent(trx, { type: 'risk.assessed', personId, payload: { assessmentId: id } });
      await this.platform.audit.append(trx, ctx, {
        action: 'risk.assessed', entityType: 'person', entityId: personId,
        changes: { assessmentId: id, instrumentVersion: latest.version, occasion, answers: 'changed', level: 'changed', overridden: input.override !== undefined },
        ...(input.override !== undefined ? { reason } : {}),
      });
      return { id };
    });
  }

  /** The current level, what is due next (with its rule) and the full history; audited as a read of the person. */
  async overview(ctx: AuthedContext, personId: string): Promise<RiskOverview> {
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scopeOf(ctx.actor), personId);
      if (!person) throw notFound();
      const history = await repo.assessmentsOf(trx, personId);
      const triggers = await this.triggers(trx, personId);
      const status = assessmentStatus({ registeredOn: chinaDate(person.createdAt), lastAssessedOn: history[0]?.assessedOn ?? null, triggers }, this.today());
      const instruments = new Map<string, repo.StoredInstrument>();
      for (const a of history) {
        if (!instruments.has(a.instrumentId)) {
          const found = await repo.instrumentById(trx, a.instrumentId);
          if (found) instruments.set(a.instrumentId, found);
        }
      }
      await this.platform.audit.append(trx, ctx, { action: 'risk.listed', entityType: 'person', entityId: personId, changes: { count: history.length } });
      return {
        currentLevel: history[0]?.level ?? DEFAULT_LEVEL,
        defaulted: history.length === 0,
        nextDue: status.nextDue,
        due: status.due,
        overdue: status.overdue,
        openTriggers: status.openTriggers,
        items: history.map((a) => {
          const answers = (this.cipher.openJson(`risk_assessment.answers_enc:${a.id}`, a.answersEnc) as SealedAnswers).answers;
          const def = instruments.get(a.instrumentId);
          const explanation = def ? scoreAssessment(def, answers).explanation : '';
          return {
            id: a.id, assessedOn: a.assessedOn, occasion: a.occasion as AssessmentOccasion, instrumentVersion: a.instrumentVersion, answers, score: a.score,
            computedLevel: a.computedLevel, level: a.level, overridden: a.level !== a.computedLevel || a.overrideReason !== null,
            overrideReason: a.overrideReason, explanation, assessor: a.assessor, createdAt: a.createdAt.toISOString(),
          };
        }),
      };
    });
  }

  /** Stored triggers (tests, violations) and missed report-ins, which are computed from the measure clocks. */
  private async triggers(db: Db, personId: string): Promise<{ kind: RiskTriggerKind; date: string }[]> {
    const missed = (await this.supervision.missedReportIns(db, personId)).map((date) => ({ kind: 'missedReportIn' as const, date }));
    return [...(await repo.triggersOf(db, personId)), ...missed];
  }

  /**
   * The high-risk working list's facts: each assessed person's latest final level, its day and the next assessment due
   * (scheduled or triggered). Persons are assessed before, so the registration day is not needed here.
   */
  readonly riskSummaries = async (db: Db, personIds: readonly string[]): Promise<Map<string, RiskSummary>> => {
    const latest = await repo.latestAssessments(db, personIds);
    const today = this.today();
    const summaries = new Map<string, RiskSummary>();
    for (const [personId, a] of latest) {
      const status = assessmentStatus({ registeredOn: a.assessedOn, lastAssessedOn: a.assessedOn, triggers: await this.triggers(db, personId) }, today);
      summaries.set(personId, { level: a.level, assessedOn: a.assessedOn, nextDue: status.nextDue });
    }
    return summaries;
  };

  /** For other modules: whether the levels exist (e.g. the high-risk working list later). */
  levelsOf(db: Db, personIds: readonly string[]): Promise<Map<string, RiskLevel>> {
    return repo.latestLevels(db, personIds);
  }
}
