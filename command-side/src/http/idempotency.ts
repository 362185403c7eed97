import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { jcs } from '@e-contract/contracts/node';
import type { IdempotencyStore, StoredAnswer } from '../idempotency/idempotency-store.js';
import { authOf, badRequest, unprocessable } from '@e-contract/platform/http';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** The refusals a request gets when it lost a race against a twin with the same key. */
const RACE_TYPES = /\/(process-exists|concurrency-conflict|step-out-of-order|process-ended)$/;
const RACE_WAIT_MS = 3000;
/**
 * Refusals of a request before its command ran, or that a retry may get past: never recorded, so a
 * retry is handled afresh (a malformed body, authentication, size and media type, timeouts, limits).
 */
const NOT_DECIDED = new Set([400, 401, 403, 408, 413, 415, 429]);

/**
 * Whether an answer is the command's decision, which a retry with the same key and body gets again
 * whatever it was (API.md: "the first answer"): a success, or a refusal the handler reached — a
 * wrong code (its rejection is a fact: repeating it must not spend another try), a taken
 * `externalId`, a process that has ended. Server failures (5xx) and lost races are not decisions.
 */
export function isDecidedAnswer(status: number, body: unknown): boolean {
  if (status >= 200 && status < 300) return true;
  if (status < 400 || status >= 500 || NOT_DECIDED.has(status)) return false;
  return !(status === 409 && RACE_TYPES.test(String((body as { type?: unknown } | null)?.type)));
}

/** The SHA-256 of a body's canonical JSON; 400 for a body JSON can read but not canonicalise. */
function requestDigest(body: unknown): string {
  let canonical: string;
  try {
    canonical = jcs(body ?? null);
  } catch {
    // JSON.parse reads 1e400 as Infinity, which canonical JSON cannot write; and nesting past the stack.
    throw badRequest('The request body cannot be read as JSON data: a number out of range, or nesting too deep', [
      { field: 'body', code: 'json', message: 'must hold finite numbers and nest at most a few hundred levels deep' },
    ]);
  }
  return createHash('sha256').update(canonical).digest('hex');
}

/** The twin may still be finishing (its answer is recorded just before it is sent): wait for it a moment. */
async function awaitAnswer(store: IdempotencyStore, scope: string, key: string): Promise<StoredAnswer | null> {
  const deadline = Date.now() + RACE_WAIT_MS;
  for (;;) {
    const found = await store.find(scope, key);
    if (found || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface IdempotencyContext {
  scope: string;
  key: string;
  requestSha256: string;
}

export const idempotencyOf = (res: Response): IdempotencyContext | undefined => res.locals['idempotency'] as IdempotencyContext | undefined;

/**
 * `Idempotency-Key` (API.md, "Commands"): scoped to the caller and the endpoint, kept 24 h. The
 * same key with the same body gets the first answer again and appends nothing; with another body,
 * 422. The first decided answer (`isDecidedAnswer`: a success or a refusal the command reached) is
 * recorded before it is sent, so a retry that follows it always finds it; a retry racing the first request may lose the race on the stream revision (409), and then
 * gets the recorded answer instead.
 */
export function idempotency(store: IdempotencyStore, logger: Logger, clock: () => Date = () => new Date()): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined) return next();
    if (!KEY.test(key))
      throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters', [
        { field: 'Idempotency-Key', code: 'idempotency_key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    const caller = authOf(res)?.id ?? 'anonymous';
    const scope = `${caller} ${req.method} ${req.baseUrl}${req.path}`;
    const requestSha256 = requestDigest(req.body);

    const send = res.json.bind(res);
    const replay = (answer: StoredAnswer): void => {
      res.status(answer.status).set('Idempotent-Replayed', 'true');
      if (answer.contentType) res.type(answer.contentType);
      if (answer.location) res.location(answer.location);
      send(answer.body);
    };
    const refuseOtherBody = () => {
      throw unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body');
    };

    const found = await store.find(scope, key);
    if (found) {
      if (found.requestSha256 !== requestSha256) refuseOtherBody();
      replay(found);
      return;
    }

    res.locals['idempotency'] = { scope, key, requestSha256 } satisfies IdempotencyContext;
    res.json = (body: unknown) => {
      const status = res.statusCode;
      if (isDecidedAnswer(status, body)) {
        const location = res.get('location');
        const contentType = res.get('content-type');
        const answer: StoredAnswer = {
          requestSha256,
          status,
          body,
          recordedAt: clock().toISOString(),
          ...(location ? { location } : {}),
          ...(contentType ? { contentType } : {}),
        };
        store.save(scope, key, answer).then(
          () => send(body),
          (error: unknown) => {
            logger.error({ err: error }, 'could not record an idempotent answer');
            send(body);
          },
        );
      } else if (status === 409 && RACE_TYPES.test(String((body as { type?: unknown } | null)?.type))) {
        awaitAnswer(store, scope, key).then(
          (raced) => (raced && raced.requestSha256 === requestSha256 ? replay(raced) : send(body)),
          () => send(body),
        );
      } else {
        send(body);
      }
      return res;
    };
    next();
  };
}
