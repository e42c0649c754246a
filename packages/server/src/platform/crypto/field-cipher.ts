import { blindIndex, decrypt, encrypt } from './cipher.ts';
import type { Keys } from './keys.ts';

/**
 * Encryption of personal-data columns and their blind indexes. Each value is bound (as AES-GCM associated data) to
 * its place, `<table>.<column>:<row id>`, so a ciphertext copied onto another row or column fails to decrypt rather
 * than showing someone else's number. Repositories only ever see the sealed text.
 */
export class FieldCipher {
  readonly #keys: Pick<Keys, 'encryption' | 'blindIndex'>;

  constructor(keys: Pick<Keys, 'encryption' | 'blindIndex'>) {
    this.#keys = keys;
  }

  seal(place: string, plaintext: string): string {
    return encrypt(this.#keys.encryption, plaintext, place);
  }

  open(place: string, sealed: string): string {
    return decrypt(this.#keys.encryption, sealed, place);
  }

  sealJson(place: string, value: unknown): string {
    return this.seal(place, JSON.stringify(value));
  }

  openJson(place: string, sealed: string): unknown {
    return JSON.parse(this.open(place, sealed)) as unknown;
  }

  /**
   * Keyed blind index (HMAC-SHA256) of a normalized value, separated by kind (`idNumber`, `phone`…) so equal strings of
   * different kinds never match. Partner feeds matched later must compute it the same way.
   */
  index(kind: string, normalized: string): string {
    return blindIndex(this.#keys.blindIndex, `${kind}:${normalized}`);
  }
}
