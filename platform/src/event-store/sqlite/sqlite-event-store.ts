import Database from 'better-sqlite3';
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
import { DEFAULT_SUBSCRIPTION_BATCH_SIZE, sleepUnlessWoken, type EventSubscriber, type SubscribeOptions } from '../subscription.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    -- AUTOINCREMENT: a position is never handed out twice, even after the last row is gone.
    position  INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id  TEXT    NOT NULL UNIQUE,
    stream_id TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    type      TEXT    NOT NULL,
    data      TEXT    NOT NULL,
    metadata  TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  -- The current revision of each stream: one primary-key lookup per optimistic-concurrency check.
  CREATE TABLE IF NOT EXISTS streams (
    stream_id TEXT    PRIMARY KEY,
    revision  INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const NO_LIMIT = -1; // SQLite reads a negative LIMIT as "no limit"

export interface SqliteEventStoreOptions {
  /**
   * How often a subscription looks for events that another process appended to the same file
   * (appends through this store wake its subscriptions at once). Default 200 ms.
   */
  pollIntervalMs?: number;
}

/**
 * The embedded event store: one SQLite file in WAL mode with `synchronous=FULL`, so that an
 * acknowledged append survives a power loss.
 *
 * Appends are group-committed: those that arrive while the event loop is busy are written in one
 * transaction (one fsync), each inside its own savepoint, so that one append's conflict rolls back
 * only that append and every caller still gets its own result or error.
 */
export class SqliteEventStore implements EventStore, EventSubscriber {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendOne: Database.Transaction<(append: PendingAppend) => AppendResult>;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly listeners = new Set<(lastPosition: string) => void>();
  private readonly pollIntervalMs: number;
  /** Aborted by `close`, so that waiting subscriptions notice at once. */
  private readonly closing = new AbortController();

  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(filePath, options);
  }

  /** @param filePath a database file (created when missing), or `:memory:` for tests. */
  constructor(filePath: string, options: SqliteEventStoreOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Another process (a backup, a CLI) may hold the write lock for a moment: wait, do not fail.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
    // A better-sqlite3 transaction called inside another one becomes a savepoint.
    this.appendOne = this.db.transaction((append: PendingAppend) => this.write(append));
    this.commitBatch = this.db.transaction((batch: PendingAppend[]) =>
      batch.map((append): Outcome => {
        // An I/O error or a full disk makes SQLite roll back the whole transaction: then the savepoints
        // already released are gone too, and the batch must fail as one (the commit below throws).
        if (!this.db.inTransaction) throw new Error('the group-commit transaction was rolled back');
        try {
          return { ok: true, result: this.appendOne(append) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  appendToStream(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    if (events.length === 0) return Promise.reject(new RangeError('appendToStream needs at least one event'));
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: appends issued by other I/O callbacks of this loop turn join the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Calls `listener` with the position of the last event after every commit that appended events
   * (once per group commit, after the appenders were answered). Returns the unsubscribe function.
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
    const stop = AbortSignal.any([options.signal, this.closing.signal]);
    let after = options.after === null ? 0n : parsePosition(options.after);
    let appended = true;
    let wake: (() => void) | null = null;
    const stopListening = this.onAppended(() => {
      appended = true;
      wake?.();
    });
    try {
      while (!options.signal.aborted) {
        if (this.closed) throw new Error('the event store is closed');
        appended = false;
        // The head first, then only events up to it: if the page is not full, everything up to the
        // head has been looked at, filtered-out events included.
        const head = BigInt(this.statements.head.get()?.position ?? 0);
        const rows = this.statements.readAllOfPrefix.all(after, head, prefix.length, prefix, batchSize);
        const full = rows.length === batchSize;
        const next = full ? BigInt(rows.at(-1)!.position) : head > after ? head : after;
        if (rows.length > 0) yield rows.map(toRecordedEvent);
        after = next;
        if (full) continue;
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

  async ping(): Promise<boolean> {
    try {
      this.statements.ping.get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush(); // answer the appends already accepted before the file goes away
    this.closed = true;
    this.closing.abort();
    this.listeners.clear();
    this.db.close();
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      // IMMEDIATE takes the write lock up front, so the commit cannot fail half-way on a lock upgrade.
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      // The commit itself failed (disk full, I/O error, lock timeout): nothing of the batch was written.
      for (const append of batch) append.reject(error);
      return;
    }
    let lastPosition: string | null = null;
    for (const [i, outcome] of outcomes.entries()) {
      const append = batch[i]!;
      if (outcome.ok) {
        append.resolve(outcome.result);
        lastPosition = outcome.result.position;
      } else {
        append.reject(outcome.error);
      }
    }
    if (lastPosition !== null) this.notify(lastPosition);
  }

  /** One append, inside the batch transaction: check the expected revision, insert, move the stream on. */
  private write({ streamId, events, expected }: PendingAppend): AppendResult {
    const current = this.statements.streamRevision.get(streamId)?.revision;
    const matches = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
    if (!matches) throw new WrongExpectedRevision(streamId, expected, current ?? 'no_stream');
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const inserted = this.statements.insertEvent.run(
        event.eventId,
        streamId,
        revision,
        event.type,
        JSON.stringify(event.data) ?? 'null',
        JSON.stringify(event.metadata),
      );
      position = Number(inserted.lastInsertRowid);
    }
    this.statements.upsertStream.run(streamId, revision);
    return { revision, position: String(position) };
  }

  private notify(lastPosition: string): void {
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
    streamRevision: db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?'),
    insertEvent: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertStream: db.prepare<[string, number]>(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    ),
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
