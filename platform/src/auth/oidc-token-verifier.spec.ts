import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTPayload } from 'jose';
import { HttpProblem } from '../http/problem.js';
import { startApp, type RunningApp } from '../testing/http-test-kit.js';
import { OidcTokenVerifier } from './oidc-token-verifier.js';

const ISSUER = 'https://idp.example.ru/realms/e-contract';
const AUDIENCE = 'e-contract-api';

async function statusOf(verification: Promise<unknown>): Promise<unknown> {
  return verification.then(
    () => 200,
    (error: unknown) => (error instanceof HttpProblem ? error.status : error),
  );
}

describe('auth: OidcTokenVerifier', () => {
  let privateKey: CryptoKey;
  let jwks: JSONWebKeySet;
  let verifier: OidcTokenVerifier;

  const sign = (claims: JWTPayload, options: { key?: CryptoKey; issuer?: string; audience?: string; expiresAt?: number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? '5m')
      .sign(options.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
    verifier = new OidcTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: createLocalJWKSet(jwks) });
  });

  it('maps sub, name, role and branch to the caller', async () => {
    const token = await sign({ sub: 'u-1', name: 'Мария Соколова', role: 'manager', branch_id: 'msk' });
    expect(await verifier.verify(token)).toEqual({ id: 'u-1', name: 'Мария Соколова', role: 'manager', branchId: 'msk' });
  });

  it('gives auditors and admins no branch, and falls back to preferred_username for the name', async () => {
    const token = await sign({ sub: 'u-2', preferred_username: 'auditor1', role: 'auditor', branch_id: 'msk' });
    expect(await verifier.verify(token)).toEqual({ id: 'u-2', name: 'auditor1', role: 'auditor' });
  });

  it('reads a role array at a dotted path, through a role mapping', async () => {
    const keycloakLike = new OidcTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: createLocalJWKSet(jwks),
      roleClaim: 'realm_access.roles',
      branchClaim: 'branch',
      roleValues: { 'econtract-manager': 'manager', 'econtract-admin': 'admin' },
    });
    const token = await sign({
      sub: 'u-3',
      name: 'Дмитрий Волков',
      realm_access: { roles: ['offline_access', 'econtract-manager'] },
      branch: 'spb',
    });
    expect(await keycloakLike.verify(token)).toEqual({ id: 'u-3', name: 'Дмитрий Волков', role: 'manager', branchId: 'spb' });
    const unmapped = await sign({ sub: 'u-4', name: 'X', realm_access: { roles: ['manager'] }, branch: 'spb' });
    expect(await statusOf(keycloakLike.verify(unmapped))).toBe(401);
  });

  it('refuses tokens without exactly one of our roles, and managers without a branch', async () => {
    expect(await statusOf(verifier.verify(await sign({ sub: 'u', name: 'X' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign({ sub: 'u', name: 'X', role: ['auditor', 'manager'], branch_id: 'msk' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign({ sub: 'u', name: 'X', role: 'signer' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign({ sub: 'u', name: 'X', role: 'manager' })))).toBe(401);
  });

  it('refuses a token signed by another key, expired, or for another issuer or audience', async () => {
    const claims = { sub: 'u', name: 'X', role: 'admin' };
    const stranger = (await generateKeyPair('ES256')).privateKey;
    expect(await statusOf(verifier.verify(await sign(claims, { key: stranger })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign(claims, { expiresAt: Math.floor(Date.now() / 1000) - 60 })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign(claims, { issuer: 'https://evil.example' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign(claims, { audience: 'another-app' })))).toBe(401);
    expect(await statusOf(verifier.verify(await sign(claims)))).toBe(200);
  });

  it('refuses a symmetric (HS256) token', async () => {
    const hs = await new SignJWT({ sub: 'u', name: 'X', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-of-at-least-thirty-two-characters'));
    expect(await statusOf(verifier.verify(hs))).toBe(401);
  });

  it('answers 503, not 401, when the keys cannot be fetched', async () => {
    const unreachable = new OidcTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(await statusOf(unreachable.verify(await sign({ sub: 'u', name: 'X', role: 'admin' })))).toBe(503);
  });

  describe('discovery', () => {
    let idp: RunningApp;
    let issuer = '';
    beforeAll(async () => {
      idp = await startApp((app) => {
        app.get('/realm/.well-known/openid-configuration', (_req, res) => {
          res.json({ issuer, jwks_uri: `${issuer}/certs` });
        });
        app.get('/realm/certs', (_req, res) => {
          res.json(jwks);
        });
      });
      issuer = `${idp.url}/realm`;
    });
    afterAll(() => idp.close());

    it('finds the keys through the discovery document and verifies with the remote set', async () => {
      const discovered = await OidcTokenVerifier.discover({ issuer, audience: AUDIENCE });
      const token = await sign({ sub: 'u-5', name: 'Алексей Морозов', role: 'admin' }, { issuer });
      expect(await discovered.verify(token)).toEqual({ id: 'u-5', name: 'Алексей Морозов', role: 'admin' });
    });

    it('refuses a discovery document that names another issuer', async () => {
      await expectAsync(OidcTokenVerifier.discover({ issuer: `${issuer}/`, audience: AUDIENCE })).toBeRejectedWithError(/issuer/);
    });
  });
});
