import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import { chainEvents } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { pino } from 'pino';
import type { Projection, ProjectionName } from '../projection.js';
import type { ProjectionBatch, ReadStore } from '../read-store.js';
import { ALL_PROJECTIONS } from '../read-models/all-projections.js';
import { SqliteReadStore } from '../read-store/sqlite-read-store.js';
import { ProjectionRunner, RebuildInProgress, UnknownProjection, type ProjectionRunnerOptions } from './projection-runner.js';
import { dumpReadModels, eventually } from './runner-spec-kit.js';
import { seedSigningLog } from './seed-signing-log.js';

const silent = pino({ level: 'silent' });
const fastRetry = { initialDelayMs: 10, maxDelayMs: 50 };

/** A read store whose batches of `deals` can be made to fail, and whose `checkpoint` can be made to forget. */
function flakyReadStore(inner: ReadStore) {
  const control = { failDeals: 0, forgetCheckpoints: false, appliedDeals: 0 };
  const store: ReadStore = Object.create(inner) as ReadStore;
  store.applyBatches = async (parts: readonly ProjectionBatch[]) => {
    const deals = parts.find((part) => part.projection.name === 'deals');
    if (deals) {
      if (control.failDeals > 0) {
        control.failDeals -= 1;
        throw new Error('the read store is busy');
      }
      control.appliedDeals += deals.events.length;
    }
    return inner.applyBatches(parts);
  };
  store.applyBatch = <View>(projection: Projection<View>, events: readonly RecordedEvent[]) =>
    store.applyBatches([{ projection: projection as Projection<unknown>, events }]);
  store.checkpoint = async (name: ProjectionName) => (control.forgetCheckpoints ? null : inner.checkpoint(name));
  return { store, control };
}

/** The event store as the runner sees it, counting the subscriptions opened and still open. */
function countingSubscriptions(inner: SqliteEventStore) {
  const control = { opened: 0, open: 0 };
  const store: ProjectionRunnerOptions['eventStore'] = {
    readAll: (options) => inner.readAll(options),
    headPosition: () => inner.headPosition(),
    subscribe: (options) => ({
      async *[Symbol.asyncIterator]() {
        control.opened += 1;
        control.open += 1;
        try {
          yield* inner.subscribe(options);
        } finally {
          control.open -= 1;
        }
      },
    }),
  };
  return { store, control };
}

describe('ProjectionRunner', () => {
  let folder: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let runner: ProjectionRunner | undefined;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'e-contract-runner-'));
    events = SqliteEventStore.open(join(folder, 'events.sqlite'), { pollIntervalMs: 50 });
    reads = new SqliteReadStore(join(folder, 'read-models.sqlite'));
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    await reads.close();
    await events.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const start = (readStore: ReadStore = reads, batchSize = 25) => {
    runner = new ProjectionRunner({
      eventStore: events,
      readStore,
      projections: ALL_PROJECTIONS,
      logger: silent,
      batchSize,
      retry: fastRetry,
    });
    runner.start();
    return runner;
  };
  const caughtUp = async (r: ProjectionRunner) => {
    const rows = await r.positions();
    return rows.every((row) => row.lag === 0 && row.status === 'live');
  };

  it('catches up with the log, follows new events, and tells onApplied each batch', async () => {
    const seeded = await seedSigningLog(events, { processes: 30, outcomeOf: (i) => (i % 5 === 0 ? 'cancelled' : 'full') });
    const applied: [ProjectionName, string][] = [];
    const r = start();
    r.onApplied((name, position) => applied.push([name, position]));
    await eventually(() => caughtUp(r), 5_000, 'catch-up');
    const head = (await events.headPosition())!;
    expect((await r.positions()).map((row) => [row.name, row.position, row.lag, row.status])).toEqual(
      ALL_PROJECTIONS.map((p) => [p.name, head, 0, 'live']),
    );
    expect((await reads.findDeals({ sort: { field: 'createdAt', descending: false }, page: 1, pageSize: 100 })).total).toBe(30);
    expect(applied.filter(([name]) => name === 'deals').at(-1)).toEqual(['deals', head]);
    // several batches of at most 25 events each
    expect(applied.filter(([name]) => name === 'deals').length).toBeGreaterThanOrEqual(Math.ceil(seeded.events / 25));

    const more = await seedSigningLog(events, { processes: 3 });
    const newHead = (await events.headPosition())!;
    await eventually(async () => r.position('deals') === newHead && (await caughtUp(r)), 3_000, 'the new events');
    expect((await reads.getDeal(more.processIds[0]!))?.status).toBe('archived');
  });

  it('reports lag in events of the embedded log, and counts events of other streams as looked at once passed', async () => {
    await seedSigningLog(events, { processes: 4 });
    const r = new ProjectionRunner({ eventStore: events, readStore: reads, projections: ALL_PROJECTIONS, logger: silent });
    runner = r;
    const before = await r.positions();
    expect(before.every((row) => row.lag === 32 && row.position === null && row.status === 'stopped')).toBeTrue();
    r.start();
    await eventually(() => caughtUp(r), 3_000, 'catch-up');
    // An event of another stream at the head: not applied, but the lag goes back to 0.
    const metadata = (await events.readAll({ maxCount: 1 }))[0]!.metadata;
    await events.appendToStream(
      'edo-person-abc',
      [{ eventId: randomUUID(), type: 'EdoAcceptancePointer', data: {}, metadata }],
      'no_stream',
    );
    await eventually(async () => (await r.positions()).every((row) => row.lag === 0 && row.position === '32'), 3_000, 'lag 0');
  });

  it('retries a failing batch with backoff without holding up the other read models, and loses nothing', async () => {
    const { store, control } = flakyReadStore(reads);
    control.failDeals = 5; // the shared batch, the deals part alone, then three tries on its own
    await seedSigningLog(events, { processes: 10 });
    const r = start(store);
    const statuses = new Set<string>();
    await eventually(
      async () => {
        const deals = (await r.positions()).find((row) => row.name === 'deals')!;
        statuses.add(deals.status);
        return deals.status === 'live' && deals.lag === 0;
      },
      5_000,
      'deals to recover',
    );
    expect(statuses.has('retrying')).toBeTrue();
    expect(control.failDeals).toBe(0);
    expect((await reads.findDeals({ sort: { field: 'createdAt', descending: false }, page: 1, pageSize: 100 })).total).toBe(10);
  });

  it('reads the log once for every read model; one that failed goes on alone and rejoins once caught up', async () => {
    const { store: reading, control: subscriptions } = countingSubscriptions(events);
    const { store, control } = flakyReadStore(reads);
    const r = new ProjectionRunner({
      eventStore: reading,
      readStore: store,
      projections: ALL_PROJECTIONS,
      logger: silent,
      batchSize: 25,
      retry: fastRetry,
    });
    runner = r;
    const first = await seedSigningLog(events, { processes: 5 });
    r.start();
    await eventually(() => caughtUp(r), 5_000, 'catch-up');
    expect(subscriptions.opened).withContext('one subscription for the four read models').toBe(1);

    control.failDeals = 2; // the shared batch, then the deals part alone: deals leaves the reading
    const second = await seedSigningLog(events, { processes: 5 });
    await eventually(() => subscriptions.opened === 2, 3_000, 'deals on its own subscription');
    // the others were applied without it
    await eventually(async () => (await reads.trail(second.processIds[4]!)).length > 0, 3_000, 'the trail goes on');
    await eventually(async () => (await caughtUp(r)) && subscriptions.open === 1, 3_000, 'deals to recover and rejoin');
    expect(control.failDeals).toBe(0);

    const third = await seedSigningLog(events, { processes: 2 });
    const head = (await events.headPosition())!;
    await eventually(async () => (await caughtUp(r)) && r.position('deals') === head, 3_000, 'the rejoined deals to follow');
    expect(subscriptions.open).toBe(1);
    const ids = [...first.processIds, ...second.processIds, ...third.processIds];
    const dump = await dumpReadModels(reads, ids);
    expect(dump.deals.map((deal) => deal.processId).sort()).toEqual([...ids].sort());
    expect(Object.values(dump.trails).reduce((n, trail) => n + trail.length, 0)).toBe(first.events + second.events + third.events);
  });

  it('stops a read model at a corrupt event, saying which, while the trail (which never parses) goes on', async () => {
    const seeded = await seedSigningLog(events, { processes: 3, outcomeOf: () => 'code_sent' });
    const streamId = signingStreamName(seeded.processIds[1]!);
    const [last] = await events.readStream(streamId, { backwards: true, maxCount: 1 });
    const context = { ...last!.metadata, occurredAt: new Date().toISOString() };
    const corrupt = chainEvents(streamId, last!, [{ type: 'SignatureCodeRejected', data: { codeId: 'c', attemptsLeft: 'x' }, context }]);
    await events.appendToStream(streamId, corrupt, last!.revision);
    const r = start();
    await eventually(
      async () => {
        const rows = await r.positions();
        const deals = rows.find((row) => row.name === 'deals')!;
        const trail = rows.find((row) => row.name === 'audit_trail')!;
        return deals.status === 'retrying' && trail.status === 'live' && trail.lag === 0;
      },
      5_000,
      'the deals lane to stop at the corrupt event',
    );
    const deals = (await r.positions()).find((row) => row.name === 'deals')!;
    expect(deals.error).toContain(`stream ${streamId} at revision ${last!.revision + 1}`);
    expect(deals.error).toContain('data.attemptsLeft');
    expect((await reads.trail(seeded.processIds[1]!)).at(-1)?.data).toEqual({ codeId: 'c', attemptsLeft: 'x' });
  });

  it('applies a batch again after a restart from an older checkpoint without doubling anything (at-least-once)', async () => {
    const seeded = await seedSigningLog(events, { processes: 12, outcomeOf: (i) => (i % 2 ? 'declined' : 'full') });
    const r = start();
    await eventually(() => caughtUp(r), 5_000, 'catch-up');
    const once = await dumpReadModels(reads, seeded.processIds);
    await r.stop();

    const { store, control } = flakyReadStore(reads);
    control.forgetCheckpoints = true; // as after a crash that lost the checkpoint writes: replay everything
    const again = start(store);
    await eventually(() => control.appliedDeals === seeded.events, 5_000, 'the replay');
    await eventually(() => caughtUp(again), 5_000, 'catch-up');
    expect(await dumpReadModels(reads, seeded.processIds)).toEqual(once);
    expect(Object.values(once.trails).reduce((n, trail) => n + trail.length, 0)).toBe(seeded.events);
  });

  it('rebuilds a read model while serving and goes on from the rebuilt checkpoint', async () => {
    const seeded = await seedSigningLog(events, { processes: 40 });
    const r = start();
    await eventually(() => caughtUp(r), 5_000, 'catch-up');
    const before = await dumpReadModels(reads, seeded.processIds);

    const progress: number[] = [];
    const rebuilding = r.rebuild('deals', (p) => progress.push(p.fraction));
    expect(r.isRebuilding('deals')).toBeTrue();
    expect(() => r.requestRebuild('deals')).toThrowError(RebuildInProgress);
    // the system keeps writing and serving meanwhile
    const during = await seedSigningLog(events, { processes: 5 });
    expect(await reads.getDeal(seeded.processIds[0]!)).not.toBeNull();
    const report = await rebuilding;
    expect(r.isRebuilding('deals')).toBeFalse();
    expect(progress.at(-1)).toBe(1);
    expect(report.projections).toEqual(['deals']);

    const more = await seedSigningLog(events, { processes: 2 });
    const head = (await events.headPosition())!;
    await eventually(async () => (await caughtUp(r)) && r.position('deals') === head, 5_000, 'catch-up after the rebuild');
    const after = await dumpReadModels(reads, [...seeded.processIds, ...during.processIds, ...more.processIds]);
    expect(after.deals.length).toBe(47);
    expect(after.deals.filter((deal) => seeded.processIds.includes(deal.processId))).toEqual(before.deals);
  });

  it('refuses to rebuild a read model it does not know', () => {
    const r = start();
    expect(() => r.requestRebuild('nope')).toThrowError(UnknownProjection);
  });

  it('stops every lane', async () => {
    await seedSigningLog(events, { processes: 2 });
    const r = start();
    await eventually(() => caughtUp(r), 3_000, 'catch-up');
    await r.stop();
    expect((await r.positions()).every((row) => row.status === 'stopped')).toBeTrue();
    await seedSigningLog(events, { processes: 1 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await r.positions()).every((row) => row.lag === 8)).toBeTrue();
  });
});
