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
import { MAX_APPEND_BYTES, appendSize } from '../append-size.js';
import { AppendTooLarge } from '../event-store-errors.js';
import {
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type EventStoreIdentity,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '../event-store.js';
import { DEFAULT_SUBSCRIPTION_BATCH_SIZE, type EventSubscriber, type SubscribeOptions } from '../subscription.js';
import { portErrorOf } from './esdb-errors.js';
import { eventStoreDbIdentity } from './esdb-log-identity.js';
import { isSystemRecord, lookAtTail } from './esdb-tail.js';

/** How many `$all` records one round trip asks for while skipping system events. */
const ALL_PAGE_SIZE = 500;
/** Records per page, and pages at most, when a subscription looks at the tail of `$all` (esdb-tail.ts). */
const TAIL_PAGE_SIZE = 64;
const TAIL_MAX_PAGES = 8;
/** While the tail holds an event not handed out yet, look again this often if nothing arrives. */
const TAIL_RECHECK_MS = 1_000;
/** The client's stand-in when an old server (< 22.6) sends no log position on a stream read. */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

type StoredEvent = NonNullable<ResolvedEvent['event']>;

export interface EventStoreDbOptions {
  /**
   * How long an append may take before it is given up as `EventStoreUnavailable` with an unknown
   * outcome (default 5,000 ms; reads use the connection string's `defaultDeadline`, 10 s by default).
   */
  appendDeadlineMs?: number;
  /** The server's `MaxAppendSize` when it was lowered (default and at most `MAX_APPEND_BYTES`). */
  maxAppendBytes?: number;
}

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
 * In a cluster: appends and stream reads go to the leader (`requiresLeader`: a follower answers
 * "not leader" and the client reconnects to the leader it names), so that a command reads what the
 * last one wrote. Reading `$all` (subscriptions, `readAll`, `headPosition`) needs the `$admins`
 * role, or an ACL on `$all` that grants the system's user reading (docs/operations.md).
 *
 * Needs EventStoreDB ≥ 22.6, the first version that sends log positions on stream reads.
 */
export class EventStoreDbEventStore implements EventStore, EventSubscriber {
  private readonly appendDeadlineMs: number;
  private readonly maxAppendBytes: number;
  /** The highest log position this store has seen (appends, reads, subscriptions): see `appendToStream`. */
  private highestSeen = -1n;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.appendDeadlineMs = options.appendDeadlineMs ?? 5_000;
    this.maxAppendBytes = Math.min(options.maxAppendBytes ?? MAX_APPEND_BYTES, MAX_APPEND_BYTES);
  }

  /**
   * @param connectionString e.g. `esdb://localhost:2113?tls=false`, or a cluster:
   * `esdb://a:2113,b:2113,c:2113?tls=true&nodePreference=leader` / `esdb+discover://cluster.dns:2113`
   */
  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  /**
   * Appends with the expected revision, on the leader, within `appendDeadlineMs`. Checked here before
   * sending: the size (the server would refuse it). A repeat of an append already written (the same
   * event ids where they would go) is answered by the server as a success without writing — it
   * compares ids only, so when the answer may be such a repeat (no position, or a position this
   * store had already seen before sending: a fresh append always lands past both) the stored
   * events are read back and compared, as the port's rule wants (EventStore.appendToStream).
   */
  async appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const bytes = appendSize(events);
    if (bytes > this.maxAppendBytes) throw new AppendTooLarge(streamId, bytes, this.maxAppendBytes);
    const proposed = events.map((event) =>
      jsonEvent({
        id: event.eventId,
        type: event.type,
        // The client JSON.stringify-s `data` whatever its type; its JSONType is only narrower in the typings.
        data: (event.data ?? null) as JSONType,
        metadata: event.metadata,
      }),
    );
    const seenBefore = this.highestSeen;
    let result;
    try {
      result = await this.client.appendToStream(streamId, proposed, {
        expectedRevision: toEsdbExpected(expected),
        requiresLeader: true,
        deadline: this.appendDeadlineMs,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevision(streamId, expected, actual);
      }
      throw portErrorOf(error, { kind: 'append', streamId, bytes });
    }
    if (!result.success) {
      // Only with `throwOnAppendFailure=false` in the connection string; ask the stream itself, as
      // the batch-append path of the client does not report the actual revision correctly then.
      throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(streamId));
    }
    const revision = Number(result.nextExpectedRevision);
    const position = result.position?.commit;
    if (position === undefined || position <= seenBefore) return this.verifyRepeat(streamId, events, expected, revision);
    this.saw(position);
    // The append answers with the position of the last event written, the one the port reports.
    return { revision, position: position.toString(10) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const read = this.client.readStream(streamId, {
      direction: options.backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (options.backwards ? END : START) : BigInt(options.fromRevision),
      requiresLeader: true,
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) events.push(this.toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw portErrorOf(error, { kind: 'read', streamId });
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
      const page = await this.readAllPage({ fromPosition: from, direction: FORWARDS, maxCount: ALL_PAGE_SIZE });
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || event.position.commit <= after) continue;
        after = event.position.commit;
        if (!isSystemRecord(event)) events.push(this.toRecordedEvent(event));
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
      const page = await this.readAllPage({ fromPosition: from, direction: BACKWARDS, maxCount: ALL_PAGE_SIZE });
      const newest = page.find((resolved) => resolved.event && !isSystemRecord(resolved.event));
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
   * The server's filter checkpoints tell how far the log has been searched past filtered-out records.
   * When the buffer runs dry, the tail of `$all` is read (esdb-tail.ts): only when nothing there is
   * waiting to be handed out is the subscription caught up — `onCaughtUp` with the head, so that a
   * log ending with records the filter skips still counts as reached. A subscription starts after
   * `after`; records at or before it are dropped all the same, as `readAll` does. The server
   * dropping the subscription ends the iteration with an error: the consumer subscribes again from
   * its checkpoint.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<RecordedEvent[], void, undefined> {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const prefix = options.streamPrefix;
    let after = options.after === null ? -1n : parsePosition(options.after);
    let scanned = after;
    let failure: unknown = null;
    let ended = false;
    // Set by every signal, so that one arriving while the tail is being read is not lost.
    let signalled = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      signalled = true;
      wake?.();
    };
    const checkpointReached = (_subscription: unknown, position: Position) => {
      if (position.commit > scanned) scanned = position.commit;
      signal();
    };
    const filter = prefix
      ? streamNameFilter({ prefixes: [prefix], checkpointReached })
      : streamNameFilter({ regex: '^[^$]', checkpointReached });
    const types = options.types ? new Set(options.types) : null;
    // The server filters by stream name; the types are left out here, before anything is decoded.
    const wanted = (record: { streamId: string; type: string }) =>
      (prefix ? record.streamId.startsWith(prefix) : !record.streamId.startsWith('$')) && (types === null || types.has(record.type));
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
        if (failure !== null) throw portErrorOf(failure, { kind: 'subscribe' });
        signalled = false;
        const batch: RecordedEvent[] = [];
        let resolved: AllStreamResolvedEvent | null;
        while (batch.length < batchSize && (resolved = subscription.read() as AllStreamResolvedEvent | null) !== null) {
          const event = resolved.event;
          if (!event || event.position.commit <= after) continue;
          after = event.position.commit;
          if (after > scanned) scanned = after;
          if (isSystemRecord(event) || (prefix !== undefined && !event.streamId.startsWith(prefix))) continue;
          if (types !== null && !types.has(event.type)) continue;
          batch.push(this.toRecordedEvent(event));
        }
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        if (ended) throw new Error('the EventStoreDB subscription ended');
        const tail = await lookAtTail((from) => this.readAllPage({ fromPosition: from, direction: BACKWARDS, maxCount: TAIL_PAGE_SIZE }), {
          scanned,
          wanted,
          pageSize: TAIL_PAGE_SIZE,
          maxPages: TAIL_MAX_PAGES,
        });
        if (tail.caughtUp) {
          if (tail.head !== null && tail.head > scanned) scanned = tail.head;
          options.onCaughtUp?.(scanned < 0n ? null : scanned.toString(10));
        }
        if (signalled || options.signal.aborted) continue;
        await new Promise<void>((resolve) => {
          wake = resolve;
          // Behind: an event is on its way; look again should it not arrive.
          if (!tail.caughtUp) setTimeout(resolve, TAIL_RECHECK_MS).unref();
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

  /** The log's marker (esdb-log-identity.ts), written by the first process that asks. */
  identity(): Promise<EventStoreIdentity> {
    return eventStoreDbIdentity(this);
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

  /**
   * After a success that may have been a repeat: the stream must hold exactly these events at the
   * revisions the append answered, else this was another append's events under the same ids — a
   * conflict. Answers the stored last event's revision and position.
   */
  private async verifyRepeat(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    revision: number,
  ): Promise<AppendResult> {
    const first = revision - events.length + 1;
    const stored = first < 0 ? [] : await this.readStream(streamId, { fromRevision: first, maxCount: events.length });
    const same =
      stored.length === events.length &&
      stored.every(
        (event, i) =>
          event.revision === first + i &&
          event.eventId === events[i]!.eventId &&
          event.type === events[i]!.type &&
          JSON.stringify(event.data) === JSON.stringify(events[i]!.data ?? null) &&
          JSON.stringify(event.metadata) === JSON.stringify(events[i]!.metadata),
      );
    if (!same) throw new WrongExpectedRevision(streamId, expected, await this.currentRevision(streamId));
    const last = stored.at(-1)!;
    return { revision: last.revision, position: last.position };
  }

  private async currentRevision(streamId: string): Promise<number | 'no_stream'> {
    const [last] = await this.readStream(streamId, { backwards: true, maxCount: 1 });
    return last ? last.revision : 'no_stream';
  }

  private async readAllPage(options: { fromPosition: ReadPosition; direction: typeof FORWARDS | typeof BACKWARDS; maxCount: number }) {
    const page: AllStreamResolvedEvent[] = [];
    try {
      const read = this.client.readAll({ ...options, resolveLinkTos: false, requiresLeader: true });
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) page.push(resolved);
    } catch (error) {
      throw portErrorOf(error, { kind: 'read', streamId: '$all' });
    }
    return page;
  }

  private saw(position: bigint): void {
    if (position > this.highestSeen) this.highestSeen = position;
  }

  private toRecordedEvent(event: StoredEvent & { position?: Position }): RecordedEvent {
    const commit = event.position?.commit;
    if (commit === undefined || commit === UNKNOWN_POSITION) {
      throw new Error(`EventStoreDB sent no log position for ${event.streamId}@${event.revision}: it must be 22.6 or later`);
    }
    if (!event.isJson) throw new Error(`event ${event.id} in ${event.streamId} is not JSON`);
    this.saw(commit);
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
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function parsePosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new RangeError(`not a log position: ${position}`);
  return BigInt(position);
}
