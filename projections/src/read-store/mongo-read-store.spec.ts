import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type BulkWriteResult, type WriteError } from 'mongodb';
import { INDEXES, databaseNameOf } from './mongo-documents.js';
import { dealFilter, dealSort } from './mongo-deal-query.js';
import { READ_STORE_DB_OPTIONS, readStoreClient, readStoreDatabase } from './mongo-connection.js';
import { bulkWriteGuarded, guardedUpdatesAfter } from './mongo-guarded-writes.js';
import { MongoReadStore } from './mongo-read-store.js';
import { readStoreContract } from './read-store.contract.js';
import { dealSet, fixtureDeals, uniqueId } from './read-store.contract-fixtures.js';

const url = process.env['MONGODB_URL'];

if (url) {
  // One client for the suite; every spec on a database of its own, dropped after it: specs move
  // checkpoints far ahead, record the event log, count whole collections and swap rebuilt ones in —
  // none of which may reach the next spec, nor the database the URL names.
  const client = readStoreClient(url);
  const run = randomUUID().slice(0, 8);
  let specs = 0;
  const databaseForSpec = () => `${databaseNameOf(url)}_spec_${run}_${++specs}`;
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
  });
  const dispose = async (store: MongoReadStore) => {
    await store.database.dropDatabase();
    await store.close();
  };

  readStoreContract(
    'MongoReadStore (MONGODB_URL)',
    () => MongoReadStore.onDatabase(client, databaseForSpec()),
    (store) => dispose(store as MongoReadStore),
  );

  describe('MongoReadStore on a live server (MONGODB_URL)', () => {
    let store: MongoReadStore;
    beforeEach(async () => {
      store = await MongoReadStore.onDatabase(client, databaseForSpec());
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('keeps the newer write when two runners insert the same new key at once', async () => {
      const other = await MongoReadStore.onDatabase(client, store.database.databaseName);
      try {
        const branchId = uniqueId('branch');
        for (let race = 0; race < 25; race += 1) {
          const processId = uniqueId('p');
          const older = dealSet({ processId, branchId, status: 'created' });
          const newer = dealSet({ processId, branchId, status: 'invited' });
          // Each runner finds no document, then both insert: whichever wins, the newer write stays.
          await Promise.all([other.applyBatch(fixtureDeals, [older]), store.applyBatch(fixtureDeals, [newer])]);
          expect((await store.getDeal(processId))?.status)
            .withContext(`race ${race}`)
            .toBe('invited');
        }
      } finally {
        await other.close();
      }
    });

    it('reads from the primary and writes to a majority whatever the URL says', async () => {
      const secondaryUrl = `${url}${url.includes('?') ? '&' : '?'}readPreference=secondaryPreferred`;
      const fromUrl = await MongoReadStore.connect(secondaryUrl, { dbName: store.database.databaseName });
      try {
        expect(fromUrl.database.readPreference.mode).toBe('primary');
        expect(fromUrl.database.writeConcern?.w).toBe('majority');
        const processId = uniqueId('p');
        await fromUrl.applyBatch(fixtureDeals, [dealSet({ processId, branchId: uniqueId('branch') })]);
        expect((await fromUrl.getDeal(processId))?.processId).toBe(processId);
      } finally {
        await fromUrl.close();
      }
    });

    it('builds the rebuilt collection without secondary indexes, then indexes it before the swap', async () => {
      await store.beginRebuild('deals');
      const checkpoints = store.database.collection<{ _id: string; rebuildCollection?: string; collection?: string }>(
        'read_model_checkpoints',
      );
      const shadow = (await checkpoints.findOne({ _id: 'deals' }))!.rebuildCollection!;
      await store.applyRebuildBatch(fixtureDeals, [dealSet({ processId: uniqueId('p'), branchId: uniqueId('branch') })], 1);
      expect((await store.database.collection(shadow).indexes()).map((index) => index.name)).toEqual(['_id_']);
      await store.finishRebuild('deals');
      expect((await checkpoints.findOne({ _id: 'deals' }))!.collection).toBe(shadow);
      const names = (await store.database.collection(shadow).indexes()).map((index) => index.name);
      expect(names).toEqual(jasmine.arrayContaining(INDEXES.deals.map((index) => index.name!)));
      expect(names).toContain('status_expiresAt');
    });

    it("swaps a rebuild in without killing a reader's open cursor on the old collection", async () => {
      const branchId = uniqueId('branch');
      await store.applyBatch(
        fixtureDeals,
        Array.from({ length: 5 }, () => dealSet({ processId: uniqueId('p'), branchId })),
      );
      const cursor = store.database.collection('deals').find({}, { batchSize: 1 });
      expect(await cursor.next()).not.toBeNull();
      await store.beginRebuild('deals');
      await store.applyRebuildBatch(fixtureDeals, [dealSet({ processId: uniqueId('p'), branchId })], 1);
      await store.finishRebuild('deals');
      let rest = 0;
      while ((await cursor.next()) !== null) rest += 1;
      expect(rest).toBe(4);
      expect((await store.findDeals({ branchId, sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 })).total).toBe(1);
    });

    it('starts a rebuild over after one was interrupted, dropping what it left', async () => {
      await store.beginRebuild('stats');
      await store.database.createCollection('stats__left-by-a-crash');
      const restarted = await MongoReadStore.onDatabase(client, store.database.databaseName);
      try {
        await restarted.beginRebuild('stats');
        await restarted.finishRebuild('stats');
        const names = (await store.database.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
        expect(names.filter((name) => name.startsWith('stats__')).length).toBe(2); // the live copy and its _gone
        expect(names).toContain('stats'); // retired, kept for readers for a while
      } finally {
        await restarted.close();
      }
    });
  });
} else {
  describe('ReadStore contract: MongoReadStore', () => {
    it('runs against a live server', () => {
      pending('MongoDB contract skipped: MONGODB_URL is not set');
    });
  });
}

/** A write error as the driver reports it (its class is not exported at run time); the store reads code and index. */
const writeError = (code: number, index: number) => ({ code, index, errmsg: 'E11000 duplicate key error' }) as unknown as WriteError;

describe('MongoReadStore guarded writes', () => {
  type View = { _id: string; position: string };
  const replaceAt = (key: string, position: string): AnyBulkWriteOperation<View> => ({
    replaceOne: { filter: { _id: key, position: { $lt: position } }, replacement: { position }, upsert: true },
  });
  const duplicateKeyAt = (...indexes: number[]) =>
    new MongoBulkWriteError(
      {
        message: 'E11000 duplicate key error',
        code: 11000,
        writeErrors: indexes.map((index) => writeError(11000, index)),
      },
      { getWriteConcernError: () => undefined } as unknown as BulkWriteResult,
    );

  it('sends a duplicate-key upsert again as a guarded update, so that the newer of two inserts of a new key stays', async () => {
    const operations = [replaceAt('a', '01'), replaceAt('b', '02'), replaceAt('c', '03')];
    const sent: AnyBulkWriteOperation<View>[][] = [];
    const collection = {
      bulkWrite: async (ops: AnyBulkWriteOperation<View>[]) => {
        sent.push(ops);
        if (sent.length === 1) throw duplicateKeyAt(1);
        return {} as BulkWriteResult;
      },
    };
    await bulkWriteGuarded(collection, operations);
    expect(sent.length).toBe(2);
    expect(sent[1]).toEqual([
      { replaceOne: { filter: { _id: 'b', position: { $lt: '02' } }, replacement: { position: '02' }, upsert: false } },
    ]);
  });

  it('throws any other write error, and a write concern error', () => {
    const other = new MongoBulkWriteError({ message: 'boom', code: 2, writeErrors: [writeError(2, 0)] }, {
      getWriteConcernError: () => undefined,
    } as unknown as BulkWriteResult);
    expect(guardedUpdatesAfter(other, [replaceAt('a', '01')])).toBeNull();
    const withConcern = new MongoBulkWriteError({ message: 'E11000', code: 11000, writeErrors: [writeError(11000, 0)] }, {
      getWriteConcernError: () => ({ code: 64 }),
    } as unknown as BulkWriteResult);
    expect(guardedUpdatesAfter(withConcern, [replaceAt('a', '01')])).toBeNull();
    expect(guardedUpdatesAfter(new Error('network'), [replaceAt('a', '01')])).toBeNull();
  });
});

describe('MongoReadStore connection', () => {
  it('reads from the primary and writes to a majority, with retries, whatever the URL says', () => {
    const client = readStoreClient('mongodb://h1:27017,h2:27017/reads?replicaSet=rs0&readPreference=secondary&w=1&retryWrites=false');
    const db = readStoreDatabase(client, 'reads');
    expect(db.readPreference.mode).toBe('primary');
    expect(db.writeConcern?.w).toBe('majority');
    expect(client.options.retryWrites).toBeTrue();
    expect(client.options.retryReads).toBeTrue();
    expect(READ_STORE_DB_OPTIONS.readPreference).toBeDefined();
  });

  it('keeps the database the URL names', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27017')).toBe('e_contract');
    expect(databaseNameOf('mongodb://127.0.0.1:27017/')).toBe('e_contract');
    expect(databaseNameOf('mongodb://u:p%40ss@h1:27017,h2:27017/contracts?replicaSet=rs0')).toBe('contracts');
    expect(databaseNameOf('mongodb+srv://cluster0.example.net/reads?retryWrites=true')).toBe('reads');
  });
});

describe('MongoReadStore query translation', () => {
  const base = { sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 } as const;

  it('translates filters, time bounds and sort with the processId tiebreaker', () => {
    expect(
      dealFilter({
        ...base,
        status: ['signed', 'archived'],
        kind: [],
        branchId: 'b-1',
        managerId: 'm-1',
        createdFrom: '2025-03-01',
        createdTo: '2025-03-31',
        expiresBefore: '2025-04-01T12:00:00+03:00',
      }),
    ).toEqual({
      status: { $in: ['signed', 'archived'] },
      branchId: 'b-1',
      managerId: 'm-1',
      createdAt: { $gte: '2025-03-01T00:00:00.000Z', $lt: '2025-04-01T00:00:00.000Z' },
      expiresAt: { $lte: '2025-04-01T09:00:00.000Z' },
    });
    expect(dealSort({ ...base, sort: { field: 'title', descending: false } })).toEqual({ title: 1, processId: 1 });
  });

  it('has an index for the expiry sweep: open statuses, expiresAt, processId', () => {
    const sweep = dealFilter({ ...base, status: ['invited', 'code_sent'], expiresBefore: '2025-04-01T00:00:00.000Z' });
    expect(Object.keys(sweep)).toEqual(['status', 'expiresAt']);
    expect(INDEXES.deals.map((index) => Object.keys(index.key))).toContain(['status', 'expiresAt', 'processId']);
  });

  it('searches folded word prefixes with anchored regexes, whatever the input', () => {
    expect(dealFilter({ ...base, q: 'ООО «Ёлка» 7707' })).toEqual({
      $and: [{ searchTerms: { $regex: '^ооо' } }, { searchTerms: { $regex: '^елка' } }, { searchTerms: { $regex: '^7707' } }],
    });
    for (const q of ['"', '*', 'AND (', '-', '.*', '^$', '[a-z]+', '\\']) {
      const filter = dealFilter({ ...base, q });
      const regexes = ((filter['$and'] ?? []) as { searchTerms: { $regex: string } }[]).map((c) => c.searchTerms.$regex);
      expect(regexes.every((r) => /^\^[\p{L}\p{N}\p{M}]+$/u.test(r)))
        .withContext(q)
        .toBeTrue();
    }
  });
});
