import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@e-contract/contracts';
import type { AppendResult, EventStore } from './event-store.js';
import { newEvent } from '../testing/event-store.contract.js';
import { onLiveEventStoreDb } from '../testing/live-eventstoredb.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import type { EventSubscriber, SubscribeOptions } from './subscription.js';

type SubscribableStore = EventStore & EventSubscriber;

/** Consumes a subscription in the background, so that a spec can append and wait for what arrives. */
class Tail {
  readonly batches: RecordedEvent[][] = [];
  readonly caughtUp: (string | null)[] = [];
  /** How many events had been handed out at each `onCaughtUp`. */
  readonly eventsAtCaughtUp: number[] = [];
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  constructor(store: EventSubscriber, options: Omit<SubscribeOptions, 'signal'>) {
    const iteration = store.subscribe({
      ...options,
      signal: this.controller.signal,
      onCaughtUp: (position) => {
        this.caughtUp.push(position);
        this.eventsAtCaughtUp.push(this.events.length);
        this.notify();
      },
    });
    this.done = (async () => {
      for await (const batch of iteration) {
        this.batches.push(batch);
        this.notify();
      }
    })();
    this.done.catch(() => undefined).finally(() => this.notify());
  }

  get events(): RecordedEvent[] {
    return this.batches.flat();
  }

  /** Resolves once `condition` holds, checked after every batch and catch-up; fails after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs = 4000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${this.events.length} events`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

/** What every `EventSubscriber` adapter does; each spec on streams of its own prefix (shared servers). */
function subscriptionContract(
  adapterName: string,
  makeStore: () => Promise<SubscribableStore>,
  disposeStore: (store: SubscribableStore) => Promise<void>,
) {
  describe(`EventSubscriber contract: ${adapterName}`, () => {
    let store: SubscribableStore;
    let prefix: string;
    const tails: Tail[] = [];
    beforeEach(async () => {
      store = await makeStore();
      prefix = `sub${randomUUID().slice(0, 8)}-`;
    });
    afterEach(async () => {
      await Promise.all(tails.splice(0).map((tail) => tail.stop().catch(() => undefined)));
      await disposeStore(store);
    });
    const tail = (options: Omit<SubscribeOptions, 'signal'>) => {
      const started = new Tail(store, options);
      tails.push(started);
      return started;
    };

    it('hands out the events already in the log in global order, in batches of at most batchSize, then new ones as they come', async () => {
      for (const n of [1, 2, 3]) await store.appendToStream(`${prefix}${n}`, [newEvent(`A${n}`), newEvent(`B${n}`)], 'no_stream');
      const subscription = tail({ after: null, streamPrefix: prefix, batchSize: 4 });
      await subscription.until(() => subscription.events.length === 6);
      expect(subscription.events.map((e) => e.type)).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
      expect(subscription.batches.every((batch) => batch.length <= 4)).toBeTrue();
      expect(subscription.batches.length).toBeGreaterThanOrEqual(2);

      await store.appendToStream(`${prefix}2`, [newEvent('C2')], 1);
      await store.appendToStream(`${prefix}4`, [newEvent('A4')], 'no_stream');
      await subscription.until(() => subscription.events.length === 8);
      expect(subscription.events.slice(6).map((e) => [e.type, e.streamId, e.revision])).toEqual([
        ['C2', `${prefix}2`, 2],
        ['A4', `${prefix}4`, 0],
      ]);
      const positions = subscription.events.map((e) => BigInt(e.position));
      expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBeTrue();
    });

    it('starts strictly after the given position', async () => {
      await store.appendToStream(`${prefix}1`, [newEvent('A'), newEvent('B')], 'no_stream');
      const second = await store.appendToStream(`${prefix}1`, [newEvent('C')], 1);
      await store.appendToStream(`${prefix}1`, [newEvent('D')], 2);
      const [, b] = await store.readStream(`${prefix}1`);
      const subscription = tail({ after: b!.position, streamPrefix: prefix });
      await subscription.until(() => subscription.events.length === 2);
      expect(subscription.events.map((e) => e.type)).toEqual(['C', 'D']);
      expect(subscription.events[0]!.position).toBe(second.position);
    });

    it('leaves out the streams that do not start with streamPrefix, and reports the position it has looked up to', async () => {
      const wanted = await store.appendToStream(`${prefix}wanted`, [newEvent('Wanted')], 'no_stream');
      const other = await store.appendToStream(`other${prefix}`, [newEvent('Other')], 'no_stream');
      const subscription = tail({ after: null, streamPrefix: prefix });
      await subscription.until(() => subscription.caughtUp.some((p) => p !== null && BigInt(p) >= BigInt(other.position)));
      expect(subscription.events.map((e) => e.type)).toEqual(['Wanted']);
      expect(subscription.events[0]!.position).toBe(wanted.position);
    });

    it('hands out only the types asked for, and reports the others as looked at', async () => {
      await store.appendToStream(`${prefix}1`, [newEvent('Created'), newEvent('Noise')], 'no_stream');
      await store.appendToStream(`${prefix}2`, [newEvent('Noise'), newEvent('Reissued')], 'no_stream');
      const last = await store.appendToStream(`${prefix}3`, [newEvent('Noise')], 'no_stream');
      const subscription = tail({ after: null, streamPrefix: prefix, types: ['Created', 'Reissued'], batchSize: 1 });
      await subscription.until(() => subscription.caughtUp.some((p) => p !== null && BigInt(p) >= BigInt(last.position)));
      expect(subscription.events.map((e) => [e.streamId, e.type])).toEqual([
        [`${prefix}1`, 'Created'],
        [`${prefix}2`, 'Reissued'],
      ]);
      await store.appendToStream(`${prefix}3`, [newEvent('Noise'), newEvent('Created')], 0);
      await subscription.until(() => subscription.events.length === 3);
      expect(subscription.events[2]!.type).toBe('Created');
    });

    it('reports caught up only once it has handed out everything appended before it started, at or past the head', async () => {
      let last = null as AppendResult | null;
      for (let chunk = 0; chunk < 6; chunk += 1) {
        const events = Array.from({ length: 100 }, (_, i) => newEvent(`E${chunk * 100 + i}`));
        last = await store.appendToStream(`${prefix}1`, events, chunk === 0 ? 'no_stream' : last!.revision);
      }
      const skipped = await store.appendToStream(`other${prefix}`, [newEvent('Other')], 'no_stream');
      const subscription = tail({ after: null, streamPrefix: prefix, batchSize: 50 });
      await subscription.until(() => subscription.caughtUp.length > 0, 10_000);
      expect(subscription.eventsAtCaughtUp[0]).toBe(600);
      expect(BigInt(subscription.caughtUp[0]!) >= BigInt(skipped.position)).toBeTrue();
    });

    it('ends the iteration when the signal aborts, also while waiting for new events', async () => {
      await store.appendToStream(`${prefix}1`, [newEvent('A')], 'no_stream');
      const subscription = tail({ after: null, streamPrefix: prefix });
      await subscription.until(() => subscription.events.length === 1 && subscription.caughtUp.length > 0);
      await expectAsync(subscription.stop()).toBeResolved();
      await store.appendToStream(`${prefix}1`, [newEvent('B')], 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(subscription.events.length).toBe(1);
    });

    it('hands out the next batch only when the consumer asks for it', async () => {
      await store.appendToStream(
        `${prefix}1`,
        Array.from({ length: 10 }, (_, i) => newEvent(`E${i}`)),
        'no_stream',
      );
      const controller = new AbortController();
      const subscription = store.subscribe({ after: null, streamPrefix: prefix, batchSize: 3, signal: controller.signal });
      const iterator = subscription[Symbol.asyncIterator]();
      const first = (await iterator.next()).value as RecordedEvent[];
      const second = (await iterator.next()).value as RecordedEvent[];
      expect(first.length).toBeLessThanOrEqual(3);
      expect(second.length).toBeLessThanOrEqual(3);
      const types = [...first, ...second].map((e) => e.type);
      expect(types).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5'].slice(0, types.length));
      controller.abort();
      await iterator.return?.();
    });
  });
}

const folder = mkdtempSync(join(tmpdir(), 'e-contract-subscription-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const databaseFile = () => join(folder, `${randomUUID()}.db`);

subscriptionContract(
  'SqliteEventStore',
  async () => SqliteEventStore.open(databaseFile()),
  (store) => store.close(),
);

describe('SqliteEventStore subscription', () => {
  let path: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    path = databaseFile();
  });
  afterEach(async () => {
    await store.close();
  });

  it('is woken at once by an append through the same store, not by its poll', async () => {
    store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
    const subscription = new Tail(store, { after: null });
    await subscription.until(() => subscription.caughtUp.length > 0);
    const startedAt = Date.now();
    await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
    await subscription.until(() => subscription.events.length === 1, 1000);
    expect(Date.now() - startedAt).toBeLessThan(500);
    await subscription.stop();
  });

  it('polls for events another process appends to the same file', async () => {
    store = SqliteEventStore.open(path, { pollIntervalMs: 50 });
    const otherProcess = SqliteEventStore.open(path);
    try {
      const subscription = new Tail(store, { after: null });
      await subscription.until(() => subscription.caughtUp.length > 0);
      await otherProcess.appendToStream('signing-p1', [newEvent('A'), newEvent('B')], 'no_stream');
      await subscription.until(() => subscription.events.length === 2, 2000);
      expect(subscription.events.map((e) => e.type)).toEqual(['A', 'B']);
      await subscription.stop();
    } finally {
      await otherProcess.close();
    }
  });

  it('reports the head as caught up when the log is empty or its tail was filtered out', async () => {
    store = SqliteEventStore.open(path);
    const subscription = new Tail(store, { after: null, streamPrefix: 'signing-' });
    await subscription.until(() => subscription.caughtUp.length > 0);
    expect(subscription.caughtUp[0]).toBeNull();
    const index = await store.appendToStream('edo-person-x', [newEvent('Pointer')], 'no_stream');
    await subscription.until(() => subscription.caughtUp.at(-1) === index.position);
    expect(subscription.events).toEqual([]);
    await subscription.stop();
  });

  it('fails the iteration when the store is closed under it', async () => {
    store = SqliteEventStore.open(path, { pollIntervalMs: 60_000 });
    const subscription = new Tail(store, { after: null });
    await subscription.until(() => subscription.caughtUp.length > 0);
    await store.close();
    await expectAsync(subscription.done).toBeRejectedWithError(/closed/);
  });

  it('refuses a batch size below 1', async () => {
    store = SqliteEventStore.open(path);
    const iterator = store.subscribe({ after: null, batchSize: 0, signal: new AbortController().signal });
    await expectAsync(iterator.next()).toBeRejectedWithError(RangeError);
  });
});

onLiveEventStoreDb('EventSubscriber contract', subscriptionContract);
