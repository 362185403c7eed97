import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { EventMetadata, RecordedEvent } from '@e-contract/contracts';
import { MAX_APPEND_BYTES, appendSize } from '../append-size.js';
import { AppendTooLarge, EventStoreUnavailable } from '../event-store-errors.js';
import type {
  AppendResult,
  EventStore,
  EventStoreIdentity,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
} from '../event-store.js';
import { DEFAULT_SUBSCRIPTION_BATCH_SIZE, sleepUnlessWoken, type EventSubscriber, type SubscribeOptions } from '../subscription.js';
import { SqliteBatchWriter, type AppendOutcome, type AppendRequest } from './sqlite-batch-writer.js';
import { logIdOf, openLogDatabase } from './sqlite-log-schema.js';
import { STORAGE_RETRY_AFTER_SECONDS, storageFailureOf } from './sqlite-storage-failure.js';
import { deserializeError, type WriterReply, type WriterRequest } from './sqlite-writer-messages.js';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend extends AppendRequest {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Where group commits are written: on this event loop, or in a writer thread. */
interface Committer {
  commit(batch: readonly AppendRequest[]): Promise<AppendOutcome[]>;
  close(): Promise<void>;
}

const NO_LIMIT = -1; // SQLite reads a negative LIMIT as "no limit"

export interface SqliteEventStoreOptions {
  /**
   * How often a subscription looks for events that another process appended to the same file
   * (appends through this store wake its subscriptions at once). Default 200 ms.
   */
  pollIntervalMs?: number;
  /**
   * Where the writing connection lives. `'event-loop'` (default): group commits run on this event
   * loop, whose every commit waits for its fsync. `'thread'`: a writer thread owns the writing
   * connection, so the fsync blocks that thread instead; reads stay on this connection. A
   * `:memory:` database is always written on the event loop.
   */
  writer?: 'event-loop' | 'thread';
  /**
   * Told how many appends each group commit writes, on the thread that owns this store whichever
   * thread writes (the batch is formed here): the batch-size metric. Must be cheap and not throw.
   */
  onGroupCommit?: (appends: number) => void;
}

/**
 * The embedded event store: one SQLite file in WAL mode with `synchronous=FULL`, so that an
 * acknowledged append survives a power loss.
 *
 * Appends are group-committed (`SqliteBatchWriter`): those that arrive while the event loop is busy,
 * or while the previous commit is in flight, are written in one transaction (one fsync), each inside
 * its own savepoint, so that one append's conflict rolls back only that append and every caller
 * still gets its own result or error. At most one commit is in flight, so commits keep the order of
 * the appends.
 */
export class SqliteEventStore implements EventStore, EventSubscriber {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly committer: Committer;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  /** The commit in flight; appends arriving meanwhile wait for the next one. */
  private committing: Promise<void> | null = null;
  private closed = false;
  /** When a write last failed for want of storage (`noteStorageFailure`); `null` once one succeeds. */
  private storageFailedAt: number | null = null;
  /** Told of this store's own commits (`onAppended`). */
  private readonly listeners = new Set<(lastPosition: string) => void>();
  /** This store's waiting subscriptions: woken by its own commits and by `notifyAppended`. */
  private readonly sleepers = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private readonly onGroupCommit: ((appends: number) => void) | undefined;
  /** Aborted by `close`, so that waiting subscriptions notice at once. */
  private readonly closing = new AbortController();

  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(filePath, options);
  }

  /** @param filePath a database file (created when missing), or `:memory:` for tests. */
  constructor(filePath: string, options: SqliteEventStoreOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.onGroupCommit = options.onGroupCommit;
    this.db = openLogDatabase(filePath);
    this.statements = prepareStatements(this.db);
    this.committer =
      options.writer === 'thread' && filePath !== ':memory:' ? new ThreadCommitter(filePath) : new EventLoopCommitter(this.db);
  }

  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (events.length === 0) return Promise.reject(new RangeError('appendToStream needs at least one event'));
    const bytes = appendSize(events);
    if (bytes > MAX_APPEND_BYTES) return Promise.reject(new AppendTooLarge(streamId, bytes, MAX_APPEND_BYTES));
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Wakes this store's subscriptions for events another writer of the same file appended (another
   * thread or process that tells this one), instead of waiting for their next poll.
   */
  notifyAppended(_lastPosition: string): void {
    // Only the subscriptions: `onAppended` listeners hear of this store's own commits, so that two
    // stores telling each other of their appends do not echo them back and forth.
    this.wakeSubscriptions();
  }

  /**
   * Calls `listener` with the position of the last event after every commit of this store that
   * appended events (once per group commit, after the appenders were answered) — not for appends it
   * is told of (`notifyAppended`). Returns the unsubscribe function.
   */
  onAppended(listener: (lastPosition: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The connection's journal mode and `synchronous` level (2 = FULL), for health checks and specs. */
  durabilitySettings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? NO_LIMIT;
    const rows = options.backwards
      ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
      : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? 0n : parsePosition(options.after);
    return this.statements.readAll.all(after, options.maxCount ?? NO_LIMIT).map(toRecordedEvent);
  }

  /**
   * Tails the log: reads a page after the last position handed out; when the page is not full,
   * waits for the next append — woken at once by appends through this store, and polling every
   * `pollIntervalMs` for those of other processes sharing the file. SQLite has one writer at a time
   * and positions are handed out in commit order, so a later position never becomes visible before
   * an earlier one: reading `position > after` misses nothing.
   */
  async *subscribe(options: SubscribeOptions): AsyncGenerator<RecordedEvent[], void, undefined> {
    const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const prefix = options.streamPrefix ?? '';
    const types = options.types ? JSON.stringify(options.types) : null;
    const stop = AbortSignal.any([options.signal, this.closing.signal]);
    let after = options.after === null ? 0n : parsePosition(options.after);
    let appended = true;
    let wake: (() => void) | null = null;
    const sleeper = () => {
      appended = true;
      wake?.();
    };
    this.sleepers.add(sleeper);
    const stopListening = () => this.sleepers.delete(sleeper);
    try {
      while (!options.signal.aborted) {
        if (this.closed) throw new Error('the event store is closed');
        appended = false;
        // The head first, then only events up to it: if the page is not full, everything up to the
        // head has been looked at, filtered-out events included.
        const head = BigInt(this.statements.head.get()?.position ?? 0);
        const rows = types
          ? this.statements.readAllOfPrefixAndTypes.all(after, head, prefix.length, prefix, types, batchSize)
          : this.statements.readAllOfPrefix.all(after, head, prefix.length, prefix, batchSize);
        const full = rows.length === batchSize;
        const next = full ? BigInt(rows.at(-1)!.position) : head > after ? head : after;
        if (rows.length > 0) yield rows.map(toRecordedEvent);
        after = next;
        if (full) {
          // Reading and applying are synchronous here: between pages, let the loop answer its
          // requests (health, metrics, a stop) — a catch-up over a long log would otherwise hold it.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        options.onCaughtUp?.(after === 0n ? null : after.toString(10));
        if (!appended) {
          await sleepUnlessWoken(this.pollIntervalMs, stop, (done) => {
            wake = done;
          });
        }
        wake = null;
      }
    } finally {
      stopListening();
    }
  }

  async headPosition(): Promise<string | null> {
    const position = this.statements.head.get()?.position;
    return position == null ? null : String(position);
  }

  /** The id the file was created with (`log_identity`): it goes with the file, backups and copies of it included. */
  async identity(): Promise<EventStoreIdentity> {
    return { kind: 'sqlite', id: logIdOf(this.db) };
  }

  /**
   * Whether the store answers; for health checks. After a write the file refused (disk full,
   * read-only), false for `Retry-After` seconds unless a write succeeds meanwhile: health says
   * degraded, and then lets the next command find out whether the space came back.
   */
  async ping(): Promise<boolean> {
    if (this.storageFailedAt !== null && Date.now() - this.storageFailedAt < STORAGE_RETRY_AFTER_SECONDS * 1000) return false;
    try {
      this.statements.ping.get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Answer the appends already accepted before the file goes away.
    while (this.committing || this.pending.length > 0) await (this.committing ?? this.flush());
    this.closing.abort();
    this.listeners.clear();
    this.sleepers.clear();
    await this.committer.close();
    this.db.close();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.committing) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: appends issued by other I/O callbacks of this loop turn join the batch.
    setImmediate(() => void this.flush());
  }

  private flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return Promise.resolve();
    const requests = batch.map(({ streamId, events, expected }) => ({ streamId, events, expected }));
    this.onGroupCommit?.(requests.length);
    const committing = this.committer.commit(requests).then(
      (outcomes) => this.answer(batch, outcomes),
      // The commit itself failed (disk full, I/O error, lock timeout): nothing of the batch was written.
      (error: unknown) => {
        const failure = this.noteStorageFailure(error);
        for (const append of batch) append.reject(failure);
      },
    );
    this.committing = committing.finally(() => {
      this.committing = null;
      if (this.pending.length > 0) this.scheduleFlush();
    });
    return this.committing;
  }

  private answer(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[]): void {
    let lastPosition: string | null = null;
    for (const [i, outcome] of outcomes.entries()) {
      const append = batch[i]!;
      if (outcome.ok) {
        append.resolve(outcome.result);
        lastPosition = outcome.result.position;
      } else {
        append.reject(this.noteStorageFailure(outcome.error));
      }
    }
    if (lastPosition !== null) this.storageFailedAt = null;
    if (lastPosition !== null) this.notify(lastPosition);
  }

  /** The error an append gets: a storage failure as the port's `EventStoreUnavailable` (503), remembered for health. */
  private noteStorageFailure(error: unknown): unknown {
    const failure = storageFailureOf(error);
    if (failure instanceof EventStoreUnavailable) this.storageFailedAt = Date.now();
    return failure;
  }

  private wakeSubscriptions(): void {
    for (const sleeper of this.sleepers) sleeper();
  }

  private notify(lastPosition: string): void {
    this.wakeSubscriptions();
    for (const listener of this.listeners) {
      try {
        listener(lastPosition);
      } catch (error) {
        // The append is committed and answered; a failing listener must not look like a failed append,
        // but neither may its error vanish.
        setImmediate(() => {
          throw error;
        });
      }
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    readForwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    readBackwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    ),
    readAll: db.prepare<[bigint, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    readAllOfPrefix: db.prepare<[bigint, bigint, number, string, number], EventRow>(
      'SELECT * FROM events WHERE position > ? AND position <= ? AND substr(stream_id, 1, ?) = ? ORDER BY position LIMIT ?',
    ),
    readAllOfPrefixAndTypes: db.prepare<[bigint, bigint, number, string, string, number], EventRow>(
      'SELECT * FROM events WHERE position > ? AND position <= ? AND substr(stream_id, 1, ?) = ? ' +
        'AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?',
    ),
    head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    ping: db.prepare('SELECT 1'),
  };
}

function parsePosition(position: string): bigint {
  if (!/^\d+$/.test(position)) throw new RangeError(`not a log position: ${position}`);
  return BigInt(position);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/** Group commits on the event loop that appends: each commit blocks it until its fsync returns. */
class EventLoopCommitter implements Committer {
  private readonly writer: SqliteBatchWriter;
  constructor(db: Database.Database) {
    this.writer = new SqliteBatchWriter(db);
  }
  async commit(batch: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    return this.writer.commit(batch);
  }
  async close(): Promise<void> {}
}

/**
 * Group commits in a writer thread (`sqlite-writer-thread.ts`) with its own connection to the file.
 * The thread keeps the process alive only while a commit is in flight.
 */
class ThreadCommitter implements Committer {
  private readonly worker: Worker;
  private readonly inFlight = new Map<number, { resolve: (outcomes: AppendOutcome[]) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(filePath: string) {
    this.worker = new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), { workerData: { filePath } });
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
  }

  commit(batch: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<AppendOutcome[]>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ type: 'commit', id, batch } satisfies WriterRequest);
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    this.worker.ref();
    await exited;
  }

  private settle(reply: WriterReply): void {
    const waiting = this.inFlight.get(reply.id);
    if (!waiting) return;
    this.inFlight.delete(reply.id);
    if (this.inFlight.size === 0) this.worker.unref();
    if (reply.type === 'failed') waiting.reject(deserializeError(reply.error));
    else waiting.resolve(reply.outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: deserializeError(outcome.error) })));
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.inFlight.values()) waiting.reject(error);
    this.inFlight.clear();
  }
}
