import { randomUUID } from 'node:crypto';
import type { IdNumberFacts, UpdatePerson } from '@qingyuan/shared';
import type { PersonCodec } from './person-codec.ts';
import type { PersonPatch, StoredContact, StoredPerson } from './persons.repository.ts';

export interface PersonEdit {
  patch: PersonPatch;
  /** For the audit row: field names, `'changed'` for personal data; only the responsible unit shows from → to. */
  changes: Record<string, unknown>;
  /** The new contact list when it changed, else null. */
  contacts: StoredContact[] | null;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What an edit really changes: fields sent with their current value are left alone (no version bump, no audit noise). */
export function personPatch(
  codec: PersonCodec,
  person: StoredPerson,
  input: UpdatePerson,
  checked: { idNumber: string; facts: IdNumberFacts } | null,
  newUnit: { id: string; path: string } | undefined,
  currentContacts: readonly StoredContact[],
): PersonEdit {
  const patch: PersonPatch = {};
  const changes: Record<string, unknown> = {};
  const mark = (field: string): void => {
    changes[field] = 'changed';
  };

  if (input.name !== undefined && input.name !== person.name) {
    patch.name = input.name;
    mark('name');
  }
  if (checked) {
    const idHash = codec.idHash(checked.idNumber);
    if (idHash !== person.idHash) {
      Object.assign(patch, { idNumberEnc: codec.sealIdNumber(person.id, checked.idNumber), idHash, birthDate: checked.facts.birthDate, sex: checked.facts.sex });
      mark('idNumber');
    }
  }
  if (newUnit && newUnit.id !== person.orgUnitId) {
    Object.assign(patch, { orgUnitId: newUnit.id, orgPath: newUnit.path });
    changes.orgUnitId = { from: person.orgUnitId, to: newUnit.id };
  }
  if (input.ethnicity !== undefined && (input.ethnicity ?? null) !== person.ethnicity) {
    patch.ethnicity = input.ethnicity ?? null;
    mark('ethnicity');
  }
  if (input.phones !== undefined && !sameList(input.phones, codec.phones(person))) {
    patch.phonesEnc = codec.sealPhones(person.id, input.phones);
    mark('phones');
  }
  if (input.registeredAddress !== undefined && (input.registeredAddress || null) !== codec.registeredAddress(person)) {
    patch.registeredAddressEnc = codec.sealAddress('registeredAddress', person.id, input.registeredAddress);
    mark('registeredAddress');
  }
  if (input.residence !== undefined && (input.residence || null) !== codec.residence(person)) {
    patch.residenceAddressEnc = codec.sealAddress('residence', person.id, input.residence);
    mark('residence');
  }
  for (const field of ['registeredOrgUnitId', 'residenceOrgUnitId'] as const) {
    const value = input[field];
    if (value !== undefined && (value ?? null) !== person[field]) {
      patch[field] = value ?? null;
      mark(field);
    }
  }
  for (const field of ['employment', 'notes'] as const) {
    const value = input[field];
    if (value !== undefined && (value || null) !== person[field]) {
      patch[field] = value || null;
      mark(field);
    }
  }
  if (input.status !== undefined && input.status !== person.status) {
    patch.status = input.status;
    mark('status');
  }

  let contacts: StoredContact[] | null = null;
  if (input.contacts !== undefined) {
    const wanted = input.contacts.map((c) => ({ name: c.name, relation: c.relation, phone: c.phone ?? null }));
    const current = currentContacts.map((c) => ({ name: c.name, relation: c.relation, phone: codec.contactPhone(c) }));
    if (!sameList(wanted, current)) {
      contacts = input.contacts.map((c, position) => {
        const id = randomUUID();
        return { id, personId: person.id, position, name: c.name, relation: c.relation, phoneEnc: codec.sealContactPhone(id, c.phone) };
      });
      mark('contacts');
    }
  }
  return { patch, changes, contacts };
}
