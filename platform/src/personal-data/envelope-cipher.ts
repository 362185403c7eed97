import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SealedValue } from '@e-contract/contracts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const PERSON_KEY_BYTES = 32;

/**
 * AES-256-GCM with a random 96-bit IV, the result as IV ‖ ciphertext ‖ tag. `aad` binds the
 * ciphertext to what it belongs to (the personRef), so that an envelope copied under another person
 * does not open.
 */
function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

/** A personal field sealed under its person's key; the value keeps its JSON type when opened. */
export function sealValue(value: unknown, key: Buffer, personRef: string): SealedValue {
  const enc = encrypt(key, Buffer.from(JSON.stringify(value), 'utf8'), personRef).toString('base64');
  return { enc, person: personRef };
}

/** The value of an envelope; throws when the key is not the person's or the envelope was altered. */
export function openValue(envelope: SealedValue, key: Buffer): unknown {
  return JSON.parse(decrypt(key, Buffer.from(envelope.enc, 'base64'), envelope.person).toString('utf8')) as unknown;
}

/**
 * The master key from configuration (`PERSONAL_DATA_MASTER_KEY`, at least 32 characters): what wraps
 * every person's key at rest, and — through HKDF, a key of its own — the keyed lookup of a person by
 * their INN. Whoever holds the key store without it can open nothing and find no one.
 */
export class MasterKey {
  private readonly wrapKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(secret: string) {
    const material = createHash('sha256').update(secret, 'utf8').digest();
    this.wrapKey = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'e-contract person-key wrap', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'e-contract person lookup', 32));
  }

  /** A new person key, wrapped for storage under `personRef`. */
  newPersonKey(personRef: string): { key: Buffer; wrapped: Buffer } {
    const key = randomBytes(PERSON_KEY_BYTES);
    return { key, wrapped: encrypt(this.wrapKey, key, personRef) };
  }

  unwrap(wrapped: Buffer, personRef: string): Buffer {
    return decrypt(this.wrapKey, wrapped, personRef);
  }

  /** HMAC-SHA256 of a personal INN under the lookup key: never the INN nor its plain hash. */
  innLookup(inn: string): string {
    return createHmac('sha256', this.lookupKey).update(inn, 'utf8').digest('hex');
  }
}
