/**
 * Personal data in an append-only log (API.md, "Operations": erasure). A personal field of an event
 * is stored — and hashed — as a `SealedValue`: the value encrypted under the key of the person it
 * belongs to. Destroying that key erases the value everywhere at once while the hash chain, computed
 * over what is stored, still verifies.
 */

/** A personal field as stored: `enc` is base64 of IV ‖ AES-256-GCM ciphertext ‖ tag; `person` the opaque personRef. */
export interface SealedValue {
  enc: string;
  person: string;
}

/** What reads show for a personal field whose person's key was destroyed. */
export interface ErasedValue {
  erased: true;
}

export const isSealedValue = (value: unknown): value is SealedValue => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return keys.length === 2 && typeof record['enc'] === 'string' && typeof record['person'] === 'string';
};

export const isErasedValue = (value: unknown): value is ErasedValue =>
  typeof value === 'object' && value !== null && (value as Record<string, unknown>)['erased'] === true && Object.keys(value).length === 1;

/**
 * What the domain reads in place of an erased field. The folds, deciders and projections keep their
 * string types and never need to know about erasure; the wire turns this marker into
 * `{"erased": true}` (`revealErased`). No input can hold it: text fields refuse control characters.
 */
export const ERASED_TEXT = '\u0000erased\u0000';

/** A copy of `value` with every `ERASED_TEXT` string replaced by `{"erased": true}`, for answers. */
export function revealErased<T>(value: T): T {
  if (value === ERASED_TEXT) return { erased: true } as T;
  if (Array.isArray(value)) return value.map((item: unknown) => revealErased(item)) as T;
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const revealed = revealErased(item);
      if (revealed !== item) changed = true;
      copy[key] = revealed;
    }
    return changed ? (copy as T) : value;
  }
  return value;
}

/** Whether any of `values` holds a sealed personal field. */
export function holdsSealedField(values: readonly unknown[]): boolean {
  const walk = (value: unknown): boolean => {
    if (isSealedValue(value)) return true;
    if (Array.isArray(value)) return value.some(walk);
    if (typeof value === 'object' && value !== null) return Object.values(value).some(walk);
    return false;
  };
  return values.some(walk);
}

/** Whether any field of `value` is erased (the marker or `{"erased": true}`). */
export function holdsErased(value: unknown): boolean {
  if (value === ERASED_TEXT || isErasedValue(value)) return true;
  if (Array.isArray(value)) return value.some(holdsErased);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsErased);
  return false;
}

/**
 * An event's fields as stored, when they differ from what it reads as (some were sealed): the trail
 * keeps and hashes these.
 */
export interface StoredForm {
  data: unknown;
  ip: unknown;
  userAgent: unknown;
}
