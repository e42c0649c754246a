import type { FastifyInstance } from 'fastify';
import { addDays, compareDates, daysBetween, maxDate, type CreateDrugTest, type CreateMeasure, type CreateRiskAssessment, type CreateVisit, type PersonListItem } from '@qingyuan/shared';
import { DEMO_PASSWORD } from './demo-district.ts';

/**
 * Supervision histories for the demo district (演示管控数据): community measures with report-ins, drug tests, visits and
 * risk assessments for one demo person in four. They are written through the platform's own API as the office
 * account, so every rule, audit row and alert event is the real one: the dashboard's rates, the working lists and the
 * alert inbox of a fresh `npm start` have something to show. Deterministic for a given `today`.
 */

export interface DemoSupervisionSummary {
  persons: number;
  measures: number;
  tests: number;
  visits: number;
  assessments: number;
}

const SHARE = 4; // one person in four
const TEST_HISTORY_DAYS = 365; // tests are recorded for the last year only (keeps the first start short)
const VISIT_HISTORY_DAYS = 90;

function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/** A signed-in API caller over `server.inject` (cookie session + CSRF header), failing loudly on any refusal. */
async function officeCaller(server: FastifyInstance) {
  const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`demo supervision: office login failed (${String(login.statusCode)})`);
  const cookies: Record<string, string> = {};
  for (const c of login.cookies as { name: string; value: string }[]) cookies[c.name] = c.value;
  const headers = { 'x-csrf-token': cookies['qy_csrf'] ?? '' };
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const r = await server.inject({ method, url, cookies, headers, ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`demo supervision: ${method} ${url} answered ${String(r.statusCode)}: ${r.body}`);
    return r.json<T>();
  };
  return { get: <T>(url: string) => call<T>('GET', url), post: <T>(url: string, payload: object) => call<T>('POST', url, payload) };
}

async function allPersons(api: Awaited<ReturnType<typeof officeCaller>>): Promise<PersonListItem[]> {
  const persons: PersonListItem[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await api.get<{ items: PersonListItem[]; total: number }>(`/api/persons?pageSize=200&page=${String(page)}`);
    persons.push(...items);
    if (persons.length >= total || items.length === 0) return persons.sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** The test interval of the measure's year (1st year monthly, 2nd every two months, 3rd quarterly), with some slack. */
function nextTestAfter(day: string, reportedOn: string, rnd: ReturnType<typeof generator>): string {
  const yearsIn = Math.floor(daysBetween(reportedOn, day) / 365);
  const base = yearsIn === 0 ? 30 : yearsIn === 1 ? 60 : 90;
  return addDays(day, base - rnd.int(0, 6));
}

/**
 * Writes the histories; call it once, right after seedDemoDistrict has loaded the district. Returns what it wrote.
 * An aborted `signal` (the server is stopping) ends it after the current person.
 */
export async function seedDemoSupervision(server: FastifyInstance, today: string, signal?: AbortSignal): Promise<DemoSupervisionSummary> {
  const summary: DemoSupervisionSummary = { persons: 0, measures: 0, tests: 0, visits: 0, assessments: 0 };
  const api = await officeCaller(server);
  const rnd = generator(20_261_123);
  const persons = (await allPersons(api)).filter((_, i) => i % SHARE === 0);
  for (const [k, person] of persons.entries()) {
    if (signal?.aborted) break;
    // One in fifteen was ordered three to six weeks ago and has not reported in (逾期未报到); the others between
    // 40 days and three years ago, so some measures end within the month.
    const notReportedIn = k % 15 === 7;
    const decisionDate = addDays(today, notReportedIn ? -rnd.int(20, 40) : -rnd.int(40, 1_085));
    const received = addDays(decisionDate, rnd.int(1, 3));
    const kind: CreateMeasure['kind'] = rnd.chance(0.7) ? 'communityTreatment' : 'communityRehab';
    const order: CreateMeasure = {
      kind, decisionDate, decisionReceivedDate: received, decidingAgency: '示范区公安分局', executingOrgUnitId: person.orgUnitId,
      ...(kind === 'communityRehab' ? { termMonths: 36 } : {}),
    };
    const measure = await api.post<{ id: string }>(`/api/persons/${person.id}/measures`, order);
    summary.persons++;
    summary.measures++;
    if (notReportedIn) continue;
    const reportedOn = addDays(received, rnd.int(1, 14));
    await api.post(`/api/measures/${measure.id}/report-in`, { reportedOn, agreementSigned: true });

    const assessment: CreateRiskAssessment = {
      instrumentVersion: 1, assessedOn: reportedOn,
      answers: {
        useYears: rnd.pick(['lt1', 'y1to5', 'y1to5', 'gt5']), recentPositive: rnd.pick(['no', 'no', 'once', 'more']),
        missedReport: rnd.pick(['no', 'no', 'no', 'once']), housing: rnd.pick(['stable', 'stable', 'stable', 'none']),
        employment: rnd.pick(['employed', 'casual', 'none']), family: rnd.pick(['strong', 'strong', 'weak', 'none']),
        record: rnd.pick(['none', 'none', 'admin', 'criminal']),
      },
    };
    await api.post(`/api/persons/${person.id}/risk-assessments`, assessment);
    summary.assessments++;

    // Tests on schedule over the last year; one person in ten has stopped coming (检测逾期).
    const stopsEarly = rnd.chance(0.1);
    const lastTestDay = stopsEarly ? addDays(today, -rnd.int(45, 120)) : today;
    const firstShown = addDays(today, -TEST_HISTORY_DAYS);
    for (let day = addDays(reportedOn, rnd.int(0, 3)); compareDates(day, lastTestDay) <= 0; day = nextTestAfter(day, reportedOn, rnd)) {
      if (compareDates(day, firstShown) < 0) continue;
      const result: CreateDrugTest['result'] = rnd.chance(0.04) ? 'positive' : rnd.chance(0.02) ? 'refused' : 'negative';
      const test: CreateDrugTest = {
        testedOn: day, kind: rnd.chance(0.85) ? 'urine' : 'hair', setting: 'field', result, measureId: measure.id,
        ...(result === 'positive' ? { substances: [rnd.pick(['methamphetamine', 'ketamine', 'heroin'])] } : {}),
      };
      await api.post(`/api/persons/${person.id}/tests`, test);
      summary.tests++;
    }

    if (stopsEarly) continue; // no visits either: 疑似脱管失控
    const firstVisit = maxDate(reportedOn, addDays(today, -VISIT_HISTORY_DAYS));
    // A talk or visit every three to four weeks: the lost-contact rule's default is 30 days without contact.
    for (let day = addDays(firstVisit, rnd.int(3, 20)); compareDates(day, today) <= 0; day = addDays(day, rnd.int(18, 27))) {
      const visit: CreateVisit = {
        visitedOn: day, kind: rnd.pick(['homeVisit', 'homeVisit', 'talk', 'phone']),
        content: rnd.pick(['了解近期生活和就业情况，督促按时检测', '与家属沟通，了解家庭支持情况', '宣讲社区戒毒协议要求，提醒外出须请假']),
      };
      await api.post(`/api/persons/${person.id}/visits`, visit);
      summary.visits++;
    }
  }
  return summary;
}
