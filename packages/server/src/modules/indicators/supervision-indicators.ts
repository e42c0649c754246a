import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import {
  SUPERVISION_INDICATORS,
  SUPERVISION_INDICATOR_INFO,
  compareDates,
  daysBetween,
  percentOf,
  testStatus,
  type DateRange,
  type MeasureKind,
  type SupervisionIndicator,
} from '@qingyuan/shared';
import { ARCHIVE_PREFIX, archiveScope, archivedPath, inScope, isWorkTeamScope } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { clocksOf, eventsOf, measuresOfPersons, testPolicyResolver, type StoredEvent, type StoredMeasure } from '../supervision/index.ts';
import type { IndicatorArea, IndicatorFigure, IndicatorProvider } from './registry.ts';

/**
 * Person and supervision indicators (docs/indicators.md). Every figure is a set of persons: the value is its size
 * (or, for a rate, numerator ÷ denominator), and the drill-down lists the same set — so the persons add up to the
 * figure by construction. Computed in memory from the stored facts with the same pure rules as the screens
 * (measure clocks, test schedule), as of the period's last day.
 */

export interface FigureSet {
  /** The persons behind the figure (the denominator for a rate), each with a short Chinese note. */
  persons: Map<string, string>;
  /** For a rate: the persons of `persons` in the numerator. */
  numerator: Set<string> | null;
}

const COMMUNITY: readonly string[] = ['communityTreatment', 'communityRehab'];
const IN_EXECUTION = ['active', 'suspended', 'escaped'];
const LOST_CONTACT_DAYS = 30;
/** No risk assessment on the period's last day is assumed: the default (medium) schedule, as docs/indicators.md says. */
const RISK = 'medium' as const;

/** Persons of a subtree: by path only (a pending transfer does not count twice); a work-team scope keeps its team. */
function personArea<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, path: string, idColumn: string, area: IndicatorArea): Expression<SqlBool> {
  const scoped = isWorkTeamScope(area.scope) ? inScope(eb, path, area.scope, idColumn) : inScope(eb, path, area.scope);
  return eb.and([scoped, inScope(eb, path, { rootPath: area.path })]);
}

async function batched<T>(ids: readonly string[], load: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 1000) out.push(...await load(ids.slice(i, i + 1000)));
  return out;
}

/** A measure as it stood at the end of `to`: later report-in, ends and events are not known yet. */
function asOf(m: StoredMeasure, events: readonly StoredEvent[], to: string): { measure: StoredMeasure; events: StoredEvent[] } {
  const known = (d: string | null) => d !== null && compareDates(d, to) <= 0;
  return {
    measure: {
      ...m,
      reportInDate: known(m.reportInDate) ? m.reportInDate : null,
      endedOn: known(m.endedOn) ? m.endedOn : null,
      endReason: known(m.endedOn) ? m.endReason : null,
    },
    events: events.filter((e) => known(e.from)).map((e) => ({ ...e, to: known(e.to) ? e.to : null })),
  };
}

interface StoredTest {
  id: string;
  testedOn: string;
}

interface Facts {
  persons: { id: string; status: string; created_at: Date; org_path: string }[];
  measures: StoredMeasure[];
  eventsByMeasure: Map<string, StoredEvent[]>;
  /** Each person's tests, oldest first (dates only: results are opened for the tests a period counts). */
  tests: Map<string, StoredTest[]>;
  tasks: { person_id: string; reached_on: string; explanation: string }[];
}

/** Loaded facts by `<scope>|<path>`, plus opened test results by test id. */
interface Memo {
  facts: Map<string, Promise<Facts>>;
  results: Map<string, string>;
}

// Without a request memo, a transaction is short-lived enough to cache on (the cache dies with the transaction object);
// a plain handle gets a fresh memo per call, so later requests never see stale facts.
const transactionMemos = new WeakMap<Db, Memo>();
const MEMO_KEY = 'supervision-indicators';

const newMemo = (): Memo => ({ facts: new Map(), results: new Map() });

function memoOf(db: Db, area: IndicatorArea): Memo {
  if (area.memo) {
    let memo = area.memo.get(MEMO_KEY) as Memo | undefined;
    if (!memo) area.memo.set(MEMO_KEY, (memo = newMemo()));
    return memo;
  }
  if (!db.isTransaction) return newMemo();
  let memo = transactionMemos.get(db);
  if (!memo) transactionMemos.set(db, (memo = newMemo()));
  return memo;
}

const scopeKey = (area: IndicatorArea): string => `${area.scope.rootPath}|${area.scope.workTeamAccountId ?? ''}`;

/**
 * The entry for `area.path`, or one derived from an ancestor area already loaded under the same scope (a district's
 * facts serve each of its townships by filtering on the path), or a fresh load.
 */
function fromMemo<T>(cache: Map<string, Promise<T>>, area: IndicatorArea, suffix: string, narrow: (ancestor: T) => Promise<T>, load: () => Promise<T>): Promise<T> {
  const prefix = `${scopeKey(area)}|`;
  const key = `${prefix}${area.path}${suffix}`;
  let found = cache.get(key);
  if (!found) {
    const ancestor = [...cache.keys()].find((k) => k.startsWith(prefix) && k.endsWith(suffix) && area.path.startsWith(k.slice(prefix.length, k.length - suffix.length)));
    const loaded = ancestor ? cache.get(ancestor) : undefined;
    found = loaded ? loaded.then(narrow) : load();
    cache.set(key, found);
  }
  return found;
}

/**
 * Persons of the area (archived persons are outside every ordinary scope already), their measures and events. The register
 * counts persons entered by the period's end; measures and tests count by their own dates (history entered later still
 * belongs to its period).
 */
function factsOf(db: Db, area: IndicatorArea, memo: Memo): Promise<Facts> {
  const narrow = async (all: Facts): Promise<Facts> => {
    const persons = all.persons.filter((p) => p.org_path.startsWith(area.path));
    const ids = new Set(persons.map((p) => p.id));
    return {
      persons, measures: all.measures.filter((m) => ids.has(m.personId)), eventsByMeasure: all.eventsByMeasure,
      tests: new Map([...all.tests].filter(([personId]) => ids.has(personId))), tasks: all.tasks.filter((t) => ids.has(t.person_id)),
    };
  };
  return fromMemo(memo.facts, area, '', narrow, async () => {
    const persons = await db.selectFrom('person').select(['id', 'status', 'created_at', 'org_path'])
      .where((eb) => personArea(eb, 'org_path', 'person.id', area)).execute();
    const measures = await measuresOfPersons(db, persons.map((p) => p.id));
    const events = await batched(measures.map((m) => m.id), (batch) => eventsOf(db, batch));
    const eventsByMeasure = new Map<string, StoredEvent[]>();
    for (const e of events) {
      const list = eventsByMeasure.get(e.measureId);
      if (list) list.push(e);
      else eventsByMeasure.set(e.measureId, [e]);
    }
    const ids = persons.map((p) => p.id);
    // Every test date once (not per period): each period's last test and its own tests are found in memory.
    const tests = new Map<string, StoredTest[]>();
    for (const t of await batched(ids, (batch) => db.selectFrom('drug_test').select(['id', 'person_id', 'tested_on'])
      .where('person_id', 'in', batch).orderBy('tested_on').orderBy('id').execute())) {
      const list = tests.get(t.person_id);
      const test = { id: t.id, testedOn: t.tested_on };
      if (list) list.push(test);
      else tests.set(t.person_id, [test]);
    }
    const tasks = await batched(ids, (batch) => db.selectFrom('violation_task').select(['person_id', 'reached_on', 'explanation'])
      .where('person_id', 'in', batch).execute());
    return { persons, measures, eventsByMeasure, tests, tasks };
  });
}

/** The result ('negative' | 'positive' | 'refused') of each test, opened once per memo (sealed at rest). */
async function resultsOf(db: Db, memo: Memo, cipher: FieldCipher, testIds: readonly string[]): Promise<Map<string, string>> {
  const missing = testIds.filter((id) => !memo.results.has(id));
  for (const t of await batched(missing, (batch) => db.selectFrom('drug_test').select(['id', 'result_enc']).where('id', 'in', batch).execute())) {
    memo.results.set(t.id, (cipher.openJson(`drug_test.result_enc:${t.id}`, t.result_enc) as { result: string }).result);
  }
  return memo.results;
}

export async function supervisionSets(db: Db, area: IndicatorArea, range: DateRange, cipher: FieldCipher): Promise<Map<SupervisionIndicator, FigureSet>> {
  return (await setsWithPaths(db, area, range, cipher)).sets;
}

/**
 * The figures of several units inside `area` (each path under area.path) from one computation over the area: every
 * figure is a set of persons whose membership depends on that person's own facts only, so a unit's set is the area's
 * set narrowed to the persons whose path lies under the unit — the same as computing for the unit.
 */
export async function supervisionSetsOfUnits(db: Db, area: IndicatorArea, paths: readonly string[], range: DateRange, cipher: FieldCipher): Promise<Map<string, Map<SupervisionIndicator, FigureSet>>> {
  const { sets, pathOf } = await setsWithPaths(db, area, range, cipher);
  // Each counted person's units among `paths` (the district and its township, mostly), found once.
  const unitsOf = new Map<string, string[]>();
  const unitsFor = (id: string): string[] => {
    let units = unitsOf.get(id);
    if (!units) {
      const path = pathOf.get(id) ?? '';
      unitsOf.set(id, (units = paths.filter((p) => path.startsWith(p))));
    }
    return units;
  };
  const out = new Map(paths.map((path) => [path, new Map([...sets].map(([code, s]): [SupervisionIndicator, FigureSet] =>
    [code, { persons: new Map<string, string>(), numerator: s.numerator === null ? null : new Set<string>() }]))]));
  const setOf = (path: string, code: SupervisionIndicator) => out.get(path)?.get(code) as FigureSet;
  for (const [code, s] of sets) {
    for (const [id, note] of s.persons) for (const path of unitsFor(id)) setOf(path, code).persons.set(id, note);
    for (const id of s.numerator ?? []) for (const path of unitsFor(id)) setOf(path, code).numerator?.add(id);
  }
  return out;
}

async function setsWithPaths(db: Db, area: IndicatorArea, range: DateRange, cipher: FieldCipher): Promise<{ sets: Map<SupervisionIndicator, FigureSet>; pathOf: Map<string, string> }> {
  const { from, to } = range;
  const inRange = (d: string | null | undefined): d is string => !!d && compareDates(d, from) >= 0 && compareDates(d, to) <= 0;
  const sets = new Map<SupervisionIndicator, FigureSet>(SUPERVISION_INDICATORS.map((code) => [code, {
    persons: new Map<string, string>(), numerator: SUPERVISION_INDICATOR_INFO[code].unit === '%' ? new Set<string>() : null,
  }]));
  const set = (code: SupervisionIndicator) => sets.get(code) as FigureSet;
  const add = (code: SupervisionIndicator, personId: string, note: string, inNumerator = false) => {
    const s = set(code);
    if (!s.persons.has(personId)) s.persons.set(personId, note);
    if (inNumerator && s.numerator) {
      s.numerator.add(personId);
      s.persons.set(personId, note);
    }
  };

  const memo = memoOf(db, area);
  const facts = await factsOf(db, area, memo);
  const { persons, measures: allMeasures, eventsByMeasure } = facts;
  for (const p of persons) {
    if (compareDates(chinaDate(p.created_at), to) > 0) continue;
    add('persons.registered', p.id, `${chinaDate(p.created_at)}登记`);
    if (p.status === 'active') add('persons.current', p.id, '在册');
  }
  // Measures as of the period's end.
  const measures = allMeasures.filter((m) => compareDates(m.decisionDate, to) <= 0);

  // Tests: the last one before the period and up to its end per person, and the period's own (results opened once).
  const lastTests = new Map<string, { before: string | null; upTo: string | null }>();
  const periodTests: { id: string; personId: string; testedOn: string }[] = [];
  for (const [personId, list] of facts.tests) {
    let before: string | null = null;
    let upTo: string | null = null;
    for (const t of list) {
      if (t.testedOn > to) break;
      upTo = t.testedOn;
      if (t.testedOn < from) before = t.testedOn;
      else periodTests.push({ id: t.id, personId, testedOn: t.testedOn });
    }
    lastTests.set(personId, { before, upTo });
  }
  const results = await resultsOf(db, memo, cipher, periodTests.map((t) => t.id));
  // The test schedule of each person's responsible unit (检测频次设置), all policies in one query.
  const policyAt = await testPolicyResolver(db);
  const testedInPeriod = new Set<string>();
  for (const t of periodTests) {
    testedInPeriod.add(t.personId);
    const result = results.get(t.id);
    if (result === 'refused') continue;
    add('supervision.relapseRate', t.personId, result === 'positive' ? `${t.testedOn}检测阳性` : '本期检测均为阴性', result === 'positive');
  }

  for (const stored of measures) {
    const { measure: m, events: evs } = asOf(stored, eventsByMeasure.get(stored.id) ?? [], to);
    const clocks = clocksOf(m, evs, to);
    const kind = m.kind as MeasureKind;
    const community = COMMUNITY.includes(kind);
    if (IN_EXECUTION.includes(clocks.status)) add(`measures.${kind}`, m.personId, `${m.decisionDate}决定`);
    if (kind === 'compulsoryIsolation' && clocks.status === 'escaped') add('supervision.lostContact', m.personId, '强制隔离戒毒脱逃未归');
    if (!community) continue;
    const due = clocks.reportInDue?.date;
    if (inRange(due)) {
      const onTime = m.reportInDate !== null && (compareDates(m.reportInDate, due) <= 0 || m.justifiedLateReport);
      add('supervision.reportInRate', m.personId, onTime ? `${m.reportInDate ?? ''}按期报到` : `报到期限${due}，未按期报到`, onTime);
    }
    if (inRange(m.decisionDate)) {
      const reported = m.reportInDate !== null;
      add('supervision.executionRate', m.personId, reported ? `${m.reportInDate ?? ''}报到执行` : `${m.decisionDate}决定，未报到`, reported);
    }
    for (const flag of clocks.flags) {
      if (flag.code === 'refusedToReport' && inRange(flag.date)) add('supervision.seriousViolations', m.personId, flag.explanation);
    }
    if (clocks.status === 'notReportedIn' && due && daysBetween(due, to) > LOST_CONTACT_DAYS) {
      add('supervision.lostContact', m.personId, `报到期限${due}已过${String(daysBetween(due, to))}日仍未报到`);
    }
    if (clocks.status === 'active' && m.reportInDate !== null) {
      const termEnd = clocks.termEnd?.date ?? null;
      const last = lastTests.get(m.personId);
      const policy = policyAt(m.orgPath);
      const planned = testStatus({ measureStart: m.reportInDate, lastTestDate: last?.before ?? null, risk: RISK, termEnd }, to, policy).nextDue;
      if (planned && compareDates(planned.date, to) <= 0) {
        const tested = testedInPeriod.has(m.personId);
        add('supervision.testRate', m.personId, tested ? '本期已检测' : `${planned.date}应检测，本期未检测`, tested);
      }
      const now = testStatus({ measureStart: m.reportInDate, lastTestDate: last?.upTo ?? null, risk: RISK, termEnd }, to, policy).nextDue;
      if (now && daysBetween(now.date, to) > LOST_CONTACT_DAYS) add('supervision.lostContact', m.personId, `检测应于${now.date}进行，已逾期${String(daysBetween(now.date, to))}日`);
    }
  }

  // Serious-violation tasks (拒绝检测、擅自离开县域) raised in the period.
  for (const t of facts.tasks) if (inRange(t.reached_on)) add('supervision.seriousViolations', t.person_id, t.explanation);

  // Approved in the period: read from the archive (counted, never listed without archive.read).
  const archived = await db.selectFrom('abstinence_review').select(['person_id', 'decided_on', 'org_path']).where('status', '=', 'approved')
    .where('decided_on', '>=', from).where('decided_on', '<=', to)
    .where((eb) => eb.and([inScope(eb, 'org_path', archiveScope(area.scope)), inScope(eb, 'org_path', { rootPath: archivedPath(area.path) })]))
    .execute();
  for (const r of archived) add('persons.abstinent', r.person_id, `${r.decided_on ?? ''}批准`);
  // Where each counted person lies (an archived one by its review's path, outside the archive prefix).
  const pathOf = new Map(persons.map((p) => [p.id, p.org_path]));
  for (const r of archived) pathOf.set(r.person_id, r.org_path.slice(ARCHIVE_PREFIX.length));
  return { sets, pathOf };
}

export function figureOf(code: SupervisionIndicator, s: FigureSet): IndicatorFigure {
  if (s.numerator === null) return { value: String(s.persons.size), numerator: s.persons.size, denominator: null };
  const denominator = s.persons.size;
  return {
    value: denominator === 0 ? null : percentOf(BigInt(s.numerator.size), BigInt(denominator)).toFixed(1),
    numerator: s.numerator.size,
    denominator,
  };
}

export function supervisionProvider(cipher: FieldCipher): IndicatorProvider {
  return {
    module: 'supervision',
    definitions: SUPERVISION_INDICATORS.map((code) => ({
      code, label: SUPERVISION_INDICATOR_INFO[code].label, unit: SUPERVISION_INDICATOR_INFO[code].unit, module: 'supervision',
      definition: SUPERVISION_INDICATOR_INFO[code].definition, aggregation: SUPERVISION_INDICATOR_INFO[code].unit === '%' ? 'ratio' as const : 'sum' as const,
      target: false, version: 1,
    })),
    async compute(db, area, range) {
      const sets = await supervisionSets(db, area, range, cipher);
      return new Map([...sets].map(([code, s]) => [code, figureOf(code, s)]));
    },
    async computeUnits(db, area, paths, range) {
      const units = await supervisionSetsOfUnits(db, area, paths, range, cipher);
      return new Map([...units].map(([path, sets]) => [path, new Map([...sets].map(([code, s]) => [code, figureOf(code, s)]))]));
    },
  };
}

