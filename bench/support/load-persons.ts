// Bulk loader of persons with realistic supervision histories, shared by the benches at province scale: community
// measures with report-in (90 % within 15 days), drug tests roughly monthly then every two months with gaps, 3 %
// positive, a few compulsory isolations; optionally home visits every 3–5 weeks from report-in (one in ten stops being
// visited within a year), which brings 100k persons to the issue's ~2M supervision records. ID numbers are sealed and blind-indexed as the application does; rows go in
// with one INSERT … SELECT FROM unnest(arrays) per batch.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { addDays, addMonths, composeIdNumber } from '@qingyuan/shared';
import { FieldCipher } from '../../packages/server/src/platform/crypto/field-cipher.ts';
import type { Keys } from '../../packages/server/src/platform/crypto/keys.ts';
import type { Db } from '../../packages/server/src/platform/db/database.ts';
import { PersonCodec } from '../../packages/server/src/modules/persons/person-codec.ts';

const BATCH = 5000;

/** Deterministic pseudo-random numbers, so two runs load the same district. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Inserts column arrays into `table` in batches; `types` casts the arrays, `constants` fills the other columns. */
export async function bulkInsert(db: Db, table: string, columns: Record<string, unknown[]>, types: Record<string, string>, constants: Record<string, string> = {}): Promise<number> {
  const names = Object.keys(columns);
  const fixed = Object.keys(constants);
  const total = columns[names[0] ?? '']?.length ?? 0;
  for (let i = 0; i < total; i += BATCH) {
    const arrays = names.map((n) => sql`${(columns[n] ?? []).slice(i, i + BATCH)}::${sql.raw(types[n] ?? 'text')}[]`);
    const values = fixed.map((n) => sql`${sql.lit(constants[n] ?? '')}`);
    await sql`insert into ${sql.table(table)} (${sql.join([...names, ...fixed].map((n) => sql.id(n)))})
      select *${values.length ? sql`, ${sql.join(values)}` : sql``} from unnest(${sql.join(arrays)})`.execute(db);
  }
  return total;
}

export interface LoadedPersons {
  persons: number;
  measures: number;
  tests: number;
  visits: number;
  /** Every 997th ID number, for searches. */
  sampleIds: string[];
  generatedMs: number;
  insertMs: number;
}

/** Loads `count` persons with their measures and tests (and visits if asked) into the villages and communities of the database. */
export async function loadPersons(db: Db, keys: Keys, count: number, today: string, options: { visits?: boolean } = {}): Promise<LoadedPersons> {
  const rand = seededRandom(20261123);
  // Visits draw from their own stream, so the persons, measures and tests are the same with or without them.
  const visitRand = seededRandom(6112026);
  const visitor = options.visits ? (await db.selectFrom('app_user').select('id').orderBy('username').executeTakeFirstOrThrow()).id : null;
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const cipher = new FieldCipher(keys);
  const codec = new PersonCodec(cipher);
  const units = await db.selectFrom('org_unit').select(['id', 'path']).where('kind', 'in', ['village', 'community']).execute();
  const PERSONS = count;
  const TODAY = today;
  const loadStart = performance.now();
  const persons: Record<string, unknown[]> = { id: [], name: [], id_number_enc: [], id_hash: [], birth_date: [], sex: [], org_unit_id: [], org_path: [], status: [] };
  const measures: Record<string, unknown[]> = { id: [], person_id: [], kind: [], decision_date: [], decision_received_date: [], executing_org_unit_id: [], org_path: [], term_months: [], status: [], report_in_date: [], agreement_signed_date: [] };
  const tests: Record<string, unknown[]> = { id: [], person_id: [], measure_id: [], tested_on: [], result_enc: [], org_path: [] };
  const visits: Record<string, unknown[]> = { id: [], person_id: [], visited_on: [], visited_by: [], org_path: [] };
  const sampleIds: string[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const id = randomUUID();
    const unit = pickOf(units);
    const birth = addDays('1960-01-01', i % 14_000);
    const idNumber = composeIdNumber('340188', birth, Math.floor(i / 14_000));
    if (i % 997 === 0) sampleIds.push(idNumber);
    persons.id?.push(id); persons.name?.push(`压测${String(i)}`); persons.id_number_enc?.push(codec.sealIdNumber(id, idNumber));
    persons.id_hash?.push(codec.idHash(idNumber)); persons.birth_date?.push(birth); persons.sex?.push(i % 2 === 0 ? 'male' : 'female');
    persons.org_unit_id?.push(unit.id); persons.org_path?.push(unit.path); persons.status?.push(rand() < 0.03 ? 'deceased' : 'active');
    const r = rand();
    if (r < 0.6) {
      // A community measure decided in the last four years; 90 % reported in within 15 days; tests roughly monthly,
      // then every two months, with gaps (so some are overdue), 3 % positive.
      const measureId = randomUUID();
      const decided = addDays(TODAY, -Math.floor(rand() * 1460) - 5);
      const received = addDays(decided, 1);
      const reported = rand() < 0.9 ? addDays(received, Math.floor(rand() * 15)) : null;
      const rehab = rand() < 0.3;
      measures.id?.push(measureId); measures.person_id?.push(id); measures.kind?.push(rehab ? 'communityRehab' : 'communityTreatment');
      measures.decision_date?.push(decided); measures.decision_received_date?.push(received); measures.executing_org_unit_id?.push(unit.id);
      measures.org_path?.push(unit.path); measures.term_months?.push(rehab ? 36 : null); measures.status?.push(reported ? 'active' : 'ordered');
      measures.report_in_date?.push(reported); measures.agreement_signed_date?.push(reported);
      if (reported) {
        let day = reported;
        for (let k = 0; k < 40 && day < TODAY; k++) {
          if (rand() < 0.92) {
            const testId = randomUUID();
            const positive = rand() < 0.03;
            tests.id?.push(testId); tests.person_id?.push(id); tests.measure_id?.push(measureId); tests.tested_on?.push(day);
            tests.result_enc?.push(cipher.sealJson(`drug_test.result_enc:${testId}`, { result: positive ? 'positive' : 'negative', substances: positive ? ['methamphetamine'] : [] }));
            tests.org_path?.push(unit.path);
          }
          day = addMonths(day, k < 12 ? 1 : 2);
        }
        if (visitor) {
          const until = visitRand() < 0.1 ? addDays(reported, Math.floor(visitRand() * 365)) : TODAY;
          for (let day = addDays(reported, 3 + Math.floor(visitRand() * 10)); day <= until && day <= TODAY; day = addDays(day, 21 + Math.floor(visitRand() * 14))) {
            visits.id?.push(randomUUID()); visits.person_id?.push(id); visits.visited_on?.push(day); visits.visited_by?.push(visitor); visits.org_path?.push(unit.path);
          }
        }
      }
    } else if (r < 0.65) {
      const measureId = randomUUID();
      measures.id?.push(measureId); measures.person_id?.push(id); measures.kind?.push('compulsoryIsolation');
      measures.decision_date?.push(addDays(TODAY, -Math.floor(rand() * 1000) - 1)); measures.decision_received_date?.push(null);
      measures.executing_org_unit_id?.push(unit.id); measures.org_path?.push(unit.path); measures.term_months?.push(null); measures.status?.push('active');
      measures.report_in_date?.push(null); measures.agreement_signed_date?.push(null);
    }
  }
  const generatedMs = performance.now() - loadStart;

  const insertStart = performance.now();
  const nPersons = await bulkInsert(db, 'person', persons, { id: 'uuid', birth_date: 'date', org_unit_id: 'uuid' });
  const nMeasures = await bulkInsert(db, 'measure', measures, { id: 'uuid', person_id: 'uuid', decision_date: 'date', decision_received_date: 'date', executing_org_unit_id: 'uuid', term_months: 'int', report_in_date: 'date', agreement_signed_date: 'date' }, { deciding_agency: '清源区公安分局' });
  const nTests = await bulkInsert(db, 'drug_test', tests, { id: 'uuid', person_id: 'uuid', measure_id: 'uuid', tested_on: 'date' }, { kind: 'urine', setting: 'field' });
  const nVisits = await bulkInsert(db, 'supervision_visit', visits, { id: 'uuid', person_id: 'uuid', visited_on: 'date', visited_by: 'uuid' }, { kind: 'homeVisit', summary: '定期走访' });
  await sql`analyze`.execute(db);
  const insertMs = performance.now() - insertStart;

  return { persons: nPersons, measures: nMeasures, tests: nTests, visits: nVisits, sampleIds, generatedMs, insertMs };
}
