/**
 * The event store's refusals and failures other than an optimistic-concurrency conflict
 * (`WrongExpectedRevision`, event-store.ts), the same whatever the adapter. The HTTP kit answers
 * each (platform/src/http/problem-handler.ts): too large 413, deleted stream 409, unavailable 503.
 */

/** An append larger than the store takes in one go (`MAX_APPEND_BYTES`); refused before anything is sent. */
export class AppendTooLarge extends Error {
  override readonly name = 'AppendTooLarge';
  constructor(
    readonly streamId: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`an append of ${bytes} bytes to ${streamId} is over the limit of ${limit} bytes`);
  }
}

/** The stream was deleted (tombstoned) in the store: it can be neither read nor written again. */
export class StreamDeleted extends Error {
  override readonly name = 'StreamDeleted';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} has been deleted`);
  }
}

/** An event id that the log already holds in another stream (ids are unique in the embedded log). */
export class DuplicateEventId extends Error {
  override readonly name = 'DuplicateEventId';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`event ${eventId} appended to ${streamId} is already in the log`);
  }
}

/**
 * The store could not be reached, had no leader, or did not answer in time. For an append,
 * `outcomeUnknown` says that it may have been written all the same: the caller must not report
 * success, and may send the very same events again (a repeat is answered idempotently, see
 * `EventStore.appendToStream`).
 */
export class EventStoreUnavailable extends Error {
  override readonly name = 'EventStoreUnavailable';
  constructor(
    readonly operation: 'append' | 'read' | 'subscribe',
    readonly outcomeUnknown: boolean,
    override readonly cause: unknown,
    /** How long a client should wait before trying again (the HTTP answer's `Retry-After`). */
    readonly retryAfterSeconds = 5,
  ) {
    super(
      `the event store is unavailable (${operation}${outcomeUnknown ? ', outcome unknown' : ''}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
