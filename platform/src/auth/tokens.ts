import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { HttpProblem, unauthorized } from '../http/problem.js';
import type { AuthUser } from '../http/auth-context.js';
import { isEmployeeRole, type StoredUser } from './user-directory.js';

export { OidcTokenVerifier, type OidcTokenVerifierOptions } from './oidc-token-verifier.js';

/** Anything that turns a bearer token into the caller; throws `unauthorized()` for a bad token. */
export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

export const EMPLOYEE_TOKEN_TTL_SECONDS = 8 * 60 * 60; // one working day
export const SIGNER_TOKEN_TTL_SECONDS = 60 * 60; // API.md: a signer session is valid 60 minutes

export const DEFAULT_TOKEN_ISSUER = 'e-contract';
export const DEFAULT_TOKEN_AUDIENCE = 'e-contract-api';

/** The `name` of a signer session: the session proves the invitation, not a person's name. */
export const SIGNER_SESSION_NAME = 'signer';

export interface TokenServiceOptions {
  /** `JWT_SECRET` (see secrets.ts). */
  secret: string;
  issuer?: string;
  audience?: string;
  /**
   * False in production: employees there sign in through OIDC, so an employee token made with
   * JWT_SECRET is refused and that secret can open signer sessions only.
   */
  acceptEmployeeTokens?: boolean;
  /** The clock, for tests (expiry). */
  now?: () => Date;
}

/**
 * Our own session tokens: HS256 JWTs for employees (embedded login) and for signers (invitation
 * sessions). Issuer and audience are set and checked so that another HS256 token made with a reused
 * secret for another service is still refused.
 */
export class TokenService implements TokenVerifier {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly now: () => Date;
  private readonly acceptEmployeeTokens: boolean;

  constructor(options: TokenServiceOptions) {
    if (options.secret.length < 32) throw new Error('The JWT secret must be at least 32 characters long');
    // Imported once: handing jose the raw bytes makes it import the key again on every request.
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    this.issuer = options.issuer ?? DEFAULT_TOKEN_ISSUER;
    this.audience = options.audience ?? DEFAULT_TOKEN_AUDIENCE;
    this.now = options.now ?? (() => new Date());
    this.acceptEmployeeTokens = options.acceptEmployeeTokens ?? true;
  }

  issueEmployeeToken(user: Pick<StoredUser, 'id' | 'name' | 'role' | 'branchId'>): Promise<string> {
    const claims: JWTPayload = { role: user.role, name: user.name, ...(user.branchId ? { branchId: user.branchId } : {}) };
    return this.sign(claims, user.id, EMPLOYEE_TOKEN_TTL_SECONDS);
  }

  /** `embedded`: opened from an embed URL (the identification step then returns to `/embed/identified`). */
  issueSignerToken(session: { processId: string; invitationId?: string; embedded?: boolean }): Promise<string> {
    const claims: JWTPayload = {
      role: 'signer',
      name: SIGNER_SESSION_NAME,
      processId: session.processId,
      ...(session.invitationId ? { inv: session.invitationId } : {}),
      ...(session.embedded ? { emb: true } : {}),
    };
    return this.sign(claims, `signer:${session.processId}`, SIGNER_TOKEN_TTL_SECONDS);
  }

  async verify(token: string): Promise<AuthUser> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'], // pinned: never let the token's header pick the algorithm
        issuer: this.issuer,
        audience: this.audience,
        currentDate: this.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch {
      // Which check failed (signature, expiry, alg, claims) is not the caller's business.
      throw unauthorized('The token is invalid or expired');
    }
    const user = authUserOfClaims(payload);
    if (!user || (user.role !== 'signer' && !this.acceptEmployeeTokens)) throw unauthorized('The token is invalid or expired');
    return user;
  }

  private async sign(claims: JWTPayload, subject: string, ttlSeconds: number): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(await this.key);
  }
}

/** Re-checks the claims we wrote; a well-signed token of the wrong shape is still refused. */
function authUserOfClaims(payload: JWTPayload): AuthUser | null {
  const { sub, role, name, branchId, processId, inv, emb } = payload;
  if (typeof sub !== 'string' || typeof name !== 'string') return null;
  if (role === 'signer') {
    if (typeof processId !== 'string' || sub !== `signer:${processId}`) return null;
    if (inv !== undefined && typeof inv !== 'string') return null;
    if (emb !== undefined && emb !== true) return null;
    return { id: sub, name, role, processId, ...(inv ? { invitationId: inv } : {}), ...(emb ? { embedded: true } : {}) };
  }
  if (!isEmployeeRole(role)) return null;
  if (branchId !== undefined && typeof branchId !== 'string') return null;
  // A manager without a branch would match no branch filter, or worse, every one: refuse it.
  if (role === 'manager' && !branchId) return null;
  return { id: sub, name, role, ...(branchId ? { branchId } : {}) };
}

/**
 * Accepts a token any of the verifiers accepts, in order. Production needs two: the OIDC verifier
 * for employees and our `TokenService` for signer sessions (signers have no IdP account). Only a
 * 401 moves on to the next verifier; anything else (the IdP unreachable) is answered as it is.
 */
export function anyOfVerifiers(...verifiers: TokenVerifier[]): TokenVerifier {
  return {
    async verify(token: string): Promise<AuthUser> {
      let refusal: HttpProblem = unauthorized();
      for (const verifier of verifiers) {
        try {
          return await verifier.verify(token);
        } catch (error) {
          if (!(error instanceof HttpProblem) || error.status !== 401) throw error;
          refusal = error;
        }
      }
      throw refusal;
    },
  };
}
