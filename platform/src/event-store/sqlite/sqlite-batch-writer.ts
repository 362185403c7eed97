import type Database from 'better-sqlite3';
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

  /** One append, inside the batch transaction: check the expected revision, insert, move the stream on. */
  private write({ streamId, events, expected }: AppendRequest): AppendResult {
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
}

function prepareWriteStatements(db: Database.Database) {
  return {
    streamRevision: db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?'),
    insertEvent: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertStream: db.prepare<[string, number]>(
      'INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision',
    ),
  };
}
