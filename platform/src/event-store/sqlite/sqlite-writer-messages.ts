import { DuplicateEventId } from '../event-store-errors.js';
import { WrongExpectedRevision, type AppendResult, type ExpectedRevision } from '../event-store.js';
import type { AppendRequest } from './sqlite-batch-writer.js';

/** What crosses to and from the writer thread (structured clone: plain data only). */
export type WriterRequest = { type: 'commit'; id: number; batch: readonly AppendRequest[] } | { type: 'close' };

export type WriterReply =
  | { type: 'committed'; id: number; outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: SerializedError })[] }
  | { type: 'failed'; id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** SQLite's error code (`SQLITE_FULL`, `SQLITE_BUSY`, …) when there is one. */
  code?: string;
  revision?: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' };
  duplicate?: { streamId: string; eventId: string };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof WrongExpectedRevision) {
    return {
      name: error.name,
      message: error.message,
      revision: { streamId: error.streamId, expected: error.expected, actual: error.actual },
    };
  }
  if (error instanceof DuplicateEventId) {
    return { name: error.name, message: error.message, duplicate: { streamId: error.streamId, eventId: error.eventId } };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** The error as the appender sees it: the port's error again, or an `Error` with SQLite's name and code. */
export function deserializeError(serialized: SerializedError): Error {
  if (serialized.revision)
    return new WrongExpectedRevision(serialized.revision.streamId, serialized.revision.expected, serialized.revision.actual);
  if (serialized.duplicate) return new DuplicateEventId(serialized.duplicate.streamId, serialized.duplicate.eventId);
  const error = new Error(serialized.message) as Error & { code?: string };
  error.name = serialized.name;
  if (serialized.code !== undefined) error.code = serialized.code;
  return error;
}
