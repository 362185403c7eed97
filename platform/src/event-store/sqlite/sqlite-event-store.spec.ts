import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract, newEvent } from '../../testing/event-store.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

/** A fresh database file per spec, in a folder removed after the run. */
function tempDatabaseFiles() {
  let folder: string | undefined;
  return {
    next(): string {
      folder ??= mkdtempSync(join(tmpdir(), 'e-contract-sqlite-'));
      return join(folder, `${randomUUID()}.db`);
    },
    removeAll(): void {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = undefined;
    },
  };
}

const contractFiles = tempDatabaseFiles();
eventStoreContract('SqliteEventStore (file)', async () => SqliteEventStore.open(contractFiles.next()));
afterAll(() => contractFiles.removeAll());

describe('SqliteEventStore', () => {
  const files = tempDatabaseFiles();
  let path: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    path = files.next();
    store = SqliteEventStore.open(path);
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(() => files.removeAll());

  it('keeps acknowledged events across close and reopen', async () => {
    const appended = await store.appendToStream('signing-p1', [newEvent('A'), newEvent('B')], 'no_stream');
    await store.close();
    store = SqliteEventStore.open(path);
    expect((await store.readStream('signing-p1')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await store.headPosition()).toBe(appended.position);
    // The reopened store still checks revisions against what it read from the file.
    await expectAsync(store.appendToStream('signing-p1', [newEvent('C')], 0)).toBeRejected();
    expect((await store.appendToStream('signing-p1', [newEvent('C')], 1)).revision).toBe(2);
  });

  it('writes in WAL mode with synchronous=FULL', async () => {
    await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    const observer = new Database(path, { readonly: true });
    try {
      expect(observer.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      observer.close();
    }
    // synchronous is a setting of each connection, not of the file: ask the store's own.
    expect(store.durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
  });

  it('has a null head position while empty', async () => {
    expect(await store.headPosition()).toBeNull();
    expect(await store.readAll()).toEqual([]);
  });

  it('never reuses a position', async () => {
    const first = await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    const second = await store.appendToStream('signing-p2', [newEvent('B')], 'no_stream');
    expect(BigInt(second.position)).toBe(BigInt(first.position) + 1n);
  });

  it('tells onAppended listeners the last position of each commit, until they unsubscribe', async () => {
    const seen: string[] = [];
    const unsubscribe = store.onAppended((position) => seen.push(position));
    const [a, b] = await Promise.all([
      store.appendToStream('signing-p1', [newEvent('A')], 'no_stream'),
      store.appendToStream('signing-p2', [newEvent('B')], 'no_stream'),
    ]);
    const refused = store.appendToStream('signing-p1', [newEvent('C')], 'no_stream');
    await expectAsync(refused).toBeRejected();
    expect(seen.at(-1)).toBe(b.position);
    expect(seen.every((p) => BigInt(p) <= BigInt(b.position) && BigInt(p) >= BigInt(a.position))).toBeTrue();
    unsubscribe();
    await store.appendToStream('signing-p3', [newEvent('D')], 'no_stream');
    expect(seen.at(-1)).toBe(b.position);
  });

  it('answers each caller of a group commit on its own when one append conflicts', async () => {
    await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    const outcomes = await Promise.allSettled([
      store.appendToStream('signing-p2', [newEvent('B')], 'no_stream'),
      store.appendToStream('signing-p1', [newEvent('X')], 'no_stream'),
      store.appendToStream('signing-p3', [newEvent('C'), newEvent('D')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('refuses to append after close', async () => {
    await store.close();
    await expectAsync(store.appendToStream('signing-p1', [newEvent('A')], 'no_stream')).toBeRejectedWithError(/closed/);
  });
});
