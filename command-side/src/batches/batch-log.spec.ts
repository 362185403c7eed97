import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { batchItemsStreamName } from './batch-events.js';
import { BatchKeyReused, BatchLog, ITEMS_CHUNK_BYTES } from './batch-log.js';
import { batchStatusOf, foldBatch } from './batch-state.js';
import type { BatchEvent } from './batch-events.js';

const context = {
  actor: { id: 'u-manager', role: 'manager' as const },
  ip: '127.0.0.1',
  userAgent: 'spec',
  correlationId: 'c-1',
  causationId: 'request:c-1',
};
const creator = { id: 'u-manager', name: 'Мария Петрова', role: 'manager', branchId: 'msk' };
const BATCH = '6f1c2d4e-0000-4000-8000-000000000001';

describe('the batch log', () => {
  let store: SqliteEventStore;
  let log: BatchLog;
  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    log = new BatchLog(store, () => new Date('2026-11-25T08:00:00.000Z'));
  });
  afterEach(() => store.close());

  it('stores a large batch in chunks that each fit an append, and reads the items back in order', async () => {
    const items = Array.from({ length: 1000 }, (_, n) => ({ title: `Акт № ${n}`, padding: 'я'.repeat(1500) }));
    await log.accept({ batchId: BATCH, creator, items, itemsSha256: 'h', context });
    const chunks = await store.readStream(batchItemsStreamName(BATCH));
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk.data))).toBeLessThan(ITEMS_CHUNK_BYTES + 4000);
    const state = await log.load(BATCH);
    if (state.status === 'none') throw new Error('not accepted');
    expect(await log.items(state.accepted)).toEqual(items);
    expect(await log.openBatches()).toEqual([BATCH]);
  });

  it('answers the same batch again as it is, refuses another body under its id, and closes it once', async () => {
    const first = await log.accept({ batchId: BATCH, creator, items: [{ a: 1 }], itemsSha256: 'h', context });
    const head = await store.headPosition();
    expect(await log.accept({ batchId: BATCH, creator, items: [{ a: 1 }], itemsSha256: 'h', context })).toEqual(first);
    expect(await store.headPosition()).toBe(head);
    await expectAsync(log.accept({ batchId: BATCH, creator, items: [{ a: 2 }], itemsSha256: 'other', context })).toBeRejectedWithError(
      BatchKeyReused,
    );
    await log.recordOutcomes(BATCH, [{ index: 0, processId: 'p-1' }], context);
    await log.complete(BATCH, { created: 1, failed: 0 }, context);
    await log.complete(BATCH, { created: 1, failed: 0 }, context);
    expect((await store.readStream(`batch-${BATCH}`)).map((event) => event.type)).toEqual([
      'BatchAccepted',
      'BatchItemsProcessed',
      'BatchCompleted',
    ]);
    expect(await log.openBatches()).toEqual([]);
  });
});

describe('a batch folded', () => {
  const accepted: BatchEvent = {
    type: 'BatchAccepted',
    occurredAt: '2026-11-25T08:00:00.000Z',
    data: {
      batchId: BATCH,
      total: 3,
      creator,
      itemsSha256: 'h',
      itemChunks: { from: 0, to: 0 },
      origin: { ip: null, userAgent: null, correlationId: null, causationId: null },
    },
  };
  const failure = { index: 1, status: 400, type: 'validation', errors: [{ field: 'signer.inn', message: 'bad' }] };

  it('keeps the first outcome of an item done twice (a restart) and lists the created in item order', () => {
    const state = foldBatch([
      accepted,
      {
        type: 'BatchItemsProcessed',
        occurredAt: '2026-11-25T08:00:01.000Z',
        data: { outcomes: [{ index: 2, processId: 'p-2' }, failure] },
      },
      {
        type: 'BatchItemsProcessed',
        occurredAt: '2026-11-25T08:00:02.000Z',
        data: {
          outcomes: [
            { index: 0, processId: 'p-0' },
            { index: 2, processId: 'p-other' },
          ],
        },
      },
    ]);
    if (state.status === 'none') throw new Error('not accepted');
    expect(batchStatusOf(state)).toEqual(
      jasmine.objectContaining({ total: 3, created: 2, processIds: ['p-0', 'p-2'], failed: [failure], done: false }),
    );
    const done = foldBatch([accepted, { type: 'BatchCompleted', occurredAt: '2026-11-25T08:00:03.000Z', data: { created: 0, failed: 0 } }]);
    expect(done.status).toBe('done');
  });
});
