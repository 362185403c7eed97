import type { EmployeeRole } from '@e-contract/contracts';
import { createRemoteJWKSet, errors, jwtVerify, type JWSAlgorithm, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { HttpProblem, unauthorized } from '../http/problem.js';
import type { AuthUser } from '../http/auth-context.js';
import type { TokenVerifier } from './tokens.js';
import { isEmployeeRole } from './user-directory.js';

export interface OidcTokenVerifierOptions {
  /** `OIDC_ISSUER`: must equal the tokens' `iss` exactly. */
  issuer: string;
  /** Our API's client id / audience at the IdP; required so tokens minted for other apps are refused. */
  audience: string | string[];
  /** The issuer's keys. Default: `createRemoteJWKSet(jwksUri)`. Tests inject `createLocalJWKSet`. */
  jwks?: JWTVerifyGetKey;
  /** Default `<issuer>/.well-known/jwks.json`; `discover()` takes it from the discovery document. */
  jwksUri?: string;
  /** Asymmetric only: an HS* token would be "signed" with a value anyone could fetch. */
  algorithms?: JWSAlgorithm[];
  /** Claim holding the role: a string or an array of strings; dots walk into objects (`realm_access.roles`). Default `role`. */
  roleClaim?: string;
  /** Claim holding a manager's branch. Default `branch_id`. */
  branchClaim?: string;
  /** The IdP's role names mapped to ours (e.g. `{'econtract-manager': 'manager'}`). Default: our names as they are. */
  roleValues?: Record<string, EmployeeRole>;
}

const DEFAULT_ALGORITHMS: JWSAlgorithm[] = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** jose error codes that mean "this token is no good" (401); others mean "we could not check" (503). */
const TOKEN_FAULTS = new Set<string>([
  errors.JWTClaimValidationFailed.code,
  errors.JWTExpired.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
  errors.JWSSignatureVerificationFailed.code,
]);

/**
 * Production sign-in: employees' bearer tokens issued by the company's OIDC provider, checked
 * against the issuer's published keys. Maps `sub`, `name`, a role claim and a branch claim to
 * `AuthUser`. Never yields a signer: signer sessions are our own tokens (`TokenService`).
 */
export class OidcTokenVerifier implements TokenVerifier {
  private readonly jwks: JWTVerifyGetKey;

  constructor(private readonly options: OidcTokenVerifierOptions) {
    this.jwks = options.jwks ?? createRemoteJWKSet(new URL(options.jwksUri ?? `${trimSlash(options.issuer)}/.well-known/jwks.json`));
  }

  /** Builds the verifier from the issuer's discovery document (`/.well-known/openid-configuration`). */
  static async discover(options: Omit<OidcTokenVerifierOptions, 'jwks' | 'jwksUri'>): Promise<OidcTokenVerifier> {
    const url = `${trimSlash(options.issuer)}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`OIDC discovery failed: ${url} answered ${response.status}`);
    const document: unknown = await response.json();
    const issuer = field(document, 'issuer');
    const jwksUri = field(document, 'jwks_uri');
    // OpenID Connect Discovery 1.0, 4.3: the document's issuer must be exactly the one we asked.
    if (issuer !== options.issuer) throw new Error(`OIDC discovery: issuer ${String(issuer)} is not ${options.issuer}`);
    if (typeof jwksUri !== 'string') throw new Error('OIDC discovery: the document has no jwks_uri');
    return new OidcTokenVerifier({ ...options, jwksUri });
  }

  async verify(token: string): Promise<AuthUser> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: this.options.algorithms ?? DEFAULT_ALGORITHMS,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) throw unauthorized('The token is invalid or expired');
      // The IdP's keys could not be fetched: a 401 would sign healthy users out, so say what it is.
      throw new HttpProblem(503, 'identity-provider-unavailable', 'Service unavailable', 'The identity provider could not be reached');
    }
    const user = this.authUserOf(payload);
    if (!user) throw unauthorized('The token does not carry a usable role');
    return user;
  }

  private authUserOf(payload: JWTPayload): AuthUser | null {
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub === '') return null;
    const role = this.roleOf(claimAt(payload, this.options.roleClaim ?? 'role'));
    if (!role) return null;
    const named = [payload['name'], payload['preferred_username']].find((value) => typeof value === 'string' && value !== '');
    const name = typeof named === 'string' ? named : sub;
    if (role !== 'manager') return { id: sub, name, role }; // API.md: auditors and admins have no branch
    const branchId = claimAt(payload, this.options.branchClaim ?? 'branch_id');
    return typeof branchId === 'string' && branchId !== '' ? { id: sub, name, role, branchId } : null;
  }

  /**
   * Exactly one of our roles, or none: the roles are not nested (an admin may not act as a manager),
   * so picking one of several would be a guess at the user's privileges.
   */
  private roleOf(claim: unknown): EmployeeRole | null {
    const values =
      typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
    const mapping = this.options.roleValues;
    const roles = new Set(values.map((value) => (mapping ? mapping[value] : value)).filter(isEmployeeRole));
    const [only] = roles;
    return roles.size === 1 && only ? only : null;
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) value = field(value, key);
  return value;
}

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
