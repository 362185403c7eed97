import { HttpProblem } from './problem.js';

/** The file-system refusals that mean "no room or no write now", not a bug: a full disk, a read-only mount, a quota. */
const STORAGE_CODES = new Set(['ENOSPC', 'EROFS', 'EDQUOT']);
const RETRY_AFTER_SECONDS = 30;

/**
 * A file the server could not write (a document upload, the archive) for want of storage: 503 with
 * `Retry-After`, as for an event store that cannot take a write. Nothing was recorded: the request
 * may be sent again once space is back. `null` for any other error.
 */
export function problemOfStorageError(error: unknown): HttpProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.has(code)) return null;
  return new HttpProblem(
    503,
    'storage-unavailable',
    'Service unavailable',
    'The server cannot store files right now; nothing was recorded. Try again later',
    { retryAfter: RETRY_AFTER_SECONDS },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
