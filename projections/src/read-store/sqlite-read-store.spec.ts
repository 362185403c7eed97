import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readStoreContract } from './read-store.contract.js';
import { dealSet, fixtureDeals, uniqueId } from './read-store.contract-fixtures.js';
import type { DealQueryResult, DealQuery } from '../read-store.js';
import { SqliteReadStore } from './sqlite-read-store.js';
import { dealSql, whereOf } from './sqlite-deal-query.js';
import { OPEN_STATUSES } from '@e-contract/contracts';
import { PROCESS_ID, untilInvited } from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { eventually } from '@e-contract/platform/testing';
import { dealsProjection } from '../read-models/deals-projection.js';

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

  for (const [plan, searchFetchLimit, source] of [
    ['collect', 2_000, 'the ids read'],
    ['set', 2_000, 'the ids read'],
    ['lookup', 2_000, 'the ids read'],
    ['collect', 0, 'the search again'],
    ['set', 0, 'the search again'],
    ['lookup', 0, 'the search again'],
  ] as const) {
    it(`pages and counts a search by the ${plan} plan over ${source}: the same rows in the same order, the total up to the cap`, async () => {
      const store = new SqliteReadStore(files.next(), { searchPlan: plan, searchFetchLimit });
      try {
        const branchId = uniqueId('branch');
        const otherBranch = uniqueId('branch');
        const seeds = Array.from({ length: 400 }, (_, i) => ({
          processId: `p-${String(i).padStart(3, '0')}`,
          branchId,
          status: i % 2 === 0 ? ('signed' as const) : ('invited' as const),
          kind: i % 3 === 0 ? ('act' as const) : ('contract' as const),
          // Every fifth deal lacks the words; updatedAt repeats so that the tiebreaker matters.
          title: i % 5 === 0 ? `Акт ${i}` : `Договор поставки оборудования ${i}`,
          updatedAt: new Date(Date.UTC(2025, 0, 1) + (i % 50) * 60_000).toISOString(),
        }));
        // Another branch's deals match the words too: a branch's search must not count them.
        const others = Array.from({ length: 60 }, (_, i) => ({
          processId: `o-${String(i).padStart(3, '0')}`,
          branchId: otherBranch,
          title: `Договор поставки оборудования ${i}`,
          updatedAt: new Date(Date.UTC(2025, 0, 1) + (i % 50) * 60_000 + 30_000).toISOString(),
        }));
        await store.bulkLoad(fixtureDeals, [
          seeds.slice(0, 200).map((s) => dealSet(s)),
          [...seeds.slice(200), ...others].map((s) => dealSet(s)),
        ]);
        type Seed = (typeof seeds)[number] | (typeof others)[number];
        const newestFirst = (list: readonly Seed[]) =>
          list
            .filter((s) => s.title.startsWith('Договор'))
            .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.processId < b.processId ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1))
            .map((s) => s.processId);
        const inBranch = newestFirst(seeds);
        const everywhere = newestFirst([...seeds, ...others]);
        const search = (q: string, page: number, pageSize: number, patch: Partial<DealQuery> = {}) =>
          store.findDeals({ q, sort: { field: 'updatedAt', descending: true }, page, pageSize, ...patch });
        const idsOf = (answer: DealQueryResult) => answer.items.map((d) => d.processId);
        const pageOf = (list: readonly string[], page: number, pageSize: number) => list.slice((page - 1) * pageSize, page * pageSize);

        // Short words, several, and words longer than the prefix indexes (a merge per lookup: the
        // lookup plan falls back to the set).
        for (const [q, page, pageSize] of [
          ['догов', 1, 20],
          ['поставки', 3, 7],
          ['ДОГОВОР ПОСТ', 16, 20],
          ['договор', 18, 20],
          ['д', 2, 20],
          ['дог п', 5, 10],
          ['оборудовани', 4, 20],
          ['оборудования д', 19, 20],
        ] as const) {
          const answer = await search(q, page, pageSize);
          expect(answer.total).withContext(q).toBe(380);
          expect(answer.totalIsEstimate).withContext(q).toBeUndefined();
          expect(idsOf(answer))
            .withContext(q)
            .toEqual(pageOf(everywhere, page, pageSize));
          const branch = await search(q, page, pageSize, { branchId });
          expect(branch.total).withContext(q).toBe(320);
          expect(idsOf(branch))
            .withContext(q)
            .toEqual(pageOf(inBranch, page, pageSize));
        }
        // A filter the search index does not hold (status) is counted against the deal rows.
        const evenOnes = inBranch.filter((id) => Number(id.slice(2)) % 2 === 0);
        for (const [q, page, pageSize] of [
          ['договор', 2, 2],
          ['д', 3, 50],
          ['пост', 9, 20],
          ['оборудования', 4, 20],
        ] as const) {
          const signed = await search(q, page, pageSize, { status: ['signed'], branchId });
          expect(signed.total).withContext(q).toBe(160);
          expect(idsOf(signed))
            .withContext(q)
            .toEqual(pageOf(evenOnes, page, pageSize));
          expect((await search(q, page, pageSize, { status: ['signed'] })).total)
            .withContext(q)
            .toBe(160);
        }
        // Scoped filters with several values.
        const acts = await search('д', 1, 100, { kind: ['act', 'supplementary_agreement'], branchId });
        expect(idsOf(acts)).toEqual(inBranch.filter((id) => Number(id.slice(2)) % 3 === 0).slice(0, 100));

        // The cap: above it, total is the cap and flagged; at or below it, exact and unflagged.
        for (const q of ['д', 'договор', 'оборудования']) {
          expect(await search(q, 2, 20, { totalCap: 100 }))
            .withContext(q)
            .toEqual({
              items: (await search(q, 2, 20)).items,
              total: 100,
              totalIsEstimate: true,
            });
          expect(await search(q, 1, 20, { totalCap: 379 }))
            .withContext(q)
            .toEqual(jasmine.objectContaining({ total: 379, totalIsEstimate: true }));
          const exact = await search(q, 1, 20, { totalCap: 380 });
          expect(exact.total).withContext(q).toBe(380);
          expect(exact.totalIsEstimate).withContext(q).toBeUndefined();
          expect(await search(q, 1, 20, { branchId, status: ['signed'], totalCap: 159 }))
            .withContext(q)
            .toEqual(jasmine.objectContaining({ total: 159, totalIsEstimate: true }));
          const past = await search(q, 30, 20, { branchId, totalCap: 100 });
          expect(past).withContext(q).toEqual({ items: [], total: 100, totalIsEstimate: true });
        }

        // A sort no index gives with the filters: the rows are collected and sorted whatever the plan.
        const byStatus = await search('д', 1, 400, { branchId, sort: { field: 'status', descending: false } });
        const invitedFirst = [...seeds]
          .filter((s) => s.title.startsWith('Договор'))
          .sort((a, b) => (a.status === b.status ? (a.processId < b.processId ? -1 : 1) : a.status < b.status ? -1 : 1))
          .map((s) => s.processId);
        expect(idsOf(byStatus)).toEqual(invitedFirst);

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

  it('keeps filter values in the search index as tokens no typed word can reach', async () => {
    const store = new SqliteReadStore(files.next());
    try {
      // Values with spaces, quotes, FTS5 syntax and Cyrillic: each is one token of its hex bytes.
      const branches = ['Филиал "Север" AND *', 'b-1 OR NOT', '"'];
      const processIds = branches.map(() => uniqueId('p'));
      await store.applyBatch(
        fixtureDeals,
        branches.map((branchId, i) =>
          dealSet({ processId: processIds[i]!, branchId, managerId: `менеджер ${i}`, title: 'Договор поставки' }),
        ),
      );
      const find = (patch: Partial<DealQuery>) =>
        store.findDeals({ sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20, ...patch });
      for (const [i, branchId] of branches.entries()) {
        expect((await find({ q: 'дог', branchId })).items.map((d) => d.processId)).toEqual([processIds[i]!]);
        expect((await find({ q: 'дог', managerId: `менеджер ${i}` })).total).toBe(1);
        for (const word of [
          Buffer.from(branchId, 'utf8').toString('hex'),
          `b${Buffer.from(branchId, 'utf8').toString('hex').slice(0, 4)}`,
        ]) {
          expect((await find({ q: word })).total)
            .withContext(word)
            .toBe(0);
        }
      }
      expect((await find({ q: 'дог', branchId: 'Филиал' })).total).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('re-indexes a search index of the older definition when it opens the file, and finds as before', async () => {
    const path = files.next();
    let store = new SqliteReadStore(path);
    const branchId = uniqueId('branch');
    const processId = uniqueId('p');
    const other = uniqueId('p');
    await store.applyBatch(fixtureDeals, [
      dealSet({
        processId,
        branchId,
        title: 'Договор аренды',
        fullName: 'Фёдоров Пётр Ильич',
        companyName: 'ООО «Ромашка»',
        inn: '7707083893',
      }),
      dealSet({ processId: other, branchId: uniqueId('branch'), title: 'Акт сверки', kind: 'act' }),
    ]);
    await store.close();
    // The index as the store wrote it before 2026-12: no scope column, no 1-letter prefix index.
    const db = new Database(path);
    try {
      db.exec(`DROP TABLE deals_fts`);
      db.exec(`CREATE VIRTUAL TABLE deals_fts USING fts5(
        title, signer_name, company_name, inn,
        tokenize = "unicode61 remove_diacritics 2",
        content = '', contentless_delete = 1, prefix = '2 3 4'
      )`);
      const insert = db.prepare(`INSERT INTO deals_fts (rowid, title, signer_name, company_name, inn) VALUES (?, ?, ?, ?, ?)`);
      insert.run(
        db.prepare(`SELECT id FROM deals WHERE key = ?`).pluck().get(processId),
        'договор аренды',
        'федоров петр ильич',
        'ооо «ромашка»',
        '7707083893',
      );
      insert.run(
        db.prepare(`SELECT id FROM deals WHERE key = ?`).pluck().get(other),
        'акт сверки',
        'иванов иван иванович',
        '',
        '7707083893',
      );
    } finally {
      db.close();
    }

    store = new SqliteReadStore(path);
    try {
      const find = async (patch: Partial<DealQuery>) =>
        (await store.findDeals({ sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20, ...patch })).items.map(
          (d) => d.processId,
        );
      expect(await find({ q: 'ромаш', branchId })).toEqual([processId]);
      expect(await find({ q: 'ф' })).toEqual([processId]);
      expect(await find({ q: '770708', kind: ['act'] })).toEqual([other]);
      const observer = new Database(path, { readonly: true });
      try {
        expect(observer.prepare(`SELECT sql FROM sqlite_master WHERE name = 'deals_fts'`).pluck().get()).toContain(
          `prefix = '1 2 3 4 5 6 7 8'`,
        );
      } finally {
        observer.close();
      }
      // A later change of the deal rewrites its (new) index row.
      await store.applyBatch(fixtureDeals, [dealSet({ processId, branchId, title: 'Договор займа', companyName: 'ООО «Ромашка»' })]);
      expect(await find({ q: 'займа', branchId })).toEqual([processId]);
      expect(await find({ q: 'аренды' })).toEqual([]);
    } finally {
      await store.close();
    }
    // Opened again: the index is current, nothing is re-indexed (the change above stays).
    store = new SqliteReadStore(path);
    try {
      expect((await store.findDeals({ q: 'займа', sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 })).total).toBe(1);
    } finally {
      await store.close();
    }
  });

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

  /** Each index of `table` made by CREATE INDEX, by name: its columns joined by commas. */
  const indexesOf = (db: Database.Database, table: string): Map<string, string> =>
    new Map(
      (db.prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`).all(table) as { name: string }[]).map(({ name }) => [
        name,
        (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as { name: string }[]).map((c) => c.name).join(','),
      ]),
    );
  const indexedColumns = (db: Database.Database, table: string): string[] => [...indexesOf(db, table).values()];

  it('answers the expiry sweep from the {status, expires_at} index, not by walking every deal that ever expired', async () => {
    const path = files.next();
    const store = new SqliteReadStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      const sweep = dealSql({
        status: [...OPEN_STATUSES],
        expiresBefore: '2026-11-25T08:00:00.000Z',
        sort: { field: 'expiresAt', descending: false },
        page: 1,
        pageSize: 100,
      });
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT d.view FROM deals d ${whereOf(sweep.conditions)} ${sweep.orderBy} LIMIT 100`)
        .all(...sweep.params) as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX ix_deals_\w+ \(status=\? AND expires_at<\?\)/);
    } finally {
      db.close();
    }
  });

  it('builds an index the spec gained when it opens an older file', async () => {
    const path = files.next();
    await new SqliteReadStore(path).close();
    const older = new Database(path);
    const sweepIndex = [...indexesOf(older, 'deals')].find(([, columns]) => columns === 'status,expires_at,process_id')?.[0];
    older.exec(`DROP INDEX ${sweepIndex!}`);
    expect(indexedColumns(older, 'deals')).not.toContain('status,expires_at,process_id');
    older.close();
    await new SqliteReadStore(path).close();
    const reopened = new Database(path, { readonly: true });
    try {
      expect(indexedColumns(reopened, 'deals')).toContain('status,expires_at,process_id');
    } finally {
      reopened.close();
    }
  });

  it('adds the external_id column to a deals table of an older file, filled from the views, and finds by it', async () => {
    const path = files.next();
    let store = new SqliteReadStore(path);
    const branchId = uniqueId('branch');
    const processId = uniqueId('p');
    await store.applyBatch(fixtureDeals, [
      dealSet({ processId, branchId, externalId: 'CRM-1' }),
      dealSet({ processId: uniqueId('p'), branchId }),
    ]);
    await store.close();
    // The table as the store made it before 2026-12: no external_id column (nor its index).
    const older = new Database(path);
    const index = [...indexesOf(older, 'deals')].find(([, columns]) => columns.startsWith('external_id'))?.[0];
    older.exec(`DROP INDEX ${index!}`);
    older.exec(`ALTER TABLE deals DROP COLUMN external_id`);
    older.close();

    store = new SqliteReadStore(path);
    try {
      const found = await store.findDeals({ externalId: 'CRM-1', sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 });
      expect(found.items.map((deal) => deal.processId)).toEqual([processId]);
      const observer = new Database(path, { readonly: true });
      try {
        expect(indexedColumns(observer, 'deals')).toContain('external_id,updated_at,process_id');
        expect(observer.prepare(`SELECT count(*) FROM deals WHERE external_id IS NULL`).pluck().get()).toBe(1);
      } finally {
        observer.close();
      }
    } finally {
      await store.close();
    }
  });

  it("fills a rebuild's copy without secondary indexes and builds them before swapping it in", async () => {
    const path = files.next();
    const store = new SqliteReadStore(path);
    const observer = new Database(path, { readonly: true });
    try {
      const live = indexedColumns(observer, 'deals');
      await store.beginRebuild('deals');
      await store.applyRebuildBatch(fixtureDeals, [dealSet({ processId: uniqueId('p'), branchId: uniqueId('branch') })], 1);
      expect(indexedColumns(observer, 'deals__rebuild')).toEqual([]);
      await store.finishRebuild('deals');
      expect(indexedColumns(observer, 'deals').sort()).toEqual([...live].sort());
    } finally {
      observer.close();
      await store.close();
    }
  });
});

describe('SqliteReadStore with its WAL checkpoints in a thread', () => {
  it('lets the checkpoint thread, not the committing connection, write the WAL back into the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e-contract-wal-'));
    const file = join(dir, 'read-models.sqlite');
    const store = new SqliteReadStore(file, { walCheckpoints: 'thread' });
    try {
      const before = statSync(file).size;
      // Far below the 1,000 WAL pages after which a committing connection would checkpoint by itself.
      await store.applyBatch(dealsProjection, processStream(untilInvited));
      await eventually(() => statSync(file).size > before, 3_000, 'the database file to take the checkpointed pages');
      expect((await store.getDeal(PROCESS_ID))?.status).toBe('invited');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
