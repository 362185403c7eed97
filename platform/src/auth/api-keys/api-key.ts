import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An integration's API key (API.md, "Integrations"):
 *
 *     ec_<integration id: 32 hex digits>_<secret: 32 random bytes, base64url, 43 characters>
 *
 * The integration id in clear lets whichever process receives the key — the command side or the
 * query side, each on its own, sharing only the event store — find the one stream that holds the
 * key's hash (`integration-<id>`) and read it on every request, so that a revocation or an expiry
 * counts from the next request on, everywhere. The secret carries 256 bits from the CSPRNG: no
 * guessing or dictionary attack applies, so a plain SHA-256 of the whole key is the right thing to
 * store (a slow password hash would protect nothing more and would cost every request), compared
 * in constant time.
 */
export const API_KEY_PREFIX = 'ec_';
const API_KEY = /^ec_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** Shown to the admin once, in the creating answer; never stored. */
  apiKey: string;
  /** What is stored (`IntegrationCreated.keySha256`). */
  keySha256: string;
  /** What the admin's list shows to tell keys apart: `ec_` and the first 8 hex digits of the id. */
  keyPrefix: string;
}

export function newApiKey(integrationId: string, random: (size: number) => Buffer = randomBytes): NewApiKey {
  const hexId = hexOfUuid(integrationId);
  const apiKey = `${API_KEY_PREFIX}${hexId}_${random(32).toString('base64url')}`;
  return { apiKey, keySha256: sha256Hex(apiKey), keyPrefix: keyPrefixOf(integrationId) };
}

export const keyPrefixOf = (integrationId: string): string => `${API_KEY_PREFIX}${hexOfUuid(integrationId).slice(0, 8)}`;

/** Whether a bearer token has the shape of an API key at all (anything else is a session token). */
export const looksLikeApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

/** The integration a well-formed key names (a UUID, lower case), or `null` for anything else. */
export function integrationIdOfApiKey(token: string): string | null {
  const hex = API_KEY.exec(token)?.[1];
  return hex ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : null;
}

/** Constant time in the key: the digests compared have a fixed length whatever was sent. */
export function apiKeyMatches(token: string, keySha256: string): boolean {
  const stored = Buffer.from(keySha256, 'hex');
  const given = createHash('sha256').update(token, 'utf8').digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function hexOfUuid(uuid: string): string {
  const hex = uuid.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`an integration id must be a UUID, got ${uuid}`);
  return hex;
}
