import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readStoreContract } from './read-store.contract.js';
import { dealSet, fixtureDeals, uniqueId } from './read-store.contract-fixtures.js';
import { SqliteReadStore } from './sqlite-read-store.js';

/** A fresh database file per spec, in a folder removed after the run. */
function tempDatabaseFiles() {
  let folder: string | undefined;
  return {
    folder(): string {
      folder ??= mkdtempSync(join(tmpdir(), 'e-contract-read-store-'));
      return folder;
    },
    next(): string {
      return join(this.folder(), `${randomUUID()}.sqlite`);
    },
    removeAll(): void {
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = undefined;
    },
  };
}

const contractFiles = tempDatabaseFiles();
readStoreContract('SqliteReadStore (file)', async () => new SqliteReadStore(contractFiles.next()));
afterAll(() => contractFiles.removeAll());

describe('SqliteReadStore', () => {
  const files = tempDatabaseFiles();
  afterAll(() => files.removeAll());

  it('opens <DATA_DIR>/read-models.sqlite in WAL mode and keeps views across close and reopen', async () => {
    const dataDir = join(files.folder(), randomUUID(), 'data');
    let store = SqliteReadStore.openInDataDir(dataDir);
    const processId = uniqueId('p');
    const event = dealSet({ processId, branchId: uniqueId('branch'), inn: '7707083893' });
    await store.applyBatch(fixtureDeals, [event]);
    await store.close();
    await store.close();

    const observer = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      expect(observer.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      observer.close();
    }
    store = SqliteReadStore.openInDataDir(dataDir);
    try {
      expect((await store.getDeal(processId))?.processId).toBe(processId);
      expect(await store.checkpoint('deals')).toBe(event.position);
      expect((await store.findDeals({ q: '770708', sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 })).total).toBe(1);
    } finally {
      await store.close();
    }
    expect(await store.ping()).toBeFalse();
    await expectAsync(store.getDeal(processId)).toBeRejectedWithError(/closed/);
  });

  for (const [plan, searchCollectLimit] of [
    ['collecting and sorting the matches', 1000],
    ['walking the sort index past the matches', 100],
  ] as const) {
    it(`pages and counts a search by ${plan}`, async () => {
      const store = new SqliteReadStore(files.next(), { searchCollectLimit });
      try {
        const branchId = uniqueId('branch');
        const seeds = Array.from({ length: 400 }, (_, i) => ({
          processId: `p-${String(i).padStart(3, '0')}`,
          branchId,
          status: i % 2 === 0 ? ('signed' as const) : ('invited' as const),
          // Every fifth deal lacks the word; updatedAt repeats so that the tiebreaker matters.
          title: i % 5 === 0 ? `Акт ${i}` : `Договор поставки ${i}`,
          updatedAt: new Date(Date.UTC(2025, 0, 1) + (i % 50) * 60_000).toISOString(),
        }));
        await store.bulkLoad(fixtureDeals, [seeds.slice(0, 200).map((s) => dealSet(s)), seeds.slice(200).map((s) => dealSet(s))]);
        const newestFirst = seeds
          .filter((s) => s.title.startsWith('Договор'))
          .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.processId < b.processId ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1))
          .map((s) => s.processId);
        const search = (q: string, page: number, pageSize: number, status?: 'signed') =>
          store.findDeals({
            q,
            ...(status ? { status: [status], branchId } : {}),
            sort: { field: 'updatedAt', descending: true },
            page,
            pageSize,
          });
        for (const [q, page, pageSize] of [
          ['догов', 1, 20],
          ['поставки', 3, 7],
          ['ДОГОВОР ПОСТ', 16, 20],
          ['договор', 17, 20],
        ] as const) {
          const answer = await search(q, page, pageSize);
          expect(answer.total).toBe(320);
          expect(answer.items.map((d) => d.processId)).toEqual(newestFirst.slice((page - 1) * pageSize, page * pageSize));
        }
        const evenOnes = newestFirst.filter((id) => Number(id.slice(2)) % 2 === 0);
        for (const [page, pageSize] of [
          [2, 2],
          [3, 50],
          [9, 20],
        ] as const) {
          const signed = await search('договор', page, pageSize, 'signed');
          expect(signed.total).toBe(160);
          expect(signed.items.map((d) => d.processId)).toEqual(evenOnes.slice((page - 1) * pageSize, page * pageSize));
        }
        // The secondary indexes are back after the bulk load.
        expect(
          (await store.findDeals({ branchId, status: ['invited'], sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 1 }))
            .total,
        ).toBe(200);
      } finally {
        await store.close();
      }
    });
  }

  it('answers the status + branch list from the composite index, without a sort', async () => {
    const path = files.next();
    const store = new SqliteReadStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT d.view FROM deals d WHERE d.status = ? AND d.branch_id = ?
           ORDER BY d.updated_at DESC, d.process_id DESC LIMIT 20 OFFSET 180`,
        )
        .all('signed', 'b-1') as { detail: string }[];
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(/USING INDEX ix_deals_\w+ \(status=\? AND branch_id=\?\)/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
