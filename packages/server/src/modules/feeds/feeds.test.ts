import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AlertDto, FeedEventResult, PartnerDto } from '@qingyuan/shared';
import { composeIdNumber } from '@qingyuan/shared';
import { buildApp, type App } from '../../app.ts';
import { connectPostgres, type DatabaseHandle } from '../../platform/db/database.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { feedSignature, signatureHash } from './feed-signature.ts';

/** A valid ID number nobody is registered under, and a place name: neither may appear anywhere after ingestion. */
const CANARY_ID = composeIdNumber('340188', '1966-06-06', 666);
const CANARY_PLACE = '金丝雀宾馆六六六号房';

describe('partner feeds: signed batches matched by blind index; only matches are kept', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  const log: string[] = [];
  let partner: { id: string; keyId: string; secret: string };
  let registered: { id: string; idNumber: string };

  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await startTestApp({ logLevel: 'debug' }, { logStream: stream });
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    registered = await given(app).person(township, '河畔社区', { name: '住宿比中' });
    const created = await office.post('/api/feeds/partners', { name: '示范区旅馆业治安管理系统', kinds: ['hotel', 'internetCafe'] });
    assert.equal(created.statusCode, 201, created.body);
    partner = created.json();
  });
  after(() => app.close());

  const nowSeconds = () => String(Math.floor(app.clock.now().getTime() / 1000));
  const send = (body: unknown, options: { keyId?: string; secret?: string; timestamp?: string; signature?: string } = {}) => {
    const raw = Buffer.from(JSON.stringify(body));
    const timestamp = options.timestamp ?? nowSeconds();
    const signature = options.signature ?? feedSignature(options.secret ?? partner.secret, timestamp, raw);
    return app.server.inject({
      method: 'POST', url: '/api/feeds/events', payload: raw,
      headers: { 'content-type': 'application/json', 'x-qy-key': options.keyId ?? partner.keyId, 'x-qy-timestamp': timestamp, 'x-qy-signature': signature },
    });
  };
  const event = (id: string, idNumber: string, extra: object = {}) => ({
    id, kind: 'hotel', time: '2026-11-23T01:30:00+08:00', place: { name: '清源宾馆', address: '清源街道河畔路1号' }, idNumber, ...extra,
  });
  const results = (r: Awaited<ReturnType<typeof send>>): FeedEventResult[] => {
    assert.equal(r.statusCode, 200, r.body);
    return r.json<{ results: FeedEventResult[] }>().results;
  };
  const counts = async () => Promise.all(['feed_event', 'alert', 'feed_daily_count', 'alert_transition'].map(async (table) => {
    const row = await app.platform.db.selectFrom(table as 'alert').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }));
  const feedAlerts = async (as: Agent): Promise<AlertDto[]> =>
    (await as.get(`/api/alerts?personId=${registered.id}&rule=partnerFeed&pageSize=200`)).json<{ items: AlertDto[] }>().items;

  it('shows the secret once: the list has the key id only and the database holds the secret sealed', async () => {
    assert.match(partner.keyId, /^qyk_[0-9a-f]{24}$/);
    assert.ok(partner.secret.length >= 40);
    const listed = (await office.get('/api/feeds/partners')).json<{ items: PartnerDto[] }>().items;
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(partner.secret));
    const { rows } = await sql<{ row: string }>`select t::text as row from feed_partner t`.execute(app.platform.db);
    assert.ok(!rows[0]?.row.includes(partner.secret));
    expectProblem(await township.post('/api/feeds/partners', { name: '网吧', kinds: ['internetCafe'] }), 403);
    expectProblem(await office.post('/api/feeds/partners', { name: '网吧', kinds: ['casino'] }), 400, 'kinds.0');
  });

  it('turns a matched event into an alert for the responsible unit with place and time; a re-send stores nothing and tells nothing', async () => {
    const first = results(await send({ events: [event('H-1', registered.idNumber)] }));
    assert.deepEqual(first, [{ id: 'H-1', index: 0, status: 'accepted' }]);
    const alerts = await feedAlerts(township);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.orgUnit.name, '河畔社区');
    assert.equal(alerts[0]?.level, 'medium');
    assert.equal(alerts[0]?.details.placeName, '清源宾馆');
    assert.equal(alerts[0]?.details.time, '2026-11-22T17:30:00.000Z');
    assert.match(alerts[0]?.summary ?? '', /旅馆住宿：2026-11-23 01:30 出现在清源宾馆/);
    assert.deepEqual(await feedAlerts(township2), [], 'another township sees nothing');
    const before = await counts();
    app.clock.advance(1000);
    const again = results(await send({ events: [event('H-1', registered.idNumber)] }));
    // The same answer as for a re-sent event of a person not on the registry: a re-send must not reveal a match.
    assert.deepEqual(again, [{ id: 'H-1', index: 0, status: 'accepted' }]);
    const stranger = composeIdNumber('340188', '1991-03-03', 777);
    assert.deepEqual(results(await send({ events: [event('S-1', stranger)] })), [{ id: 'S-1', index: 0, status: 'accepted' }]);
    app.clock.advance(1000);
    assert.deepEqual(results(await send({ events: [event('S-1', stranger)] })), [{ id: 'S-1', index: 0, status: 'accepted' }]);
    const after = await counts();
    assert.deepEqual([after[0], after[1], after[3]], [before[0], before[1], before[3]], 'no new event, alert or transition');
  });

  it('answers per event: one bad event never rejects the rest', async () => {
    const bad = `${registered.idNumber.slice(0, 17)}${registered.idNumber.endsWith('0') ? '1' : '0'}`;
    const r = results(await send({
      events: [
        event('V-1', registered.idNumber, { place: { name: '清源网吧' }, kind: 'internetCafe' }),
        { id: 'V-2', kind: 'hotel', time: '2026-11-23T01:30:00+08:00', place: { name: '某宾馆' } },
        event('V-3', bad),
        event('V-4', registered.idNumber, { kind: 'logistics' }),
        event('V-1', registered.idNumber),
        event('V-6', registered.idNumber, { time: '昨天' }),
        'not an object',
      ],
    }));
    assert.deepEqual(r.map((x) => [x.id, x.status]), [
      ['V-1', 'accepted'], ['V-2', 'invalid'], ['V-3', 'invalid'], ['V-4', 'invalid'], ['V-1', 'duplicate'], ['V-6', 'invalid'], [null, 'invalid'],
    ]);
    assert.match(r[1]?.reason ?? '', /^身份证号/);
    assert.match(r[2]?.reason ?? '', /校验位/);
    assert.match(r[3]?.reason ?? '', /未获准报送“物流寄递”/);
    assert.match(r[5]?.reason ?? '', /^发生时间/);
    assert.equal((await feedAlerts(township)).length, 2, 'the valid one made its alert');
    expectProblem(await send({ events: [] }), 400, 'events');
    expectProblem(await send({ events: Array.from({ length: 1001 }, (_, i) => event(`B-${i}`, registered.idNumber)) }), 400, 'events');
    expectProblem(await send({ nothing: true }), 400, 'events');
  });

  it('matches each event of a mixed batch to its own person and place, and counts the day exactly', async () => {
    const others = [
      await given(app).person(township, '河畔社区', { name: '批量比中甲' }),
      await given(app).person(township, '河畔社区', { name: '批量比中乙' }),
    ];
    const day = async () => (await office.get('/api/feeds/partners')).json<{ items: PartnerDto[] }>().items.find((p) => p.id === partner.id)?.daily[0];
    const before = await day();
    // 60 events: the three registered persons at scattered positions (each at its own place), strangers elsewhere,
    // one invalid event; the lookup sorts by blind index, so a mix-up of positions would swap places or persons.
    const positions = new Map([[7, registered], [31, others[0]], [52, others[1]]]);
    const events = Array.from({ length: 60 }, (_, i) => {
      const person = positions.get(i);
      if (person) return event(`M-${i}`, person.idNumber, { place: { name: `比中地点${i}` } });
      if (i === 40) return event('M-40', '12345');
      return event(`M-${i}`, composeIdNumber('340188', '1990-01-01', 100 + i), { place: { name: `未比中地点${i}` } });
    });
    const r = results(await send({ events }));
    assert.equal(r.filter((x) => x.status === 'accepted').length, 59);
    assert.equal(r[40]?.status, 'invalid');
    const rows = await app.platform.db.selectFrom('feed_event').innerJoin('alert', 'alert.id', 'feed_event.alert_id')
      .select(['feed_event.event_id', 'alert.person_id', 'alert.details']).where('feed_event.event_id', 'like', 'M-%').orderBy('feed_event.event_id').execute();
    assert.deepEqual(rows.map((x) => [x.event_id, x.person_id, x.details.placeName]), [
      ['M-31', others[0]?.id, '比中地点31'], ['M-52', others[1]?.id, '比中地点52'], ['M-7', registered.id, '比中地点7'],
    ]);
    const after = await day();
    assert.deepEqual(
      [(after?.received ?? 0) - (before?.received ?? 0), (after?.matched ?? 0) - (before?.matched ?? 0), (after?.unmatched ?? 0) - (before?.unmatched ?? 0)],
      [60, 3, 56],
    );
  });

  it('refuses bad signatures with 401 and stores nothing: wrong HMAC, stale timestamp, replay, unknown or revoked key, missing headers', async () => {
    const body = { events: [event('S-1', registered.idNumber)] };
    const before = await counts();
    expectProblem(await send(body, { signature: 'ab'.repeat(32) }), 401);
    expectProblem(await send(body, { secret: 'not-the-secret' }), 401);
    expectProblem(await send(body, { timestamp: String(Number(nowSeconds()) - 301) }), 401);
    expectProblem(await send(body, { timestamp: String(Number(nowSeconds()) + 301) }), 401);
    expectProblem(await send(body, { keyId: 'qyk_000000000000000000000000' }), 401);
    const missing = await app.server.inject({ method: 'POST', url: '/api/feeds/events', payload: body });
    expectProblem(missing, 401);
    assert.deepEqual(await counts(), before, 'nothing stored');

    const timestamp = nowSeconds();
    const replayBody = { events: [event('S-2', registered.idNumber)] };
    assert.equal((await send(replayBody, { timestamp })).statusCode, 200);
    const afterFirst = await counts();
    expectProblem(await send(replayBody, { timestamp }), 401);
    assert.deepEqual(await counts(), afterFirst, 'the replay stored nothing');

    const other = (await office.post('/api/feeds/partners', { name: '示范区网吧管理平台', kinds: ['internetCafe'] })).json<{ id: string; keyId: string; secret: string }>();
    const rotated = await office.post(`/api/feeds/partners/${other.id}/rotate`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    const fresh = rotated.json<{ secret: string }>().secret;
    const cafe = { events: [event('C-1', registered.idNumber, { kind: 'internetCafe' })] };
    expectProblem(await send(cafe, { keyId: other.keyId, secret: other.secret }), 401);
    assert.equal((await send(cafe, { keyId: other.keyId, secret: fresh })).statusCode, 200);
    assert.equal((await office.post(`/api/feeds/partners/${other.id}/revoke`)).statusCode, 200);
    const beforeRevoked = await counts();
    expectProblem(await send({ events: [event('C-2', registered.idNumber, { kind: 'internetCafe' })] }, { keyId: other.keyId, secret: fresh }), 401);
    assert.deepEqual(await counts(), beforeRevoked);
    const audit = await app.platform.db.selectFrom('audit_event').select('action').where('action', '=', 'feed.signature_rejected').execute();
    assert.ok(audit.length >= 8, 'each refusal is audited (without the body)');
  });

  it('keeps no trace of events that match nobody: only the day’s count moves (tables, audit and logs scanned)', async () => {
    const before = await counts();
    const r = results(await send({ events: [event('金丝雀事件-N-1', CANARY_ID, { place: { name: CANARY_PLACE, address: CANARY_PLACE } })] }));
    assert.deepEqual(r, [{ id: '金丝雀事件-N-1', index: 0, status: 'accepted' }]);
    const after = await counts();
    assert.deepEqual([after[0], after[1], after[3]], [before[0], before[1], before[3]]);
    const daily = (await office.get('/api/feeds/partners')).json<{ items: PartnerDto[] }>().items.find((p) => p.id === partner.id)?.daily[0];
    assert.ok(daily && daily.unmatched >= 1 && daily.received > daily.matched);

    const canaries = [CANARY_ID, CANARY_ID.slice(0, 17), CANARY_PLACE, '金丝雀事件-N-1'];
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(app.platform.db);
    assert.ok(tables.some((t) => t.name === 'feed_event'));
    for (const { name } of tables) {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(app.platform.db);
      for (const { row } of rows) for (const canary of canaries) assert.ok(!row.includes(canary), `${canary} in ${name}: ${row.slice(0, 200)}`);
    }
    const text = log.join('');
    assert.ok(text.includes('/api/feeds/events'), 'the logs were captured');
    for (const canary of [...canaries, registered.idNumber]) assert.ok(!text.includes(canary), `${canary} is in the server log`);
  });
});

describe('partner feeds: rate limit per partner key', () => {
  let app: TestApp;
  after(() => app.close());
  it('answers 429 past the per-minute limit of a key', async () => {
    app = await startTestApp({ feedRateLimitPerMinute: 2 });
    const office = await app.login('office');
    const p = (await office.post('/api/feeds/partners', { name: '限流测试', kinds: ['hotel'] })).json<{ keyId: string; secret: string }>();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const raw = Buffer.from(JSON.stringify({ events: [{ id: `R-${i}`, kind: 'hotel', time: '2026-11-23T01:30:00+08:00', place: { name: '宾馆' }, idNumber: CANARY_ID }] }));
      const ts = String(Math.floor(app.clock.now().getTime() / 1000));
      const r = await app.server.inject({
        method: 'POST', url: '/api/feeds/events', payload: raw,
        headers: { 'content-type': 'application/json', 'x-qy-key': p.keyId, 'x-qy-timestamp': ts, 'x-qy-signature': feedSignature(p.secret, ts, raw) },
      });
      statuses.push(r.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
  });
});

describe('partner feeds: one replay store for every server on the database', () => {
  let a: TestApp;
  let b: App;
  // PostgreSQL: the second server has its own pool on the same database; PGlite: the same embedded database.
  let bDatabase: DatabaseHandle | null = null;
  let partner: { id: string; keyId: string; secret: string };
  let registered: { id: string; idNumber: string };

  before(async () => {
    a = await startTestApp();
    const url = process.env.DATABASE_URL;
    if (url) {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(a.platform.db);
      const target = new URL(url);
      target.pathname = `/${rows[0]?.name ?? ''}`;
      bDatabase = connectPostgres(target.toString(), 2);
    }
    b = await buildApp({ config: a.platform.config, database: bDatabase ?? a.database, keys: a.platform.keys, clock: a.clock, jobs: false, logger: false });
    const office = await a.login('office');
    registered = await given(a).person(await a.login('township'), '河畔社区', { name: '两台服务器' });
    partner = (await office.post('/api/feeds/partners', { name: '两台服务器测试', kinds: ['hotel'] })).json();
  });
  after(async () => {
    await b.server.close();
    await bDatabase?.close();
    await a.close();
  });

  const timestamp = () => String(Math.floor(a.clock.now().getTime() / 1000));
  const signed = (body: unknown, ts = timestamp()) => {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return { raw, ts, signature: feedSignature(partner.secret, ts, raw) };
  };
  const sendTo = (server: App, request: ReturnType<typeof signed>) => server.server.inject({
    method: 'POST', url: '/api/feeds/events', payload: request.raw,
    headers: { 'content-type': 'application/json', 'x-qy-key': partner.keyId, 'x-qy-timestamp': request.ts, 'x-qy-signature': request.signature },
  });
  const hotel = (id: string, idNumber: string) => ({ id, kind: 'hotel', time: '2026-11-23T01:30:00+08:00', place: { name: '清源宾馆' }, idNumber });
  const stored = async () => Promise.all(['feed_event', 'alert', 'alert_transition', 'feed_daily_count'].map(async (table) => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(a.platform.db);
    return Number(rows[0]?.n);
  }));
  const rejections = async () => Number((await a.platform.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'feed.signature_rejected').executeTakeFirstOrThrow()).n);

  it('refuses on one server a request the other accepted, with the same 401 as a bad signature; at once, exactly one is taken', async () => {
    const request = signed({ events: [hotel('T-1', registered.idNumber)] });
    const first = await sendTo(a, request);
    assert.equal(first.statusCode, 200, first.body);
    const before = await stored();
    const rejectedBefore = await rejections();
    const replay = await sendTo(b, request);
    const badHmac = await sendTo(b, { ...request, signature: 'ab'.repeat(32) });
    expectProblem(replay, 401);
    assert.deepEqual(replay.json<{ title: string }>().title, expectProblem(badHmac, 401).title, 'a replay answers as a bad signature');
    expectProblem(await sendTo(a, request), 401);
    assert.deepEqual(await stored(), before, 'the replays stored nothing');
    assert.equal(await rejections(), rejectedBefore + 3, 'each refusal is audited');

    // The same request at both servers at once: one takes it (its alert), the other waits for it and refuses.
    const race = signed({ events: [hotel('T-2', registered.idNumber)] });
    const statuses = (await Promise.all([sendTo(a, race), sendTo(b, race)])).map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [200, 401]);
    const after = await stored();
    assert.deepEqual(after.slice(0, 3).map((n, i) => n - (before[i] ?? 0)), [1, 1, 1], 'one event, one alert, one transition');
  });

  it('uses up the signature of a refused body too: its replay on the other server is a 401, not a 400', async () => {
    const bad = signed('{"events": [');
    expectProblem(await sendTo(a, bad), 400, 'events');
    expectProblem(await sendTo(b, bad), 401);
    const empty = signed({ events: [] });
    expectProblem(await sendTo(b, empty), 400, 'events');
    expectProblem(await sendTo(a, empty), 401);
  });

  it('stores a hash of the signature until 2× the window; an expired row blocks nothing and is purged', async () => {
    const seen = async () => (await sql<{ key_id: string; hash: string; expires_at: Date }>`
      select key_id, encode(signature_hash, 'hex') as hash, expires_at from feed_seen_signature order by expires_at`.execute(a.platform.db)).rows;
    const request = signed({ events: [hotel('T-3', composeIdNumber('340188', '1980-02-02', 303))] });
    // A row for this very signature that expired already (e.g. written by a server whose clock ran ahead).
    await sql`insert into feed_seen_signature (key_id, signature_hash, expires_at)
      values (${partner.keyId}, decode(${signatureHash(request.signature)}, 'hex'), ${new Date(a.clock.now().getTime() - 1000)})`.execute(a.platform.db);
    assert.equal((await sendTo(b, request)).statusCode, 200, 'an expired row does not make a replay');
    expectProblem(await sendTo(a, request), 401);
    const row = (await seen()).find((r) => r.hash === signatureHash(request.signature));
    assert.equal(row?.key_id, partner.keyId);
    assert.equal(row?.expires_at.getTime(), a.clock.now().getTime() + 600_000, 'kept for 2 × 5 minutes');
    const rows = await seen();
    assert.ok(rows.length >= 5);
    for (const r of rows) assert.ok(![request.signature].includes(r.hash) && r.hash.length === 64, 'a hash, never the signature');

    a.clock.advance(11 * 60_000);
    const later = signed({ events: [hotel('T-4', registered.idNumber)] });
    assert.equal((await sendTo(a, later)).statusCode, 200);
    assert.deepEqual((await seen()).map((r) => r.hash), [signatureHash(later.signature)], 'the expired rows were purged, the new one kept');
    expectProblem(await sendTo(b, later), 401);
  });
});

describe('alerts engine: raiseMany raises one open alert per rule and subject, in one statement', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('skips subjects with an open alert (their ids are not reported), takes the stored SLA, records a raised transition each', async () => {
    const township = await app.login('township');
    const person = await given(app).person(township, '河畔社区', { name: '批量预警' });
    const row = await app.platform.db.selectFrom('person').select(['org_unit_id', 'org_path']).where('id', '=', person.id).executeTakeFirstOrThrow();
    const engine = app.alerts.engine;
    const input = (subjectKey: string) => ({
      ruleCode: 'partnerFeed', subjectKey, personId: person.id, orgUnitId: row.org_unit_id, orgPath: row.org_path, summary: `测试 ${subjectKey}`, details: { n: subjectKey },
    });
    const raise = (keys: string[]) => app.platform.db.transaction().execute((trx) => engine.raiseMany(trx, keys.map(input)));
    await app.platform.db.updateTable('alert_sla').set({ ack_minutes: 30, resolve_minutes: 90 }).where('level', '=', 'medium').execute();

    const first = await raise(['feed:x:1']);
    assert.deepEqual([...first.keys()], ['feed:x:1']);
    const second = await raise(['feed:x:1', 'feed:x:2']);
    assert.deepEqual([...second.keys()], ['feed:x:2'], 'the subject with an open alert is not raised again nor reported');
    assert.notEqual(second.get('feed:x:2'), first.get('feed:x:1'));

    const alerts = await app.platform.db.selectFrom('alert').select(['id', 'subject_key', 'status', 'level', 'raised_at', 'ack_due_at', 'resolve_due_at', 'details', 'inbox_path'])
      .where('subject_key', 'like', 'feed:x:%').orderBy('subject_key').execute();
    assert.deepEqual(alerts.map((x) => [x.id, x.subject_key, x.status, x.level, x.details.n, x.inbox_path]), [
      [first.get('feed:x:1'), 'feed:x:1', 'new', 'medium', 'feed:x:1', row.org_path], [second.get('feed:x:2'), 'feed:x:2', 'new', 'medium', 'feed:x:2', row.org_path],
    ]);
    const now = app.clock.now().getTime();
    for (const x of alerts) {
      assert.deepEqual([x.raised_at.getTime(), x.ack_due_at.getTime(), x.resolve_due_at.getTime()], [now, now + 30 * 60_000, now + 90 * 60_000], 'deadlines from the stored SLA');
    }
    const transitions = await app.platform.db.selectFrom('alert_transition').select(['alert_id', 'action', 'from_status', 'to_status', 'actor_id'])
      .where('alert_id', 'in', alerts.map((x) => x.id)).orderBy('alert_id').execute();
    assert.deepEqual(transitions.map((t) => [t.alert_id, t.action, t.from_status, t.to_status, t.actor_id]),
      alerts.map((x) => [x.id, 'raised', null, 'new', null]).sort((p, q) => String(p[0]).localeCompare(String(q[0]))));

    // Once the open alert is resolved, the subject may raise again.
    await app.platform.db.updateTable('alert').set({ status: 'resolved', outcome: 'falseAlarm', closed_at: app.clock.now() }).where('id', '=', first.get('feed:x:1') ?? '').execute();
    const third = await raise(['feed:x:1', 'feed:x:2']);
    assert.deepEqual([...third.keys()], ['feed:x:1']);
    assert.notEqual(third.get('feed:x:1'), first.get('feed:x:1'));
  });
});
