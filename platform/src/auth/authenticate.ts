import express, { type Request, type RequestHandler, type Response } from 'express';
import { decodeJwt } from 'jose';
import { authOf, type AuthUser } from '../http/auth-context.js';
import { forbidden, unauthorized } from '../http/problem.js';
import type { TokenVerifier } from './tokens.js';

export interface AuthenticateOptions {
  /**
   * Also accept `?access_token=` — only for `GET /api/deals/stream`: a browser `EventSource` cannot
   * set headers. Tokens in URLs end up in access logs, so request logging must drop the query string
   * (or this parameter) on that path, and no other route should enable it.
   */
  allowQueryToken?: boolean;
}

/**
 * Establishes the caller from `Authorization: Bearer <token>` and stores it on `res.locals.auth`
 * (read it with `authOf(res)`); no token or a bad one → 401 `unauthorized()`.
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  return async (req, res, next) => {
    const token = bearerTokenOf(req) ?? (options.allowQueryToken ? queryTokenOf(req) : undefined);
    if (!token) throw unauthorized();
    res.locals['auth'] = await verifier.verify(token);
    res.locals['credential'] = token;
    next();
  };
}

/**
 * The bearer token (or API key) `authenticate` accepted for this request: what a long-lived answer
 * (the deal stream) checks again, so that it ends when the credential does.
 */
export const credentialOf = (res: Response): string | undefined => res.locals['credential'] as string | undefined;

/** When a token says it expires (a JWT's `exp`), read without verifying it (only to end a stream earlier); `null` for API keys. */
export function credentialExpiryOf(credential: string): Date | null {
  try {
    const { exp } = decodeJwt(credential);
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

/** 403 unless the authenticated caller has one of `roles` (mount after `authenticate`). */
export function requireRole(...roles: AuthUser['role'][]): RequestHandler {
  const allowed = new Set(roles);
  return (_req, res, next) => {
    const caller = authOf(res);
    if (!caller) throw unauthorized(); // mounted without `authenticate`: refuse rather than let through
    if (!allowed.has(caller.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`);
    next();
  };
}

/**
 * API.md: "Authentication is checked before the body (401 comes before 400)". So command routes must
 * not sit behind an app-wide `express.json()`; mount this pair instead, per router:
 *
 *   app.use('/api/signing-processes', ...authenticateBeforeBody(tokens), signingRouter);
 *
 * It authenticates first, then parses a JSON body (a later `express.json()` sees the body already
 * read and does nothing). Non-JSON bodies (PDF uploads) pass through untouched.
 */
export function authenticateBeforeBody(
  verifier: TokenVerifier,
  options: AuthenticateOptions & { json?: Parameters<typeof express.json>[0] } = {},
): RequestHandler[] {
  const { json, ...authenticateOptions } = options;
  return [authenticate(verifier, authenticateOptions), express.json(json ?? { limit: '100kb' })];
}

// RFC 6750 b64token; the scheme name is case-insensitive (RFC 7235).
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

function bearerTokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** A single `access_token` string; repeated or nested parameters are ignored rather than guessed at. */
function queryTokenOf(req: Request): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)['access_token'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
