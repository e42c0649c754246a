import { randomUUID } from 'node:crypto';
import { normalizeIdNumber, parseIdNumber, type DetectionOutcome, type PersonContactInput, type PersonStatus, type RelationshipKind } from '@qingyuan/shared';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Keys } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/database.ts';
import { chinaDate } from '../../platform/clock.ts';
import { PersonCodec } from './person-codec.ts';
import * as records from './person-records.repository.ts';
import * as repo from './persons.repository.ts';

/** A person to load in bulk (demo district, benchmarks): plain values, sealed here exactly as the API would. */
export interface PersonSeed {
  name: string;
  idNumber: string;
  orgUnit: { id: string; path: string };
  ethnicity: string | null;
  phones: string[];
  registeredAddress: string | null;
  registeredOrgUnitId: string | null;
  residence: string | null;
  residenceOrgUnitId: string | null;
  employment: string | null;
  status: PersonStatus;
  contacts: PersonContactInput[];
  detections: { detectedOn: string; agency: string; substances: string[]; outcome: DetectionOutcome }[];
}

/** Inserts persons with their contacts and detections in a few statements; relationships refer to seeds by index. */
export async function seedPersons(
  db: Db,
  keys: Keys,
  at: Date,
  seeds: readonly PersonSeed[],
  relationships: readonly { from: number; to: number; kind: RelationshipKind }[] = [],
): Promise<string[]> {
  const codec = new PersonCodec(new FieldCipher(keys));
  const persons: repo.NewPerson[] = [];
  const contacts: repo.StoredContact[] = [];
  const detections: records.NewDetection[] = [];
  for (const seed of seeds) {
    const idNumber = normalizeIdNumber(seed.idNumber);
    const facts = parseIdNumber(idNumber, chinaDate(at));
    if (!facts) throw new Error(`seed person ${seed.name} has an invalid ID number`);
    const id = randomUUID();
    persons.push({
      id,
      name: seed.name,
      idNumberEnc: codec.sealIdNumber(id, idNumber),
      idHash: codec.idHash(idNumber),
      birthDate: facts.birthDate,
      sex: facts.sex,
      ethnicity: seed.ethnicity,
      phonesEnc: codec.sealPhones(id, seed.phones),
      registeredAddressEnc: codec.sealAddress('registeredAddress', id, seed.registeredAddress),
      registeredOrgUnitId: seed.registeredOrgUnitId,
      residenceAddressEnc: codec.sealAddress('residence', id, seed.residence),
      residenceOrgUnitId: seed.residenceOrgUnitId,
      orgUnitId: seed.orgUnit.id,
      orgPath: seed.orgUnit.path,
      employment: seed.employment,
      notes: null,
      status: seed.status,
    });
    for (const [position, c] of seed.contacts.entries()) {
      const contactId = randomUUID();
      contacts.push({ id: contactId, personId: id, position, name: c.name, relation: c.relation, phoneEnc: codec.sealContactPhone(contactId, c.phone) });
    }
    for (const d of seed.detections) {
      detections.push({ id: randomUUID(), personId: id, ...d, notes: null, orgPath: seed.orgUnit.path, createdBy: null });
    }
  }
  await repo.insert(db, persons, contacts, at);
  await records.insertDetections(db, detections, at);
  const idOf = (i: number): string => persons[i]?.id ?? '';
  await records.insertRelationships(db, relationships.map((r) => ({ id: randomUUID(), personId: idOf(r.from), relatedPersonId: idOf(r.to), kind: r.kind, notes: null, createdBy: null })), at);
  return persons.map((p) => p.id);
}
