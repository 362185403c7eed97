import { createHash, randomUUID } from 'node:crypto';
import { randomUUID as newInvitationId } from 'node:crypto';
import { createInviteToken, inviteTokenMatches, processIdOfInviteToken } from './invite-token.js';

describe('auth: invite tokens', () => {
  const processId = randomUUID();

  it('makes a 64-character base64url token whose process id is recoverable without a lookup', () => {
    const { token } = createInviteToken(processId, freshInvitation());
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(processIdOfInviteToken(token)).toBe(processId);
  });

  it('carries 32 random bytes after the 16 bytes of the UUID', () => {
    const first = Buffer.from(createInviteToken(processId, freshInvitation()).token, 'base64url');
    const second = Buffer.from(createInviteToken(processId, freshInvitation()).token, 'base64url');
    expect(first.length).toBe(48);
    expect(first.subarray(0, 16).toString('hex')).toBe(processId.replaceAll('-', ''));
    expect(first.subarray(16).equals(second.subarray(16))).toBeFalse();
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
    const { token } = createInviteToken(processId, freshInvitation());
    expect(processIdOfInviteToken(token.slice(1))).toBeNull();
    expect(processIdOfInviteToken(`${token}A`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}=`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}+`)).toBeNull();
    expect(processIdOfInviteToken('')).toBeNull();
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
  it('re-derives the same token from the invitation id and the server secret (what the invitation reactor does)', () => {
    const invitation = { invitationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', secret: 'server-secret-server-secret-server-secret' };
    expect(createInviteToken(processId, invitation)).toEqual(createInviteToken(processId, invitation));
  });
  it('gives another token under another secret or invitation id', () => {
    const base = { invitationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', secret: 'server-secret-server-secret-server-secret' };
    const token = createInviteToken(processId, base).token;
    expect(createInviteToken(processId, { ...base, secret: 'another-secret-another-secret-another' }).token).not.toBe(token);
    expect(createInviteToken(processId, { ...base, invitationId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' }).token).not.toBe(token);
  });
});
