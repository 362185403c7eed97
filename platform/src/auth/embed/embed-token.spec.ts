import { randomUUID } from 'node:crypto';
import { embedSessionIdOfToken, embedTokenMatches, newEmbedToken } from './embed-token.js';

describe('embed tokens', () => {
  it('name their session and match only their own hash', () => {
    const id = randomUUID();
    const { token, tokenSha256 } = newEmbedToken(id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(embedSessionIdOfToken(token)).toBe(id);
    expect(embedTokenMatches(token, tokenSha256)).toBeTrue();
    const other = newEmbedToken(id);
    expect(other.token).not.toBe(token);
    expect(embedTokenMatches(other.token, tokenSha256)).toBeFalse();
  });

  it('carry 256 random bits after the id', () => {
    const id = randomUUID();
    const { token } = newEmbedToken(id, (size) => Buffer.alloc(size, 7));
    expect(Buffer.from(token, 'base64url').subarray(16)).toEqual(Buffer.alloc(32, 7));
  });

  it('name nothing when malformed', () => {
    for (const bad of ['', 'x', 'A'.repeat(63), `${'A'.repeat(63)}=`, `${'A'.repeat(63)}/`, 42, null, undefined]) {
      expect(embedSessionIdOfToken(bad)).withContext(String(bad)).toBeNull();
    }
  });
});
