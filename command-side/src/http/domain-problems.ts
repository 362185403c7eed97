import { DomainError } from '../signing/signing-errors.js';
import { ConcurrencyConflict, RevisionMismatch } from '../signing/command-handler.js';
import { RegistryUnavailable } from '../registries/company-registry.js';
import { HttpProblem } from '@e-contract/platform/http';
import { CreationsPaused } from '../signing/create-admission.js';

/** Each domain refusal's HTTP status (API.md, "Errors"); the `code` becomes the problem type. */
const STATUS_OF_DOMAIN_CODE: Record<string, number> = {
  'process-not-found': 404,
  'process-exists': 409,
  'external-id-taken': 409,
  'integration-not-found': 404,
  'integration-exists': 409,
  'step-out-of-order': 409,
  'process-ended': 409,
  'identification-request-reused': 409,
  'edo-already-accepted': 409,
  'identification-tries-exhausted': 422,
  'edo-version-not-current': 422,
  'code-expired': 422,
  'code-rate-limited': 429,
  'identification-rate-limited': 429,
  'reminders-rate-limited': 429,
  'link-requests-rate-limited': 429,
};

const TITLES: Record<number, string> = {
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  422: 'Unprocessable request',
  429: 'Too many requests',
};

/** Translates what the command side throws into a problem; `null` for errors it does not know. */
export function problemOfError(error: unknown): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) {
    const status = STATUS_OF_DOMAIN_CODE[error.code] ?? 409;
    const retryAfter = 'retryAfterSeconds' in error ? Number(error.retryAfterSeconds) : undefined;
    return new HttpProblem(
      status,
      error.code,
      TITLES[status] ?? 'Refused',
      error.message,
      { ...error.details, ...(retryAfter ? { retryAfter } : {}) },
      retryAfter ? { 'Retry-After': String(retryAfter) } : {},
    );
  }
  if (error instanceof RevisionMismatch) {
    return new HttpProblem(412, 'revision-mismatch', TITLES[412]!, error.message, {
      expectedRevision: error.expected,
      currentRevision: error.actual,
    });
  }
  if (error instanceof RegistryUnavailable) {
    return new HttpProblem(
      503,
      'registry-unavailable',
      'Service unavailable',
      'A registry needed for this step does not answer; try again later',
      {},
      { 'Retry-After': '30' },
    );
  }
  if (error instanceof CreationsPaused) {
    return new HttpProblem(
      503,
      'creations-paused',
      'Service unavailable',
      error.message,
      { retryAfter: error.retryAfterSeconds },
      {
        'Retry-After': String(error.retryAfterSeconds),
      },
    );
  }
  if (error instanceof ConcurrencyConflict) return new HttpProblem(409, 'concurrency-conflict', 'Conflict', error.message);
  return null;
}
