import {
  ageOn,
  maskAddress,
  maskIdNumber,
  maskPhone,
  type PersonContact,
  type PersonListItem,
} from '@qingyuan/shared';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { StoredContact, StoredPerson } from './persons.repository.ts';

/** Where each encrypted value lives: the associated data its ciphertext is bound to. */
const place = {
  idNumber: (personId: string) => `person.id_number_enc:${personId}`,
  phones: (personId: string) => `person.phones_enc:${personId}`,
  registeredAddress: (personId: string) => `person.registered_address_enc:${personId}`,
  residence: (personId: string) => `person.residence_address_enc:${personId}`,
  contactPhone: (contactId: string) => `person_contact.phone_enc:${contactId}`,
};

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error('sealed phone list is not a list of strings');
  return value;
}

/** Seals personal fields for storage and opens them into masked (or, for a reveal, full) values. */
export class PersonCodec {
  constructor(private readonly cipher: FieldCipher) {}

  idHash(normalizedIdNumber: string): string {
    return this.cipher.index('idNumber', normalizedIdNumber);
  }

  sealIdNumber(personId: string, idNumber: string): string {
    return this.cipher.seal(place.idNumber(personId), idNumber);
  }

  /** Null for no phones: an empty list is not stored. */
  sealPhones(personId: string, phones: readonly string[] | undefined): string | null {
    return phones && phones.length > 0 ? this.cipher.sealJson(place.phones(personId), phones) : null;
  }

  sealAddress(kind: 'registeredAddress' | 'residence', personId: string, address: string | null | undefined): string | null {
    return address ? this.cipher.seal(place[kind](personId), address) : null;
  }

  sealContactPhone(contactId: string, phone: string | undefined): string | null {
    return phone ? this.cipher.seal(place.contactPhone(contactId), phone) : null;
  }

  idNumber(person: Pick<StoredPerson, 'id' | 'idNumberEnc'>): string {
    return this.cipher.open(place.idNumber(person.id), person.idNumberEnc);
  }

  phones(person: StoredPerson): string[] {
    return person.phonesEnc ? stringList(this.cipher.openJson(place.phones(person.id), person.phonesEnc)) : [];
  }

  registeredAddress(person: StoredPerson): string | null {
    return person.registeredAddressEnc ? this.cipher.open(place.registeredAddress(person.id), person.registeredAddressEnc) : null;
  }

  residence(person: StoredPerson): string | null {
    return person.residenceAddressEnc ? this.cipher.open(place.residence(person.id), person.residenceAddressEnc) : null;
  }

  contactPhone(contact: StoredContact): string | null {
    return contact.phoneEnc ? this.cipher.open(place.contactPhone(contact.id), contact.phoneEnc) : null;
  }

  maskedIdNumber(person: Pick<StoredPerson, 'id' | 'idNumberEnc'>): string {
    return maskIdNumber(this.idNumber(person));
  }

  listItem(person: StoredPerson, orgUnitName: string, today: string): PersonListItem {
    return {
      id: person.id,
      name: person.name,
      idNumberMasked: this.maskedIdNumber(person),
      sex: person.sex,
      age: ageOn(person.birthDate, today),
      phonesMasked: this.phones(person).map(maskPhone),
      orgUnitId: person.orgUnitId,
      orgUnitName,
      status: person.status,
      updatedAt: person.updatedAt.toISOString(),
    };
  }

  maskedAddresses(person: StoredPerson): { registeredAddressMasked: string | null; residenceMasked: string | null } {
    const registered = this.registeredAddress(person);
    const residence = this.residence(person);
    return {
      registeredAddressMasked: registered === null ? null : maskAddress(registered),
      residenceMasked: residence === null ? null : maskAddress(residence),
    };
  }

  maskedContact(contact: StoredContact): PersonContact {
    const phone = this.contactPhone(contact);
    return { id: contact.id, name: contact.name, relation: contact.relation, phoneMasked: phone === null ? null : maskPhone(phone) };
  }
}
