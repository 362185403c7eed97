import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An embed token (the `<token>` of `/embed/sign/<token>`, API.md "Integrations"):
 *
 *     base64url( 16 bytes of the embed session's UUID ‖ 32 random bytes )   — 64 characters
 *
 * The session id in clear lets the command side and the query side, each on its own, find the one
 * stream that holds the token's SHA-256 (`embed-session-<id>`); the 256 random bits make it
 * unguessable, so a plain SHA-256 is what is stored, compared in constant time.
 */
const TOKEN = /^[A-Za-z0-9_-]{64}$/;

export function newEmbedToken(
  embedSessionId: string,
  random: (size: number) => Buffer = randomBytes,
): { token: string; tokenSha256: string } {
  const hex = embedSessionId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError('embedSessionId must be a UUID');
  const token = Buffer.concat([Buffer.from(hex, 'hex'), random(32)]).toString('base64url');
  return { token, tokenSha256: sha256Hex(token) };
}

/** The embed session a well-formed token names (a lowercase UUID), or `null` for anything else. */
export function embedSessionIdOfToken(token: unknown): string | null {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const hex = Buffer.from(token, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function embedTokenMatches(token: string, tokenSha256: string): boolean {
  const stored = Buffer.from(tokenSha256, 'hex');
  const given = createHash('sha256').update(token, 'utf8').digest();
  return stored.length === given.length && timingSafeEqual(stored, given);
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
