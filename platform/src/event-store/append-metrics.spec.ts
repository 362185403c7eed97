import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMetrics, threadMetrics, type ThreadMetrics } from '../metrics/thread-metrics.js';
import { eventStoreContract, newEvent } from '../testing/event-store.contract.js';
import { sampleValue } from '../testing/metric-samples.js';
import { appendChained } from './chained-append.js';
import { withAppendMetrics } from './append-metrics.js';
import { hasLocalAppendSignals } from './subscription.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

eventStoreContract('SqliteEventStore withAppendMetrics', async () => withAppendMetrics(new SqliteEventStore(':memory:'), createMetrics()));

describe('withAppendMetrics', () => {
  let metrics: ThreadMetrics;
  let store: SqliteEventStore;
  let counted: SqliteEventStore;
  beforeEach(() => {
    metrics = createMetrics();
    store = new SqliteEventStore(':memory:');
    counted = withAppendMetrics(store, metrics);
  });
  afterEach(() => store.close());

  const value = async (name: string, labels: Record<string, string> = {}) => sampleValue(await metrics.registry.metrics(), name, labels);

  it('counts appends by result and times each of them', async () => {
    await counted.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    await counted.appendToStream('signing-p1', [newEvent('B')], 0);
    await expectAsync(counted.appendToStream('signing-p1', [newEvent('C')], 0)).toBeRejected();
    await store.close();
    await expectAsync(counted.appendToStream('signing-p1', [newEvent('D')], 1)).toBeRejected();

    expect(await value('econtract_event_store_appends_total', { result: 'ok' })).toBe(2);
    expect(await value('econtract_event_store_appends_total', { result: 'conflict' })).toBe(1);
    expect(await value('econtract_event_store_appends_total', { result: 'error' })).toBe(1);
    expect(await value('econtract_event_store_append_duration_seconds_count')).toBe(4);
  });

  it('counts the facts appended to process streams by type, and nothing of other streams or failed appends', async () => {
    await counted.appendToStream('signing-p1', [newEvent('SigningProcessCreated'), newEvent('SignerInvited')], 'no_stream');
    await counted.appendToStream('signing-p2', [newEvent('SigningProcessCreated')], 'no_stream');
    await expectAsync(counted.appendToStream('signing-p2', [newEvent('DocumentsSigned')], 'no_stream')).toBeRejected();
    await counted.appendToStream('evidence-access', [newEvent('EvidenceAccessed')], 'any');
    await counted.appendToStream('signing-p3', [newEvent('NotASigningFact')], 'no_stream');

    const text = await metrics.registry.metrics();
    expect(sampleValue(text, 'econtract_signing_facts_total', { type: 'SigningProcessCreated' })).toBe(2);
    expect(sampleValue(text, 'econtract_signing_facts_total', { type: 'SignerInvited' })).toBe(1);
    // Every signing fact type is there from the start, at 0 until one is appended.
    expect(sampleValue(text, 'econtract_signing_facts_total', { type: 'DocumentsSigned' })).toBe(0);
    expect(sampleValue(text, 'econtract_signing_facts_total', { type: 'SigningExpired' })).toBe(0);
    expect(text).not.toContain('EvidenceAccessed');
    expect(text).not.toContain('NotASigningFact');
  });

  it('leaves every other member to the store: reads, subscriptions and append signals', async () => {
    expect(hasLocalAppendSignals(counted)).toBeTrue();
    const heard: string[] = [];
    counted.onAppended((position) => heard.push(position));
    const controller = new AbortController();
    const batches = counted.subscribe({ after: null, signal: controller.signal })[Symbol.asyncIterator]();
    const appended = await counted.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    expect((await batches.next()).value?.map((event: { type: string }) => event.type)).toEqual(['A']);
    controller.abort();
    expect(heard).toEqual([appended.position]);
    expect(await counted.headPosition()).toBe(appended.position);
    expect(counted.durabilitySettings()).toEqual(store.durabilitySettings());
  });

  it('counts the retries of appendChained, in the registry of its thread, when another writer moved the stream on', async () => {
    const retries = async () => sampleValue(await threadMetrics().registry.metrics(), 'econtract_event_store_concurrency_retries_total');
    const before = await retries();
    let tries = 0;
    await appendChained(store, 'signing-p1', {
      decide: async () => {
        tries += 1;
        if (tries === 1) await store.appendToStream('signing-p1', [newEvent('Other')], 'no_stream');
        return { append: [{ type: 'Mine', data: {}, context: newEvent('Mine').metadata }], outcome: () => undefined };
      },
    });
    expect(tries).toBe(2);
    expect(await retries()).toBe(before! + 1);
  });
});

describe('SqliteEventStore group commits', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'e-contract-batch-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  for (const writer of ['event-loop', 'thread'] as const)
    it(`tells the thread that owns the store how many appends each commit wrote (writer: ${writer})`, async () => {
      const batches: number[] = [];
      const store = SqliteEventStore.open(join(folder, 'events.sqlite'), { writer, onGroupCommit: (appends) => batches.push(appends) });
      try {
        await Promise.all(['a', 'b', 'c'].map((stream) => store.appendToStream(`signing-${stream}`, [newEvent('A')], 'no_stream')));
        await store.appendToStream('signing-a', [newEvent('B')], 0);
        expect(batches).toEqual([3, 1]);
      } finally {
        await store.close();
      }
    });
});
