import type Database from 'better-sqlite3';
import { DuplicateEventId } from '../event-store-errors.js';
import { WrongExpectedRevision, type AppendResult, type ExpectedRevision, type NewEvent } from '../event-store.js';

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * Writes appends in group commits: the appends of one batch go in one transaction (one fsync), each
 * inside its own savepoint, so that one append's conflict rolls back only that append and every
 * caller still gets its own result or error. Synchronous: it runs where the writing connection
 * lives — on the event loop that asked (`SqliteEventStore`'s default) or in a writer thread.
 */
export class SqliteBatchWriter {
  private readonly statements: ReturnType<typeof prepareWriteStatements>;
  private readonly appendOne: Database.Transaction<(append: AppendRequest) => AppendResult>;
  private readonly commitBatch: Database.Transaction<(batch: readonly AppendRequest[]) => AppendOutcome[]>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareWriteStatements(db);
    // A better-sqlite3 transaction called inside another one becomes a savepoint.
    this.appendOne = db.transaction((append: AppendRequest) => this.write(append));
    this.commitBatch = db.transaction((batch: readonly AppendRequest[]) =>
      batch.map((append): AppendOutcome => {
        // An I/O error or a full disk makes SQLite roll back the whole transaction: then the savepoints
        // already released are gone too, and the batch must fail as one (the commit below throws).
        if (!db.inTransaction) throw new Error('the group-commit transaction was rolled back');
        try {
          return { ok: true, result: this.appendOne(append) };
        } catch (error) {
          // The transaction went with this append's error (SQLITE_FULL, an I/O error): the batch
          // fails as one, with that error, which says why (503), not with the commit's "no
          // transaction is active".
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Commits the batch; each append's outcome in order. Throws when the commit itself failed (disk
   * full, I/O error, lock timeout): then nothing of the batch was written.
   */
  commit(batch: readonly AppendRequest[]): AppendOutcome[] {
    // IMMEDIATE takes the write lock up front, so the commit cannot fail half-way on a lock upgrade.
    return this.commitBatch.immediate(batch);
  }

  /**
   * One append, inside the batch transaction: answer a repeat of an append already written, else
   * check the expected revision, insert, move the stream on.
   */
  private write({ streamId, events, expected }: AppendRequest): AppendResult {
    const current = this.statements.streamRevision.get(streamId)?.revision;
    const repeated = this.repeatOf(streamId, events, expected, current);
    if (repeated) return repeated;
    const matches = expected === 'any' || (expected === 'no_stream' ? current === undefined : current === expected);
    if (!matches) throw new WrongExpectedRevision(streamId, expected, current ?? 'no_stream');
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      try {
        const inserted = this.statements.insertEvent.run(
          event.eventId,
          streamId,
          revision,
          event.type,
          serializedData(event),
          JSON.stringify(event.metadata),
        );
        position = Number(inserted.lastInsertRowid);
      } catch (error) {
        // (stream_id, revision) cannot clash after the revision check: the event id is in the log already.
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateEventId(streamId, event.eventId);
        throw error;
      }
    }
    this.statements.upsertStream.run(streamId, revision);
    return { revision, position: String(position) };
  }

  /**
   * The port's repeat rule (EventStore.appendToStream): `null` when the first event's id is new;
   * the first append's result when the stream holds exactly these events (ids, types, data,
   * metadata) at the revisions this append would give them; otherwise a conflict.
   */
  private repeatOf(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    current: number | undefined,
  ): AppendResult | null {
    const first = events[0]!;
    const stored = this.statements.eventById.get(first.eventId);
    if (!stored) return null;
    if (stored.stream_id !== streamId) throw new DuplicateEventId(streamId, first.eventId);
    const startsAt = expected === 'any' ? stored.revision : expected === 'no_stream' ? 0 : expected + 1;
    const rows = this.statements.eventsFrom.all(streamId, stored.revision, events.length);
    const same =
      stored.revision === startsAt &&
      rows.length === events.length &&
      rows.every(
        (row, i) =>
          row.event_id === events[i]!.eventId &&
          row.type === events[i]!.type &&
          row.data === serializedData(events[i]!) &&
          row.metadata === JSON.stringify(events[i]!.metadata),
      );
    if (!same) throw new WrongExpectedRevision(streamId, expected, current ?? 'no_stream');
    const last = rows.at(-1)!;
    return { revision: last.revision, position: String(last.position) };
  }
}

/** An event's data as stored (and compared on a repeat): its JSON, `null` when it has none. */
const serializedData = (event: NewEvent): string => JSON.stringify(event.data) ?? 'null';

interface StoredEventRow {
  position: number;
  event_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

function prepareWriteStatements(db: Database.Database) {
  return {
    streamRevision: db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?'),
    eventById: db.prepare<[string], { stream_id: string; revision: number }>('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    eventsFrom: db.prepare<[string, number, number], StoredEventRow>(
      'SELECT position, event_id, revision, type, data, metadata FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    insertEvent: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertStream: db.prepare<[string, number]>(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    ),
  };
}
