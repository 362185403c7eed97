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
  return db;
}
