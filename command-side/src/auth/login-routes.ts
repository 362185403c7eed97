import { randomBytes } from 'node:crypto';
import { LoginDto, toFieldErrors, type LoginAnswer } from '@e-contract/contracts';
import { validate } from 'class-validator';
import express, { type Request, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { jsonBody, tooManyRequests, unauthorized, validationFailed } from '@e-contract/platform/http';
import { hashPassword, verifyPassword } from './passwords.js';
import { normalizeLogin, type TokenService, type UserDirectory } from '@e-contract/platform/auth';
import { threadMetrics } from '@e-contract/platform/metrics';

export interface LoginRoutesOptions {
  users: UserDirectory;
  tokens: Pick<TokenService, 'issueEmployeeToken'>;
  /** Default: argon2id `verifyPassword` from passwords.ts. */
  verifyPassword?: (passwordHash: string, password: string) => Promise<boolean>;
  /** Failed logins allowed per login and IP in a window. Default: API.md's 10 in 15 minutes. */
  limiter?: { windowMs: number; limit: number };
}

export const DEFAULT_LOGIN_LIMIT = { windowMs: 15 * 60_000, limit: 10 } as const;

const WRONG_CREDENTIALS = 'Wrong login or password';

/**
 * `POST /api/auth/login` (embedded mode). The router parses its own small JSON body: the rate limit
 * is keyed by the login in the body, so the body must be read before the limiter runs.
 */
export function createLoginRoutes(options: LoginRoutesOptions): Router {
  const checkPassword = options.verifyPassword ?? verifyPassword;
  const { windowMs, limit } = options.limiter ?? DEFAULT_LOGIN_LIMIT;

  // An unknown login still costs one argon2 verification, against this throwaway hash, so the answer
  // time does not tell which logins exist. Made on first use, not at import.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64url')));

  const refusals = threadMetrics().rateLimitRefusals.labels('login');
  refusals.inc(0);
  const failedLogins = rateLimit({
    windowMs,
    limit,
    // Only failures count (status >= 400): a user who typed it right is never slowed down, and a
    // correct password after a few typos still works.
    skipSuccessfulRequests: true,
    // Per login AND address: one attacker cannot lock a user out from everywhere, and a shared
    // office address does not lock out everybody. `ipKeyGenerator` folds an IPv6 address into its
    // /56, which a single client usually owns entirely.
    keyGenerator: (request) => `${ipKeyGenerator(request.ip ?? 'unknown')} ${loginOf(request)}`,
    legacyHeaders: false,
    standardHeaders: false,
    // Our problem+json answer, via the central error handler; it carries Retry-After itself.
    handler: (request, _response, next) => {
      refusals.inc();
      next(
        tooManyRequests('Too many failed logins for this login from this address; try again later', retryAfterSeconds(request, windowMs)),
      );
    },
  });

  const router = express.Router();
  router.post('/api/auth/login', ...jsonBody({ limit: '10kb' }), failedLogins, async (req, res) => {
    const dto = LoginDto.fromPlain(req.body);
    const errors = await validate(dto);
    if (errors.length > 0) throw validationFailed(toFieldErrors(errors));

    const user = await options.users.findByLogin(dto.login);
    if (!user) {
      await checkPassword(await dummy(), dto.password);
      throw unauthorized(WRONG_CREDENTIALS);
    }
    if (!(await checkPassword(user.passwordHash, dto.password))) throw unauthorized(WRONG_CREDENTIALS);

    const token = await options.tokens.issueEmployeeToken(user);
    const answer: LoginAnswer = { token, user: { id: user.id, name: user.name, role: user.role, branchId: user.branchId ?? null } };
    res.json(answer);
  });
  return router;
}

/** The login as the limiter keys it; a body without one shares the address's anonymous bucket. */
function loginOf(request: Request): string {
  const body: unknown = request.body;
  const login = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['login'] : undefined;
  return typeof login === 'string' ? normalizeLogin(login).slice(0, 100) : '';
}

/** Seconds until this key's window ends (express-rate-limit stores it on `req.rateLimit`). */
function retryAfterSeconds(request: Request, windowMs: number): number {
  const info = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
  const resetAt = info?.resetTime?.getTime();
  const remainingMs = resetAt === undefined ? windowMs : resetAt - Date.now();
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
