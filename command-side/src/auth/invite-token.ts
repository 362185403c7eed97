import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Invitation tokens (the `<inviteToken>` of `/sign/<inviteToken>` links):
 *
 *   token = base64url( 16 bytes of the process UUID ‖ HMAC-SHA256(INVITE_TOKEN_SECRET, invitationId) )
 *
 * The 256-bit keyed part makes it unguessable; the invitation id is a random UUID recorded in the
 * invitation event. The embedded process id lets the server find the process without a
 * token → process table, and only the token's SHA-256 is stored: a leaked log or database does
 * not hand out working links. The invitation reactor re-derives the token from the event and the
 * server secret, so that an invitation can be (re)sent after a crash without the token ever being
 * stored. Re-inviting makes a new invitation id, so a new token, and the old hash no longer matches.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// 48 bytes encode to exactly 64 base64url characters with no padding and no spare bits, so every
// string of this shape decodes to exactly one byte sequence (no two spellings of one token).
const TOKEN = /^[A-Za-z0-9_-]{64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `processId`: a lowercase UUID, as the process ids are; `invitationId`: the invitation's random UUID. */
export function createInviteToken(
  processId: string,
  invitation: { invitationId: string; secret: string },
): { token: string; tokenSha256: string } {
  if (!UUID.test(processId)) throw new TypeError('processId must be a lowercase UUID');
  const keyed = createHmac('sha256', invitation.secret).update(`invite:${processId}:${invitation.invitationId}`).digest();
  const bytes = Buffer.concat([Buffer.from(processId.replaceAll('-', ''), 'hex'), keyed]);
  const token = bytes.toString('base64url');
  return { token, tokenSha256: sha256Hex(token) };
}

/** The process the token names (lowercase UUID), or null for anything that is not a token of this scheme. */
export function processIdOfInviteToken(token: string): string | null {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const hex = Buffer.from(token, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `token` is the one whose hash was stored; constant-time, so timing leaks no hash prefix. */
export function inviteTokenMatches(token: string, tokenSha256: string): boolean {
  if (typeof token !== 'string' || typeof tokenSha256 !== 'string' || !SHA256_HEX.test(tokenSha256)) return false;
  return timingSafeEqual(createHash('sha256').update(token, 'utf8').digest(), Buffer.from(tokenSha256, 'hex'));
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
