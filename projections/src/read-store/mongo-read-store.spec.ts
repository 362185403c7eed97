import { randomUUID } from 'node:crypto';
import { dealFilter, dealSort } from './mongo-deal-query.js';
import { databaseNameOf } from './mongo-documents.js';
import { MongoReadStore } from './mongo-read-store.js';
import { readStoreContract } from './read-store.contract.js';

const url = process.env['MONGODB_URL'];

if (url) {
  // One client for the suite, on a database of its own (the rebuild specs swap whole collections,
  // which must never hit the database the URL names), dropped at the end.
  const dbName = `${databaseNameOf(url)}_spec_${randomUUID().slice(0, 8)}`;
  let shared: Promise<MongoReadStore> | undefined;
  readStoreContract(
    'MongoReadStore (MONGODB_URL)',
    async () => (shared ??= MongoReadStore.connect(url, { dbName })),
    async () => undefined,
  );
  afterAll(async () => {
    const store = await shared;
    await store?.database.dropDatabase();
    await store?.close();
  });
} else {
  describe('ReadStore contract: MongoReadStore', () => {
    it('runs against a live server', () => {
      pending('MongoDB contract skipped: MONGODB_URL is not set');
    });
  });
}

describe('MongoReadStore query translation', () => {
  const base = { sort: { field: 'updatedAt', descending: true }, page: 1, pageSize: 20 } as const;

  it('takes the database from the URL, else e_contract', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27017')).toBe('e_contract');
    expect(databaseNameOf('mongodb://127.0.0.1:27017/')).toBe('e_contract');
    expect(databaseNameOf('mongodb://u:p%40ss@h1:27017,h2:27017/contracts?replicaSet=rs0')).toBe('contracts');
    expect(databaseNameOf('mongodb+srv://cluster0.example.net/reads?retryWrites=true')).toBe('reads');
  });

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
