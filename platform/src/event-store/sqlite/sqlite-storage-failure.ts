import { EventStoreUnavailable } from '../event-store-errors.js';

/** How long a client waits after the file could not be written (the answer's `Retry-After`). */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

/**
 * SQLite's answers that mean the file cannot be written now — the disk is full, the file or its
 * directory is read-only, the locks were held past the timeout — after which nothing of the
 * transaction stays. An I/O error may strike the commit itself; SQLite still rolls it back, but
 * the answer says the outcome is unknown, as for any store that did not confirm a write.
 */
const CANNOT_WRITE = /^SQLITE_(FULL|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL)/;
const IO_ERROR = /^SQLITE_IOERR/;

/** The port's `EventStoreUnavailable` for an append SQLite could not write; any other error as it is. */
export function storageFailureOf(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (CANNOT_WRITE.test(code)) return new EventStoreUnavailable('append', false, error, STORAGE_RETRY_AFTER_SECONDS);
  if (IO_ERROR.test(code)) return new EventStoreUnavailable('append', true, error, STORAGE_RETRY_AFTER_SECONDS);
  return error;
}
