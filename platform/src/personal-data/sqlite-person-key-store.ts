import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { signingStreamName } from '@e-contract/contracts';
import type { MasterKey } from './envelope-cipher.js';
import type { ErasureRecord, PersonKey, PersonKeyStore } from './key-store.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS person_keys (
    person_ref TEXT PRIMARY KEY,
    wrapped    BLOB,             -- NULL once erased
    created_at TEXT NOT NULL,
    erased_at  TEXT,
    erased_by  TEXT,
    reason     TEXT
  ) WITHOUT ROWID;
  -- Which persons an INN (by its keyed lookup) has named; current = 1 for the one that seals now.
  CREATE TABLE IF NOT EXISTS person_inns (
    inn_lookup TEXT NOT NULL,
    person_ref TEXT NOT NULL,
    current    INTEGER NOT NULL,
    PRIMARY KEY (inn_lookup, person_ref)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX IF NOT EXISTS person_inns_current ON person_inns (inn_lookup) WHERE current = 1;
  CREATE TABLE IF NOT EXISTS process_signers (
    process_id TEXT PRIMARY KEY,
    person_ref TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS stream_owners (
    stream_id  TEXT PRIMARY KEY,
    person_ref TEXT NOT NULL
  ) WITHOUT ROWID;
  -- One row, written with synchronous=FULL to sync the write-ahead log when a key was made.
  CREATE TABLE IF NOT EXISTS sync_mark (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
  INSERT OR IGNORE INTO sync_mark (id, n) VALUES (1, 0);
  CREATE TABLE IF NOT EXISTS person_streams (
    person_ref TEXT NOT NULL,
    stream_id  TEXT NOT NULL,
    PRIMARY KEY (person_ref, stream_id)
  ) WITHOUT ROWID;
`;

/** The file of the embedded key store in `<DATA_DIR>`: apart from the log, so that it can be kept (and destroyed) apart. */
export const EMBEDDED_KEY_STORE_FILE = 'person-keys.sqlite';

interface KeyRow {
  person_ref: string;
  wrapped: Buffer | null;
}

/** A write waiting for the next group commit. */
interface QueuedWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded person-key store: one SQLite file in WAL mode; a key is on disk before anything
 * sealed under it is appended (`syncIfKeyMade`). Several threads and processes may open the same
 * file; creating a person races safely (the unique current-person index decides, the loser reads).
 * Writes are group-committed: those asked for in the same turn of the event loop share one
 * transaction (every create writes here, and a transaction with an fsync per create cost the
 * command side a quarter of its rate); each resolves once committed, and a group that made a key
 * only once that is on disk.
 */
export class SqlitePersonKeyStore implements PersonKeyStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();
  private queued: QueuedWrite[] = [];
  /** Set by a write that made a key or tied a person to an INN: its commit must reach the disk before it is answered. */
  private madeKey = false;

  private constructor(
    filePath: string,
    private readonly master: MasterKey,
  ) {
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    // NORMAL: a commit that made no key is not synced (see `commitQueued`); one that did is.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A destroyed key is overwritten on its page, not merely unlinked from it.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
  }

  static open(filePath: string, master: MasterKey): SqlitePersonKeyStore {
    return new SqlitePersonKeyStore(filePath, master);
  }

  enrolSigner(processId: string, innLookup: string | null): Promise<PersonKey> {
    return this.write((): PersonKey => {
      const recorded = this.signerOf(processId);
      if (recorded) {
        const key = this.keyOf(recorded);
        if (key) return { personRef: recorded, key };
      }
      const person = innLookup === null ? this.insertPerson() : this.currentOrNew(innLookup);
      this.stmt('INSERT OR REPLACE INTO process_signers (process_id, person_ref) VALUES (?, ?)').run(processId, person.personRef);
      this.note(person.personRef, signingStreamName(processId));
      return person;
    });
  }

  enrolIdentified(innLookup: string, streamId: string, link: string | null): Promise<PersonKey> {
    return this.write((): PersonKey => {
      const person = this.currentOrNew(innLookup);
      this.note(person.personRef, streamId);
      if (link !== null && link !== person.personRef) {
        const linked = this.stmt('INSERT OR IGNORE INTO person_inns (inn_lookup, person_ref, current) VALUES (?, ?, 0)').run(
          innLookup,
          link,
        );
        if (linked.changes > 0) this.madeKey = true;
      }
      return person;
    });
  }

  personOf(innLookup: string): Promise<PersonKey> {
    return this.write(() => this.currentOrNew(innLookup));
  }

  /** Runs `run` in the next group commit; resolves with its result once that commit is durable. */
  private write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const writes = this.queued;
    this.queued = [];
    let results: unknown[];
    this.madeKey = false;
    try {
      results = this.db.transaction(() => writes.map((write) => write.run())).immediate();
    } catch {
      // One write failed and took the group with it: each goes alone, so only that one fails.
      const settled: (() => void)[] = [];
      for (const write of writes) {
        try {
          const result: unknown = this.db.transaction(write.run).immediate();
          settled.push(() => write.resolve(result));
        } catch (error) {
          settled.push(() => write.reject(error));
        }
      }
      this.syncIfKeyMade();
      for (const settle of settled) settle();
      return;
    }
    this.syncIfKeyMade();
    writes.forEach((write, index) => write.resolve(results[index]));
  }

  /**
   * A key (or a person's INN) must be on disk before anything sealed under it is appended; the
   * other writes — which process and which streams a person's values are in — can be found again
   * in the log (the vault and the erasure read it when they are missing), so their commits skip the
   * fsync that made every create wait. A FULL commit syncs the write-ahead log, and with it every
   * NORMAL commit before it.
   */
  private syncIfKeyMade(): void {
    if (!this.madeKey) return;
    this.madeKey = false;
    this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(() => this.stmt('UPDATE sync_mark SET n = n + 1 WHERE id = 1').run()).immediate();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /** A prepared statement, prepared once. */
  private stmt<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<Params, Row>;
  }

  private currentOrNew(innLookup: string): PersonKey {
    const row = this.stmt<[string], KeyRow>(
      `SELECT k.person_ref, k.wrapped FROM person_inns i JOIN person_keys k USING (person_ref)
         WHERE i.inn_lookup = ? AND i.current = 1`,
    ).get(innLookup);
    if (row?.wrapped) return { personRef: row.person_ref, key: this.master.unwrap(row.wrapped, row.person_ref) };
    if (row) this.stmt('UPDATE person_inns SET current = 0 WHERE inn_lookup = ? AND person_ref = ?').run(innLookup, row.person_ref);
    const person = this.insertPerson();
    this.stmt('INSERT INTO person_inns (inn_lookup, person_ref, current) VALUES (?, ?, 1)').run(innLookup, person.personRef);
    return person;
  }

  private insertPerson(): PersonKey {
    this.madeKey = true;
    const personRef = randomUUID();
    const { key, wrapped } = this.master.newPersonKey(personRef);
    this.stmt('INSERT INTO person_keys (person_ref, wrapped, created_at) VALUES (?, ?, ?)').run(
      personRef,
      wrapped,
      new Date().toISOString(),
    );
    return { personRef, key };
  }

  private note(personRef: string, streamId: string): void {
    this.stmt('INSERT OR IGNORE INTO person_streams (person_ref, stream_id) VALUES (?, ?)').run(personRef, streamId);
  }

  private signerOf(processId: string): string | null {
    return (
      this.stmt<[string], { person_ref: string }>('SELECT person_ref FROM process_signers WHERE process_id = ?').get(processId)
        ?.person_ref ?? null
    );
  }

  private keyOf(personRef: string): Buffer | null {
    const row = this.stmt<[string], KeyRow>('SELECT person_ref, wrapped FROM person_keys WHERE person_ref = ?').get(personRef);
    return row?.wrapped ? this.master.unwrap(row.wrapped, personRef) : null;
  }

  enrolStream(streamId: string): Promise<PersonKey | null> {
    return this.write((): PersonKey | null => {
      const owner = this.ownerOf(streamId);
      if (owner !== null) {
        const key = this.keyOf(owner);
        return key ? { personRef: owner, key } : null;
      }
      const person = this.insertPerson();
      this.stmt('INSERT INTO stream_owners (stream_id, person_ref) VALUES (?, ?)').run(streamId, person.personRef);
      this.note(person.personRef, streamId);
      return person;
    });
  }

  streamOwner(streamId: string): Promise<string | null> {
    return Promise.resolve(this.ownerOf(streamId));
  }

  private ownerOf(streamId: string): string | null {
    return (
      this.stmt<[string], { person_ref: string }>('SELECT person_ref FROM stream_owners WHERE stream_id = ?').get(streamId)?.person_ref ??
      null
    );
  }

  processSigner(processId: string): Promise<string | null> {
    return Promise.resolve(this.signerOf(processId));
  }

  keys(personRefs: readonly string[]): Promise<Map<string, Buffer | null>> {
    const found = new Map<string, Buffer | null>();
    const select = this.stmt<[string], KeyRow>('SELECT person_ref, wrapped FROM person_keys WHERE person_ref = ?');
    for (const personRef of new Set(personRefs)) {
      const row = select.get(personRef);
      if (row) found.set(personRef, row.wrapped ? this.master.unwrap(row.wrapped, personRef) : null);
    }
    return Promise.resolve(found);
  }

  personsOfInn(innLookup: string): Promise<string[]> {
    const rows = this.stmt<[string], { person_ref: string }>(
      'SELECT person_ref FROM person_inns WHERE inn_lookup = ? ORDER BY current DESC, person_ref',
    ).all(innLookup);
    return Promise.resolve(rows.map((row) => row.person_ref));
  }

  streamsOf(personRefs: readonly string[]): Promise<string[]> {
    const select = this.stmt<[string], { stream_id: string }>('SELECT stream_id FROM person_streams WHERE person_ref = ?');
    const streams = new Set<string>();
    for (const personRef of personRefs) for (const row of select.all(personRef)) streams.add(row.stream_id);
    return Promise.resolve([...streams].sort());
  }

  erasures(personRefs: readonly string[]): Promise<Map<string, ErasureRecord>> {
    const select = this.stmt<[string], { erased_at: string; erased_by: string; reason: string }>(
      'SELECT erased_at, erased_by, reason FROM person_keys WHERE person_ref = ? AND erased_at IS NOT NULL',
    );
    const found = new Map<string, ErasureRecord>();
    for (const personRef of personRefs) {
      const row = select.get(personRef);
      if (row) found.set(personRef, { erasedAt: row.erased_at, erasedBy: row.erased_by, reason: row.reason });
    }
    return Promise.resolve(found);
  }

  destroy(personRefs: readonly string[], record: ErasureRecord): Promise<void> {
    const erase = this.stmt(
      'UPDATE person_keys SET wrapped = NULL, erased_at = ?, erased_by = ?, reason = ? WHERE person_ref = ? AND erased_at IS NULL',
    );
    this.db.transaction(() => {
      for (const personRef of personRefs) erase.run(record.erasedAt, record.erasedBy, record.reason, personRef);
    })();
    // The old pages may still sit in the write-ahead log: fold it into the file and empty it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
