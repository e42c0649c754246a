import { randomUUID } from 'node:crypto';
import { yuanToFen, type AssetKind, type CaseLevel, type CaseType, type SanctionKind, type Supervision, type SuspectRole, type WantedLevel } from '@qingyuan/shared';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Keys } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/database.ts';
import * as cases from './cases.repository.ts';
import { upsertTarget } from './figures.repository.ts';
import { IdentityCodec } from './identity-codec.ts';
import { insertSanctions } from './sanctions.repository.ts';

type Unit = { id: string; path: string };

/** Enforcement records to load in bulk (demo district, benchmarks): plain values, sealed here as the API would. */
export interface CaseSeed {
  caseNumber: string;
  type: CaseType;
  level: CaseLevel;
  supervision: Supervision | null;
  gang: boolean;
  network: boolean;
  family: boolean;
  filedAt: string;
  solvedAt: string | null;
  prosecutedAt: string | null;
  place: Unit;
  handlingUnitId: string;
  summary: string | null;
  suspects: {
    name: string;
    idNumber: string | null;
    role: SuspectRole;
    caughtAt: string | null;
    criminalDetentionAt: string | null;
    arrestedAt: string | null;
    prosecutedAt: string | null;
    wantedLevel: WantedLevel | null;
  }[];
  seizures: { drug: string; grams: string; packets: number | null; seizedAt: string; place: string | null }[];
  assets: { kind: AssetKind; amount: string; description: string; recordedAt: string }[];
}

export interface SanctionSeed {
  name: string;
  idNumber: string;
  kind: SanctionKind;
  decidedAt: string;
  detentionDays: number | null;
  fineAmount: string | null;
  place: Unit;
  handlingUnitId: string;
}

export interface TargetSeed {
  unit: Unit;
  year: number;
  quarter: number;
  indicator: string;
  value: string;
}

/** Inserts cases with their records, sanctions and targets in a few statements; returns how many of each. */
export async function seedEnforcement(
  db: Db,
  keys: Keys,
  at: Date,
  seed: { cases: readonly CaseSeed[]; sanctions: readonly SanctionSeed[]; targets: readonly TargetSeed[] },
): Promise<{ cases: number; suspects: number; seizures: number; sanctions: number; targets: number }> {
  const codec = new IdentityCodec(new FieldCipher(keys));
  const caseRows: Parameters<typeof cases.insertCases>[1][number][] = [];
  const suspects: cases.NewSuspect[] = [];
  const seizures: cases.NewSeizure[] = [];
  const assets: Parameters<typeof cases.insertAssets>[1][number][] = [];
  for (const c of seed.cases) {
    const id = randomUUID();
    const { place, suspects: people, seizures: found, assets: money, ...fields } = c;
    caseRows.push({ ...fields, id, orgUnitId: place.id, orgPath: place.path, createdBy: null });
    for (const s of people) {
      const suspectId = randomUUID();
      const sealed = s.idNumber === null ? null : codec.seal('suspect', suspectId, s.idNumber);
      suspects.push({
        ...s,
        id: suspectId,
        caseId: id,
        idNumberEnc: sealed?.idNumberEnc ?? null,
        idHash: sealed?.idHash ?? null,
        personId: null,
        notes: null,
        orgPath: place.path,
        createdBy: null,
      });
    }
    for (const z of found) seizures.push({ ...z, id: randomUUID(), caseId: id, orgPath: place.path, createdBy: null });
    for (const a of money) {
      assets.push({ id: randomUUID(), kind: a.kind, amountFen: yuanToFen(a.amount), description: a.description, recordedAt: a.recordedAt, caseId: id, orgPath: place.path, createdBy: null });
    }
  }
  await cases.insertCases(db, caseRows, at);
  await cases.insertSuspects(db, suspects, at);
  await cases.insertSeizures(db, seizures, at);
  await cases.insertAssets(db, assets, at);
  await insertSanctions(db, seed.sanctions.map((s) => {
    const id = randomUUID();
    return {
      id,
      name: s.name,
      ...codec.seal('drug_use_sanction', id, s.idNumber),
      personId: null,
      kind: s.kind,
      decidedAt: s.decidedAt,
      detentionDays: s.detentionDays,
      fineFen: s.fineAmount === null ? null : yuanToFen(s.fineAmount),
      handlingUnitId: s.handlingUnitId,
      orgUnitId: s.place.id,
      orgPath: s.place.path,
      caseId: null,
      notes: null,
      createdBy: null,
    };
  }), at);
  for (const t of seed.targets) {
    await upsertTarget(db, { orgUnitId: t.unit.id, orgPath: t.unit.path, year: t.year, quarter: t.quarter, indicator: t.indicator, value: t.value, updatedBy: null }, at);
  }
  return { cases: caseRows.length, suspects: suspects.length, seizures: seizures.length, sanctions: seed.sanctions.length, targets: seed.targets.length };
}
