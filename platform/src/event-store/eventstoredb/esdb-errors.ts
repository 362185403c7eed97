import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { AppendTooLarge, EventStoreUnavailable, StreamDeleted } from '../event-store-errors.js';

/** What the adapter was doing when the client failed. */
export type EsdbOperation = { kind: 'append'; streamId: string; bytes: number } | { kind: 'read' | 'subscribe'; streamId?: string };

/**
 * The port's error for an error of `@eventstore/db-client`, or the error itself when the port has
 * none for it (access denied, a bad argument: configuration faults, logged as they are).
 *
 * - `StreamDeletedError` (a tombstoned stream) → `StreamDeleted`.
 * - `MaxAppendSizeExceededError` (the server's `MaxAppendSize` is below ours) → `AppendTooLarge`.
 * - `NotLeaderError`: the node refused before doing anything (the client reconnects to the leader
 *   it names) → `EventStoreUnavailable`, nothing written.
 * - `UnavailableError` (no connection, or it dropped), `DeadlineExceededError` (our deadline, or
 *   the server's commit timeout), `TimeoutError` (gRPC ABORTED), `CancelledError` (the server gave
 *   up a call) → `EventStoreUnavailable`; for an append the outcome is unknown — the request may
 *   have reached the leader and been written.
 */
export function portErrorOf(error: unknown, operation: EsdbOperation): unknown {
  if (error instanceof StreamDeletedError) return new StreamDeleted(error.streamName || (operation.streamId ?? ''));
  if (error instanceof MaxAppendSizeExceededError && operation.kind === 'append') {
    return new AppendTooLarge(operation.streamId, operation.bytes, error.maxAppendSize);
  }
  if (error instanceof NotLeaderError) return new EventStoreUnavailable(operation.kind, false, error, 1);
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError
  ) {
    return new EventStoreUnavailable(operation.kind, operation.kind === 'append', error);
  }
  return error;
}
