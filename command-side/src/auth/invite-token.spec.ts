import { createHash, randomUUID } from 'node:crypto';
import { randomUUID as newInvitationId } from 'node:crypto';
import {
  createInviteToken,
  createLegacyInviteToken,
  inviteTokenMatches,
  inviteTokenOf,
  isInviteTokenShape,
  processIdOfInviteToken,
} from './invite-token.js';

describe('auth: invite tokens', () => {
  const processId = randomUUID();

  it('makes a 32-character base64url token: 192 keyed bits, short enough for a two-segment SMS', () => {
    const { token } = createInviteToken(processId, freshInvitation());
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token, 'base64url').length).toBe(24);
    // The process is found through the index (invite-token-index.ts), not in the token.
    expect(processIdOfInviteToken(token)).toBeNull();
    expect(isInviteTokenShape(token)).toBeTrue();
  });

  it('differs for every invitation of the same process', () => {
    const first = createInviteToken(processId, freshInvitation()).token;
    const second = createInviteToken(processId, freshInvitation()).token;
    expect(first).not.toBe(second);
  });

  it('keeps reading the earlier 64-character tokens, whose process id is in the token', () => {
    const { token } = createLegacyInviteToken(processId, freshInvitation());
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(processIdOfInviteToken(token)).toBe(processId);
    expect(isInviteTokenShape(token)).toBeTrue();
  });

  it('gives the SHA-256 of the token as 64 lowercase hex characters', () => {
    const { token, tokenSha256 } = createInviteToken(processId, freshInvitation());
    expect(tokenSha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches its own hash only', () => {
    const current = createInviteToken(processId, freshInvitation());
    const replaced = createInviteToken(processId, freshInvitation());
    expect(inviteTokenMatches(current.token, current.tokenSha256)).toBeTrue();
    expect(inviteTokenMatches(replaced.token, current.tokenSha256)).toBeFalse();
    expect(inviteTokenMatches(current.token, 'not-a-hash')).toBeFalse();
    expect(inviteTokenMatches(current.token, current.tokenSha256.toUpperCase())).toBeFalse();
  });

  it('reads no process id from something that is not a token of the scheme', () => {
    const { token } = createLegacyInviteToken(processId, freshInvitation());
    expect(processIdOfInviteToken(token.slice(1))).toBeNull();
    expect(processIdOfInviteToken(`${token}A`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}=`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}+`)).toBeNull();
    expect(processIdOfInviteToken('')).toBeNull();
    expect(isInviteTokenShape(`${'A'.repeat(31)}=`)).toBeFalse();
    expect(isInviteTokenShape(42)).toBeFalse();
  });

  it('refuses a process id that is not a lowercase UUID', () => {
    expect(() => createInviteToken('deal-1', freshInvitation())).toThrowError(TypeError);
    expect(() => createInviteToken(processId.toUpperCase(), freshInvitation())).toThrowError(TypeError);
  });
});

function freshInvitation() {
  return { invitationId: newInvitationId(), secret: 'spec-invite-secret-spec-invite-secret' };
}

describe('auth: invite token derivation', () => {
  const processId = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const invitation = { invitationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', secret: 'server-secret-server-secret-server-secret' };

  it('re-derives the same token from the invitation id and the server secret (what the invitation reactor does)', () => {
    expect(createInviteToken(processId, invitation)).toEqual(createInviteToken(processId, invitation));
  });

  it('re-derives the token of whichever scheme the recorded hash is of', () => {
    const current = createInviteToken(processId, invitation);
    const legacy = createLegacyInviteToken(processId, invitation);
    expect(inviteTokenOf(processId, { ...invitation, tokenSha256: current.tokenSha256 })).toBe(current.token);
    expect(inviteTokenOf(processId, { ...invitation, tokenSha256: legacy.tokenSha256 })).toBe(legacy.token);
    // Another secret: the current scheme's token (the link will not open; the signer may ask for a new one).
    const other = { ...invitation, secret: 'another-secret-another-secret' };
    expect(inviteTokenOf(processId, { ...other, tokenSha256: current.tokenSha256 })).toBe(createInviteToken(processId, other).token);
  });

  it('gives another token under another secret or invitation id', () => {
    const token = createInviteToken(processId, invitation).token;
    expect(createInviteToken(processId, { ...invitation, secret: 'another-secret-another-secret-another' }).token).not.toBe(token);
    expect(createInviteToken(processId, { ...invitation, invitationId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' }).token).not.toBe(token);
  });
});
