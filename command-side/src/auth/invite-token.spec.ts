import { createHash, randomUUID } from 'node:crypto';
import { createInviteToken, inviteTokenMatches, processIdOfInviteToken } from './invite-token.js';

describe('auth: invite tokens', () => {
  const processId = randomUUID();

  it('makes a 64-character base64url token whose process id is recoverable without a lookup', () => {
    const { token } = createInviteToken(processId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(processIdOfInviteToken(token)).toBe(processId);
  });

  it('carries 32 random bytes after the 16 bytes of the UUID', () => {
    const first = Buffer.from(createInviteToken(processId).token, 'base64url');
    const second = Buffer.from(createInviteToken(processId).token, 'base64url');
    expect(first.length).toBe(48);
    expect(first.subarray(0, 16).toString('hex')).toBe(processId.replaceAll('-', ''));
    expect(first.subarray(16).equals(second.subarray(16))).toBeFalse();
  });

  it('gives the SHA-256 of the token as 64 lowercase hex characters', () => {
    const { token, tokenSha256 } = createInviteToken(processId);
    expect(tokenSha256).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches its own hash only', () => {
    const current = createInviteToken(processId);
    const replaced = createInviteToken(processId);
    expect(inviteTokenMatches(current.token, current.tokenSha256)).toBeTrue();
    expect(inviteTokenMatches(replaced.token, current.tokenSha256)).toBeFalse();
    expect(inviteTokenMatches(current.token, 'not-a-hash')).toBeFalse();
    expect(inviteTokenMatches(current.token, current.tokenSha256.toUpperCase())).toBeFalse();
  });

  it('reads no process id from something that is not a token of the scheme', () => {
    const { token } = createInviteToken(processId);
    expect(processIdOfInviteToken(token.slice(1))).toBeNull();
    expect(processIdOfInviteToken(`${token}A`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}=`)).toBeNull();
    expect(processIdOfInviteToken(`${token.slice(1)}+`)).toBeNull();
    expect(processIdOfInviteToken('')).toBeNull();
  });

  it('refuses a process id that is not a lowercase UUID', () => {
    expect(() => createInviteToken('deal-1')).toThrowError(TypeError);
    expect(() => createInviteToken(processId.toUpperCase())).toThrowError(TypeError);
  });
});
