import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Invitation tokens (the `<inviteToken>` of `/sign/<inviteToken>` links).
 *
 * Current scheme (32 characters, so that the invitation SMS fits in two segments):
 *
 *   token = base64url( first 24 bytes of HMAC-SHA256(INVITE_TOKEN_SECRET, "invite:v2:" processId ":" invitationId) )
 *
 * 192 keyed bits make it unguessable. The token no longer holds the process id (a UUID alone would
 * take 22 of the 32 characters), so each token's SHA-256 is indexed to its process in a stream of
 * its own (`invite-token-<sha256>`, see invite-token-index.ts), written before the process records
 * the invitation.
 *
 * Earlier scheme (64 characters, still accepted for invitations sent before the change):
 *
 *   token = base64url( 16 bytes of the process UUID ‖ HMAC-SHA256(INVITE_TOKEN_SECRET, "invite:" processId ":" invitationId) )
 *
 * In both, only the token's SHA-256 is stored: a leaked log or database does not hand out working
 * links. The invitation reactor re-derives the token from the event and the server secret
 * (`inviteTokenOf`), so that an invitation can be (re)sent after a crash without the token ever
 * being stored. Re-inviting makes a new invitation id, so a new token, and the old hash no longer
 * matches.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// 24 and 48 bytes encode to exactly 32 and 64 base64url characters with no padding and no spare
// bits, so every string of these shapes decodes to exactly one byte sequence (no two spellings).
const SHORT_TOKEN = /^[A-Za-z0-9_-]{32}$/;
const LONG_TOKEN = /^[A-Za-z0-9_-]{64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHORT_TOKEN_BYTES = 24;

export interface InvitationSecret {
  invitationId: string;
  secret: string;
}

/** A new invitation's token (the current, 32-character scheme). `processId`: a lowercase UUID. */
export function createInviteToken(processId: string, invitation: InvitationSecret): { token: string; tokenSha256: string } {
  if (!UUID.test(processId)) throw new TypeError('processId must be a lowercase UUID');
  const keyed = createHmac('sha256', invitation.secret).update(`invite:v2:${processId}:${invitation.invitationId}`).digest();
  const token = keyed.subarray(0, SHORT_TOKEN_BYTES).toString('base64url');
  return { token, tokenSha256: sha256Hex(token) };
}

/** A token of the earlier, 64-character scheme: what invitations recorded before the change carry. */
export function createLegacyInviteToken(processId: string, invitation: InvitationSecret): { token: string; tokenSha256: string } {
  if (!UUID.test(processId)) throw new TypeError('processId must be a lowercase UUID');
  const keyed = createHmac('sha256', invitation.secret).update(`invite:${processId}:${invitation.invitationId}`).digest();
  const token = Buffer.concat([Buffer.from(processId.replaceAll('-', ''), 'hex'), keyed]).toString('base64url');
  return { token, tokenSha256: sha256Hex(token) };
}

/**
 * The token of a recorded invitation, derived again from its id and the secret: whichever scheme
 * gives the recorded hash. When neither does (the secret changed since the invitation was
 * recorded), the current scheme's: the message still goes out, as it always did, and its link does
 * not open a session, which the signer can then ask to replace (`POST /api/signer/link-requests`).
 */
export function inviteTokenOf(processId: string, invitation: InvitationSecret & { tokenSha256: string }): string {
  const current = createInviteToken(processId, invitation);
  if (current.tokenSha256 === invitation.tokenSha256) return current.token;
  const legacy = createLegacyInviteToken(processId, invitation);
  return legacy.tokenSha256 === invitation.tokenSha256 ? legacy.token : current.token;
}

/** Whether `token` has the shape of an invitation token of either scheme. */
export const isInviteTokenShape = (token: unknown): token is string =>
  typeof token === 'string' && (SHORT_TOKEN.test(token) || LONG_TOKEN.test(token));

/**
 * The process a 64-character token names (lowercase UUID), or null for anything else — a token of
 * the current scheme holds no process id: look it up with `InviteTokenIndex.processOf`.
 */
export function processIdOfInviteToken(token: string): string | null {
  if (typeof token !== 'string' || !LONG_TOKEN.test(token)) return null;
  const hex = Buffer.from(token, 'base64url').subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `token` is the one whose hash was stored; constant-time, so timing leaks no hash prefix. */
export function inviteTokenMatches(token: string, tokenSha256: string): boolean {
  if (typeof token !== 'string' || typeof tokenSha256 !== 'string' || !SHA256_HEX.test(tokenSha256)) return false;
  return timingSafeEqual(createHash('sha256').update(token, 'utf8').digest(), Buffer.from(tokenSha256, 'hex'));
}

export const inviteTokenSha256 = (token: string): string => sha256Hex(token);

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
