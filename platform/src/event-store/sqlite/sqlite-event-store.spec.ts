import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract, newEvent } from '../../testing/event-store.contract.js';
import { DuplicateEventId, EventStoreUnavailable } from '../event-store-errors.js';
import { WrongExpectedRevision } from '../event-store.js';
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

const WRITERS = ['event-loop', 'thread'] as const;

const contractFiles = tempDatabaseFiles();
for (const writer of WRITERS) {
  eventStoreContract(`SqliteEventStore (file, writer: ${writer})`, async () => SqliteEventStore.open(contractFiles.next(), { writer }));
}
afterAll(() => contractFiles.removeAll());

for (const writer of WRITERS)
  describe(`SqliteEventStore (writer: ${writer})`, () => {
    const files = tempDatabaseFiles();
    let path: string;
    let store: SqliteEventStore;
    beforeEach(() => {
      path = files.next();
      store = SqliteEventStore.open(path, { writer });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(() => files.removeAll());

    it('keeps acknowledged events across close and reopen', async () => {
      const appended = await store.appendToStream('signing-p1', [newEvent('A'), newEvent('B')], 'no_stream');
      await store.close();
      store = SqliteEventStore.open(path, { writer });
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
      expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(jasmine.any(WrongExpectedRevision));
      expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('answers every append accepted before close, in order', async () => {
      const appends = ['p1', 'p2', 'p3'].map((id) => store.appendToStream(`signing-${id}`, [newEvent('A')], 'no_stream'));
      await store.close();
      const positions = (await Promise.all(appends)).map((result) => BigInt(result.position));
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      store = SqliteEventStore.open(path, { writer });
      expect((await store.readAll()).length).toBe(3);
    });

    it('wakes its subscriptions at once when told of an append through another connection, and echoes nothing', async () => {
      const tailing = SqliteEventStore.open(path, { writer, pollIntervalMs: 60_000 });
      const echoed: string[] = [];
      tailing.onAppended((position) => echoed.push(position));
      const stop = new AbortController();
      try {
        const batches = tailing.subscribe({ after: null, signal: stop.signal });
        const first = batches.next(); // nothing yet: the subscription waits (a minute, unless woken)
        const appended = await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
        const noticed = Promise.race([first, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000))]);
        tailing.notifyAppended(appended.position);
        const batch = (await noticed) as IteratorResult<{ type: string }[]>;
        expect(batch.value?.map((e: { type: string }) => e.type)).toEqual(['A']);
        // Its own listeners hear of its own commits only: two stores that tell each other do not loop.
        expect(echoed).toEqual([]);
      } finally {
        stop.abort();
        await tailing.close();
      }
    });

    it('keeps the id of its log across reopening, and another file has another one', async () => {
      const identity = await store.identity();
      expect(identity.kind).toBe('sqlite');
      await store.close();
      store = SqliteEventStore.open(path, { writer });
      expect(await store.identity()).toEqual(identity);
      const other = SqliteEventStore.open(files.next(), { writer });
      try {
        expect((await other.identity()).id).not.toBe(identity.id);
      } finally {
        await other.close();
      }
    });

    it('refuses an event id that another stream already holds, and writes nothing of that append', async () => {
      const reused = newEvent('A');
      await store.appendToStream('signing-p1', [reused], 'no_stream');
      for (const events of [[reused], [newEvent('B'), reused]]) {
        const refused = store.appendToStream('signing-p2', events, 'no_stream');
        await expectAsync(refused).toBeRejectedWith(jasmine.any(DuplicateEventId));
      }
      expect(await store.readStream('signing-p2')).toEqual([]);
      expect((await store.appendToStream('signing-p2', [newEvent('C')], 'no_stream')).revision).toBe(0);
    });

    it('refuses to append after close', async () => {
      await store.close();
      await expectAsync(store.appendToStream('signing-p1', [newEvent('A')], 'no_stream')).toBeRejectedWithError(/closed/);
    });
  });

describe('SqliteEventStore on a full disk', () => {
  const files = tempDatabaseFiles();
  let store: SqliteEventStore;
  /** The writing connection (writer: event-loop): SQLite's page cap plays a disk with no room left. */
  let writing: Database.Database;
  beforeEach(() => {
    store = SqliteEventStore.open(files.next(), { writer: 'event-loop' });
    writing = (store as unknown as { db: Database.Database }).db;
  });
  afterEach(async () => {
    await store.close();
    files.removeAll();
  });

  const bulky = () => newEvent('Bulky', { text: 'x'.repeat(64 * 1024) });

  it('refuses the append as unavailable (503, Retry-After 30 s), keeps nothing of it, says so in ping, and recovers', async () => {
    await store.appendToStream('s-1', [newEvent('First', {})], 'no_stream');
    writing.pragma(`max_page_count = ${writing.pragma('page_count', { simple: true }) as number}`);

    const failed = await store.appendToStream('s-1', [bulky()], 0).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(EventStoreUnavailable);
    expect((failed as EventStoreUnavailable).retryAfterSeconds).toBe(30);
    expect((await store.readStream('s-1')).map((event) => event.type)).toEqual(['First']);
    expect(await store.ping()).toBeFalse();

    writing.pragma('max_page_count = 1073741823');
    await store.appendToStream('s-1', [bulky()], 0);
    expect((await store.readStream('s-1')).map((event) => event.type)).toEqual(['First', 'Bulky']);
    expect(await store.ping()).toBeTrue();
  });
});
