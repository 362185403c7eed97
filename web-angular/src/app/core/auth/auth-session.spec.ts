import { isTokenExpired, parseSession, tokenExpiresAt } from './auth-session';

describe('token expiry from the JWT', () => {
  /** base64url of UTF-8 JSON, as the server's tokens carry it (a Cyrillic name included). */
  const base64url = (value: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');

  it('reads exp (seconds) as epoch milliseconds, names in Cyrillic and all', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${base64url({ name: 'Мария Соколова ?>>', exp: 1_795_637_042 })}.sig`;
    expect(tokenExpiresAt(token)).toBe(1_795_637_042_000);
    expect(isTokenExpired(token, 1_795_637_041_999)).toBeFalse();
    expect(isTokenExpired(token, 1_795_637_042_000)).toBeTrue();
  });

  it('says nothing for a token that does not say (opaque, unreadable, no exp)', () => {
    expect(tokenExpiresAt('opaque-token')).toBeNull();
    expect(tokenExpiresAt('a.%%%.c')).toBeNull();
    expect(tokenExpiresAt(`a.${base64url({ sub: 'u' })}.c`)).toBeNull();
    expect(isTokenExpired('opaque-token', Date.now())).toBeFalse();
  });
});

describe('a stored session', () => {
  it('keeps an embedded signer session’s token and origin, and drops a malformed embed part', () => {
    const stored = { kind: 'signer', token: 'jwt', processId: 'p-1', embed: { token: 'e', origin: 'https://cabinet.example.com' } };
    expect(parseSession(stored)).toEqual(stored as ReturnType<typeof parseSession>);
    expect(parseSession({ ...stored, embed: { token: 'e', origin: null } })).toEqual({
      ...stored,
      embed: { token: 'e', origin: null },
    } as ReturnType<typeof parseSession>);
    expect(parseSession({ ...stored, embed: { token: 7, origin: 'x' } })).toEqual({ kind: 'signer', token: 'jwt', processId: 'p-1' });
  });
});
