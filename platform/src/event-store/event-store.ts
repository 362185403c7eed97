import type { EventMetadata, RecordedEvent } from '@e-contract/contracts';

/** An event to append: the caller has already computed its metadata (actor, hash chain …). */
export interface NewEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * What the appender expects the stream to be: `'no_stream'` (it must not exist yet), `'any'`, or
 * the revision (0-based) of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event appended. */
  revision: number;
  /** Global log position of the last event appended, a decimal string. */
  position: string;
}

export interface ReadStreamOptions {
  /** Read from this revision on (inclusive). */
  fromRevision?: number;
  /** Read backwards from the end (newest first). */
  backwards?: boolean;
  maxCount?: number;
}

/**
 * Which log an event store holds: its kind and an id that goes with the data — a backup restored
 * keeps it, a new database or a log copied event by event (new positions) gets another. Read stores
 * keep it beside their checkpoints, which are positions in that one log.
 */
export interface EventStoreIdentity {
  kind: 'sqlite' | 'eventstoredb';
  id: string;
}

export interface ReadAllOptions {
  /** Read events strictly after this global position (a decimal string); from the start when left out. */
  after?: string;
  maxCount?: number;
}

/**
 * The event store port. Adapters: `SqliteEventStore` (embedded default) and
 * `EventStoreDbEventStore` (`@eventstore/db-client`). Both pass the one contract in `event-store.contract.ts`.
 */
export interface EventStore {
  /**
   * Appends all events atomically or none; throws `WrongExpectedRevision` when the stream's revision
   * is not the expected one.
   *
   * Repeating an append is safe: when the stream already holds these very events (the same ids, types,
   * data and metadata) at the revisions this append would give them, nothing is written and the first
   * append's result is answered — so an append whose outcome was unknown (`EventStoreUnavailable`)
   * may be sent again as it was. The same ids with other contents, or only some of them, are a
   * conflict (`WrongExpectedRevision`); an id already used in another stream is `DuplicateEventId`
   * where the store can tell (the embedded one; EventStoreDB only compares within the stream).
   *
   * Refused before anything is sent: more than `MAX_APPEND_BYTES` (`AppendTooLarge`). Other refusals:
   * `StreamDeleted`; `EventStoreUnavailable` when the store could not be reached or did not answer in
   * time (the append may or may not have been written: `outcomeUnknown`).
   */
  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in revision order (an empty list when the stream does not exist). */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The position of the last event in the log, `null` when it is empty. */
  headPosition(): Promise<string | null>;
  /** Which log this is (`EventStoreIdentity`): the same for every connection to the same data. */
  identity(): Promise<EventStoreIdentity>;
  /** Whether the store answers; for health checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class WrongExpectedRevision extends Error {
  override readonly name = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}
