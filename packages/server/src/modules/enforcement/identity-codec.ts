import { idNumberProblem, maskIdNumber, normalizeIdNumber } from '@qingyuan/shared';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { invalidField } from '../../platform/errors.ts';

/** Where a sealed ID number lives: the associated data its ciphertext is bound to. */
export type IdentityTable = 'suspect' | 'drug_use_sanction';

export interface SealedIdentity {
  idNumberEnc: string;
  /** The same keyed blind index as the person registry's, so a suspect can be matched to a registered person. */
  idHash: string;
}

/** Seals, masks and opens the ID numbers of suspects and persons handled for drug use. */
export class IdentityCodec {
  constructor(private readonly cipher: FieldCipher) {}

  /** A GB 11643-valid, normalized ID number, or a 400 naming `field`. */
  checked(value: string, today: string, field = 'idNumber'): string {
    const problem = idNumberProblem(value, today);
    if (problem !== null) throw invalidField(field, problem);
    return normalizeIdNumber(value);
  }

  seal(table: IdentityTable, rowId: string, idNumber: string): SealedIdentity {
    return { idNumberEnc: this.cipher.seal(`${table}.id_number_enc:${rowId}`, idNumber), idHash: this.cipher.index('idNumber', idNumber) };
  }

  open(table: IdentityTable, rowId: string, sealed: string): string {
    return this.cipher.open(`${table}.id_number_enc:${rowId}`, sealed);
  }

  masked(table: IdentityTable, rowId: string, sealed: string | null): string | null {
    return sealed === null ? null : maskIdNumber(this.open(table, rowId, sealed));
  }
}
