import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signature of identification callbacks (API.md): header
 * `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`.
 * The timestamp is inside the MAC so that a captured callback cannot be replayed later than the
 * tolerance; the raw body (not re-serialised JSON) is signed so that both sides hash the same bytes.
 */

export const CALLBACK_SIGNATURE_HEADER = 'X-Signature';

const mac = (secret: string, timestamp: string, rawBody: Buffer | string): Buffer =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();

/** The `X-Signature` header value for `rawBody` sent at `nowSeconds`. */
export function signCallback(secret: string, rawBody: string, nowSeconds: number): string {
  const timestamp = String(Math.floor(nowSeconds));
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody).toString('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyCallbackSignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer | string,
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing signature header' };

  const fields = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed signature header' };
    const key = part.slice(0, eq).trim();
    // A repeated key is ambiguous: which one did the sender mean? Refuse rather than guess.
    if (fields.has(key)) return { ok: false, reason: 'malformed signature header' };
    fields.set(key, part.slice(eq + 1).trim());
  }
  const timestamp = fields.get('t');
  const given = fields.get('v1');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !given || !/^[0-9a-f]{64}$/i.test(given)) {
    return { ok: false, reason: 'malformed signature header' };
  }

  const age = nowSeconds - Number(timestamp);
  if (age > toleranceSeconds) return { ok: false, reason: 'signature timestamp too old' };
  if (age < -toleranceSeconds) return { ok: false, reason: 'signature timestamp in the future' };

  // Both are 32 bytes here (the pattern above), as timingSafeEqual requires.
  const expected = mac(secret, timestamp, rawBody);
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
