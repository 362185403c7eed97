import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

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
  -- One row: the id this log was created with (EventStore.identity), so that a read store can tell
  -- this log from another one whose positions look alike.
  CREATE TABLE IF NOT EXISTS log_identity (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id        TEXT    NOT NULL
  );
`;

/**
 * Opens (creating when missing) the log file in WAL mode with `synchronous=FULL`, so that an
 * acknowledged append survives a power loss. Every connection to the file — the reader's, the
 * writer's, another process's — is opened this way.
 */
export function openLogDatabase(filePath: string): Database.Database {
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another connection (the writer thread, another process, a backup) may hold the write lock for a moment: wait, do not fail.
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Read first: a connection opening an existing file writes nothing. Files from before the id
  // existed get one at their next opening.
  if (db.prepare('SELECT 1 FROM log_identity').get() === undefined) {
    db.prepare(`INSERT OR IGNORE INTO log_identity (singleton, id) VALUES (1, ?)`).run(randomUUID());
  }
  return db;
}

/** The log's id (see `log_identity`). */
export function logIdOf(db: Database.Database): string {
  const row = db.prepare('SELECT id FROM log_identity').get() as { id: string } | undefined;
  if (!row) throw new Error('the event log has no identity row');
  return row.id;
}
