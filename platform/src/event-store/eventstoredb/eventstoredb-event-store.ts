import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, RecordedEvent } from '@e-contract/contracts';
import {
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '../event-store.js';
import { DEFAULT_SUBSCRIPTION_BATCH_SIZE, type EventSubscriber, type SubscribeOptions } from '../subscription.js';

/** How many `$all` records one round trip asks for while skipping system events. */
const ALL_PAGE_SIZE = 500;
/** The client's stand-in when an old server (< 22.6) sends no log position on a stream read. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

type StoredEvent = NonNullable<ResolvedEvent['event']>;

/**
 * The event store on EventStoreDB (`@eventstore/db-client`), for production and scaling out.
 *
 * Positions: our global position is the event's **commit position** in the transaction log, as a
 * decimal string. Every append through the gRPC API is an implicit transaction whose events are
 * each written with commit = prepare = the record's own log position, so the commit position alone
 * names one event and grows with the log. (Events of legacy explicit TCP transactions share one
 * commit position; this system never writes those.) `readAll({after})` therefore starts the server
 * read at `{commit: after, prepare: after}` — a forward `$all` read is inclusive — and drops every
 * record at or before `after`. System records (types starting with `$`: stream metadata, link events
 * of system projections, statistics) are left out of `readAll` and `headPosition`.
 *
 * Needs EventStoreDB ≥ 22.6, the first version that sends log positions on stream reads.
 */
export class EventStoreDbEventStore implements EventStore, EventSubscriber {
  constructor(private readonly client: EventStoreDBClient) {}

  /** @param connectionString e.g. `esdb://localhost:2113?tls=false` */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const proposed = events.map((event) =>
      jsonEvent({
        id: event.eventId,
        type: event.type,
        // The client JSON.stringify-s `data` whatever its type; its JSONType is only narrower in the typings.
        data: (event.data ?? null) as JSONType,
        metadata: event.metadata,
      }),
    );
    try {
      const result = await this.client.appendToStream(streamId, proposed, {
        expectedRevision: toEsdbExpected(expected),
      });
      if (!result.success) {
        // Only with `throwOnAppendFailure=false` in the connection string; ask the stream itself, as
        // the batch-append path of the client does not report the actual revision correctly then.
        throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(streamId));
      }
      if (!result.position) throw new Error(`EventStoreDB returned no log position for an append to ${streamId}`);
      // The append answers with the position of the last event written, the one the port reports.
      return { revision: Number(result.nextExpectedRevision), position: result.position.commit.toString(10) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevision(streamId, expected, actual);
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const read = this.client.readStream(streamId, {
      direction: options.backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (options.backwards ? END : START) : BigInt(options.fromRevision),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let after = options.after === undefined ? -1n : parsePosition(options.after);
    let from: ReadPosition = after < 0n ? START : { commit: after, prepare: after };
    const events: RecordedEvent[] = [];
    // System records can fill a page: read pages until enough events are found or the log ends.
    while (events.length < wanted) {
      const page = await this.readAllPage({ fromPosition: from, direction: FORWARDS });
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || event.position.commit <= after) continue;
        after = event.position.commit;
        if (!isSystemEvent(event)) events.push(toRecordedEvent(event));
        if (events.length === wanted) break;
      }
      if (page.length < ALL_PAGE_SIZE) break;
      from = { commit: after, prepare: after };
    }
    return events;
  }

  async headPosition(): Promise<string | null> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage({ fromPosition: from, direction: BACKWARDS });
      const newest = page.find((resolved) => resolved.event && !isSystemEvent(resolved.event));
      if (newest?.event) return newest.event.position.commit.toString(10);
      const oldest = page.at(-1)?.event;
      if (page.length < ALL_PAGE_SIZE || !oldest) return null;
      // Go on from the oldest record seen; should the server include it again, it is a system record.
      from = oldest.position;
    }
  }

  /**
   * A catch-up subscription to `$all` (`subscribeToAll`), filtered on the server by stream name —
   * the prefix when given, else every stream not starting with `$` — and batched here: each batch
   * is what the client has buffered (up to `batchSize`) when the consumer asks for the next one.
   * The server's filter checkpoints tell how far the log has been searched past filtered-out
   * records (`onCaughtUp`). A subscription starts after `fromPosition`; records at or before
   * `after` are dropped all the same, as `readAll` does. The server dropping the subscription
   * ends the iteration with an error: the consumer subscribes again from its checkpoint.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<RecordedEvent[], void, undefined> {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const prefix = options.streamPrefix;
    let after = options.after === null ? -1n : parsePosition(options.after);
    let scanned = after;
    let failure: unknown = null;
    let ended = false;
    let wake: (() => void) | null = null;
    const signal = () => wake?.();
    const checkpointReached = (_subscription: unknown, position: Position) => {
      if (position.commit > scanned) scanned = position.commit;
      signal();
    };
    const filter = prefix
      ? streamNameFilter({ prefixes: [prefix], checkpointReached })
      : streamNameFilter({ regex: '^[^$]', checkpointReached });
    const subscription = this.client.subscribeToAll(
      { fromPosition: after < 0n ? START : { commit: after, prepare: after }, filter, resolveLinkTos: false },
      { highWaterMark: batchSize },
    );
    const onError = (error: unknown) => {
      failure = error;
      signal();
    };
    const onEnd = () => {
      ended = true;
      signal();
    };
    subscription.on('readable', signal).on('caughtUp', signal).on('error', onError).on('end', onEnd).on('close', onEnd);
    options.signal.addEventListener('abort', signal);
    try {
      while (!options.signal.aborted) {
        if (failure !== null) throw failure;
        const batch: RecordedEvent[] = [];
        let resolved: AllStreamResolvedEvent | null;
        while (batch.length < batchSize && (resolved = subscription.read() as AllStreamResolvedEvent | null) !== null) {
          const event = resolved.event;
          if (!event || event.position.commit <= after) continue;
          after = event.position.commit;
          if (after > scanned) scanned = after;
          if (isSystemEvent(event) || (prefix !== undefined && !event.streamId.startsWith(prefix))) continue;
          batch.push(toRecordedEvent(event));
        }
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        if (ended) throw new Error('the EventStoreDB subscription ended');
        options.onCaughtUp?.(scanned < 0n ? null : scanned.toString(10));
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
    } finally {
      options.signal.removeEventListener('abort', signal);
      subscription.off('readable', signal).off('caughtUp', signal).off('error', onError).off('end', onEnd).off('close', onEnd);
      // A late error of the cancelled call must not become an unhandled 'error' event.
      subscription.on('error', () => undefined);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async ping(): Promise<boolean> {
    try {
      // Any answer, "not found" included, proves the server is up and serving reads.
      await this.readStream('e-contract-ping', { maxCount: 1 });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const [last] = await this.readStream(streamId, { backwards: true, maxCount: 1 });
    return last ? last.revision : 'no_stream';
  }

  private async readAllPage(options: { fromPosition: ReadPosition; direction: typeof FORWARDS | typeof BACKWARDS }) {
    const page: AllStreamResolvedEvent[] = [];
    const read = this.client.readAll({ ...options, maxCount: ALL_PAGE_SIZE, resolveLinkTos: false });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) page.push(resolved);
    return page;
  }
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

function parsePosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new RangeError(`not a log position: ${position}`);
  return BigInt(position);
}

function toRecordedEvent(event: StoredEvent & { position?: Position }): RecordedEvent {
  const commit = event.position?.commit;
  if (commit === undefined || commit === UNKNOWN_POSITION) {
    throw new Error(`EventStoreDB sent no log position for ${event.streamId}@${event.revision}: it must be 22.6 or later`);
  }
  if (!event.isJson) throw new Error(`event ${event.id} in ${event.streamId} is not JSON`);
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit.toString(10),
    type: event.type,
    data: event.data,
    metadata: event.metadata as unknown as EventMetadata,
  };
}
