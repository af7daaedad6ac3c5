import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of personal data at rest (身份证号, phone, address): AES-256-GCM with a key derived
 * from GONGKAI_DATA_KEY, and a keyed blind index (HMAC-SHA-256) so that "the same applicant's
 * earlier requests" can be found without decrypting anything. Stored form: `v1:` + base64 of
 * iv | tag | ciphertext. A wrong key or a tampered value fails loudly, never silently.
 */
export class FieldCipher {
  readonly #enc: Buffer;
  readonly #index: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('GONGKAI_DATA_KEY must be at least 32 characters');
    const ikm = Buffer.from(secret, 'utf8');
    this.#enc = Buffer.from(hkdfSync('sha256', ikm, 'gongkai', 'field-encryption/v1', 32));
    this.#index = Buffer.from(hkdfSync('sha256', ikm, 'gongkai', 'blind-index/v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#enc, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('not an encrypted field');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.#enc, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Equal inputs give equal indexes; the index reveals nothing without the key. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.#index).update(plain.trim().toUpperCase()).digest('hex');
  }
}
