import { randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { HttpProblem, unauthorized } from '../http/problem.js';
import { anyOfVerifiers, DEFAULT_TOKEN_AUDIENCE, DEFAULT_TOKEN_ISSUER, TokenService, type TokenVerifier } from './tokens.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const manager = { id: randomUUID(), name: 'Мария Соколова', role: 'manager' as const, branchId: 'msk' };
const auditor = { id: randomUUID(), name: 'Елена Кузнецова', role: 'auditor' as const };

async function expectUnauthorized(verification: Promise<unknown>): Promise<void> {
  const error: unknown = await verification.then(
    () => undefined,
    (refusal: unknown) => refusal,
  );
  expect(error instanceof HttpProblem ? error.status : error).toBe(401);
}

const forge = (claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg })
    .setIssuer(DEFAULT_TOKEN_ISSUER)
    .setAudience(DEFAULT_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));

describe('auth: TokenService', () => {
  const tokens = new TokenService({ secret: SECRET });

  it('issues an 8-hour employee token that verifies to the employee', async () => {
    const token = await tokens.issueEmployeeToken(manager);
    expect(await tokens.verify(token)).toEqual({ id: manager.id, name: manager.name, role: 'manager', branchId: 'msk' });
    const claims = decodeJwt(token);
    expect(claims.sub).toBe(manager.id);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
  });

  it('gives auditors and admins no branch', async () => {
    expect(await tokens.verify(await tokens.issueEmployeeToken(auditor))).toEqual({ id: auditor.id, name: auditor.name, role: 'auditor' });
  });

  it('issues a signer token for one process, valid exactly 60 minutes', async () => {
    const processId = randomUUID();
    const token = await tokens.issueSignerToken({ processId });
    expect(await tokens.verify(token)).toEqual({ id: `signer:${processId}`, name: 'signer', role: 'signer', processId });
    const claims = decodeJwt(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TokenService({ secret: 'another-secret-of-at-least-32-characters' });
    await expectUnauthorized(tokens.verify(await other.issueEmployeeToken(manager)));
  });

  it('refuses an expired token', async () => {
    const nineHoursAgo = new TokenService({ secret: SECRET, now: () => new Date(Date.now() - 9 * 3600_000) });
    await expectUnauthorized(tokens.verify(await nineHoursAgo.issueEmployeeToken(manager)));
  });

  it('ends a signer session after 60 minutes, not before', async () => {
    const processId = randomUUID();
    const at = (minutesAgo: number) => new TokenService({ secret: SECRET, now: () => new Date(Date.now() - minutesAgo * 60_000) });
    await expectUnauthorized(tokens.verify(await at(61).issueSignerToken({ processId })));
    expect((await tokens.verify(await at(59).issueSignerToken({ processId }))).processId).toBe(processId);
  });

  it('refuses another algorithm, even with the right secret, and unsigned tokens', async () => {
    const claims = { sub: manager.id, role: 'manager', name: manager.name, branchId: 'msk' };
    await expectUnauthorized(tokens.verify(await forge(claims, SECRET, 'HS512')));
    const unsigned = new UnsecuredJWT(claims)
      .setIssuer(DEFAULT_TOKEN_ISSUER)
      .setAudience(DEFAULT_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await expectUnauthorized(tokens.verify(unsigned));
    expect((await tokens.verify(await forge(claims))).id).toBe(manager.id); // the same claims, done right
  });

  it('refuses another issuer or audience', async () => {
    await expectUnauthorized(new TokenService({ secret: SECRET, issuer: 'elsewhere' }).verify(await tokens.issueEmployeeToken(manager)));
    await expectUnauthorized(new TokenService({ secret: SECRET, audience: 'elsewhere' }).verify(await tokens.issueEmployeeToken(manager)));
  });

  it('refuses well-signed tokens of the wrong shape', async () => {
    await expectUnauthorized(tokens.verify(await forge({ sub: manager.id, role: 'manager', name: 'No Branch' })));
    await expectUnauthorized(tokens.verify(await forge({ sub: manager.id, role: 'system', name: 'x' })));
    await expectUnauthorized(tokens.verify(await forge({ sub: 'signer:other', role: 'signer', name: 'signer', processId: randomUUID() })));
    await expectUnauthorized(tokens.verify('not.a.token'));
  });

  it('refuses employee tokens when told to (production: employees come from OIDC)', async () => {
    const signerOnly = new TokenService({ secret: SECRET, acceptEmployeeTokens: false });
    await expectUnauthorized(signerOnly.verify(await tokens.issueEmployeeToken(manager)));
    expect((await signerOnly.verify(await tokens.issueSignerToken({ processId: randomUUID() }))).role).toBe('signer');
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new TokenService({ secret: 'short' })).toThrowError(/32/);
  });
});

describe('auth: anyOfVerifiers', () => {
  const refusing: TokenVerifier = { verify: () => Promise.reject(unauthorized()) };
  const accepting: TokenVerifier = { verify: () => Promise.resolve({ id: 'u', name: 'U', role: 'admin' }) };

  it('accepts what any verifier accepts, in order', async () => {
    expect((await anyOfVerifiers(refusing, accepting).verify('t')).id).toBe('u');
    await expectUnauthorized(anyOfVerifiers(refusing, refusing).verify('t'));
  });

  it('does not hide a failure that is not a refusal', async () => {
    const broken: TokenVerifier = { verify: () => Promise.reject(new Error('IdP down')) };
    await expectAsync(anyOfVerifiers(broken, accepting).verify('t')).toBeRejectedWithError('IdP down');
  });
});
