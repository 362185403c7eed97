import { AppendTooLarge, DuplicateEventId, EventStoreUnavailable, StreamDeleted } from '../event-store/event-store-errors.js';
import { HttpProblem, conflict, tooLarge } from './problem.js';

/**
 * The event store port's refusals and failures as API.md answers them: 503 with `Retry-After` when
 * the store cannot take or give events right now (an append's outcome may be unknown: the command
 * reports nothing as done, and repeating it is safe), 413 for an append over the store's limit, 409
 * for a deleted stream or an event id used twice. `null` for any other error.
 */
export function problemOfEventStoreError(error: unknown): HttpProblem | null {
  if (error instanceof EventStoreUnavailable) {
    return new HttpProblem(
      503,
      'event-store-unavailable',
      'Service unavailable',
      error.outcomeUnknown
        ? 'The event store did not confirm the write; it may or may not have been recorded. Try again later'
        : 'The event store cannot be reached right now; try again later',
      { retryAfter: error.retryAfterSeconds },
      { 'Retry-After': String(error.retryAfterSeconds) },
    );
  }
  if (error instanceof AppendTooLarge) return tooLarge('The facts to record are larger than the event store takes at once');
  if (error instanceof StreamDeleted) return conflict('stream-deleted', 'This process has been deleted from the event store');
  if (error instanceof DuplicateEventId) return conflict('concurrency-conflict', 'The event was already recorded');
  return null;
}
