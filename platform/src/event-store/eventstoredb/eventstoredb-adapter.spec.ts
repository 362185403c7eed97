import { DeadlineExceededError } from '@eventstore/db-client';
import type { RecordedEvent } from '@e-contract/contracts';
import { newEvent } from '../../testing/event-store.contract.js';
import { MAX_APPEND_BYTES } from '../append-size.js';
import { AppendTooLarge, EventStoreUnavailable } from '../event-store-errors.js';
import { WrongExpectedRevision } from '../event-store.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { LOG_IDENTITY_STREAM } from './esdb-log-identity.js';
import { FakeEventStoreDbClient } from './fake-eventstoredb-client.js';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/**
 * The adapter's own logic over a stand-in client (fake-eventstoredb-client.ts): what it sends, how
 * it reads the answers. Against a real server: the contract suites with `EVENTSTORE_URL`.
 */
describe('EventStoreDbEventStore over a stand-in client', () => {
  let client: FakeEventStoreDbClient;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    client = new FakeEventStoreDbClient();
    store = new EventStoreDbEventStore(client.asClient(), { appendDeadlineMs: 3_000 });
  });

  describe('appending', () => {
    it('sends appends to the leader with its own deadline', async () => {
      await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
      expect(client.appends[0]!.options).toEqual(
        jasmine.objectContaining({ requiresLeader: true, deadline: 3_000, expectedRevision: 'no_stream' }),
      );
      await store.readStream('signing-p1');
      expect(client.reads.at(-1)!.options).toEqual(jasmine.objectContaining({ requiresLeader: true }));
    });

    it('refuses an append over the limit before sending it', async () => {
      const large = newEvent('Large', { text: 'x'.repeat(MAX_APPEND_BYTES) });
      await expectAsync(store.appendToStream('signing-p1', [large], 'no_stream')).toBeRejectedWith(jasmine.any(AppendTooLarge));
      const lowered = new EventStoreDbEventStore(client.asClient(), { maxAppendBytes: 1_000 });
      await expectAsync(lowered.appendToStream('signing-p1', [newEvent('A', { text: 'x'.repeat(1_000) })], 'no_stream')).toBeRejectedWith(
        jasmine.any(AppendTooLarge),
      );
      expect(client.appends).toEqual([]);
    });

    it('answers a deadline as unavailable with an unknown outcome', async () => {
      client.appendAnswers.push(new DeadlineExceededError());
      const refused = store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
      await expectAsync(refused).toBeRejectedWith(jasmine.any(EventStoreUnavailable));
      expect(((await rejectionOf(refused)) as EventStoreUnavailable).outcomeUnknown).toBeTrue();
    });

    it('answers a repeat the server took with the stored position, after checking the stored events are these', async () => {
      const events = [newEvent('A'), newEvent('B')];
      const first = await store.appendToStream('signing-p1', events, 'no_stream');
      // The server's answer to a repeat: the end revision, and the position of the end event (or none, when not yet indexed).
      client.appendAnswers.push({ revision: 1n, position: BigInt(first.position) }, { revision: 1n });
      expect(await store.appendToStream('signing-p1', events, 'no_stream')).toEqual(first);
      expect(await store.appendToStream('signing-p1', events, 'no_stream')).toEqual(first);
      expect(client.reads.filter((read) => read.kind === 'stream').length).toBe(2);
    });

    it('refuses a "repeat" whose stored events differ: the same ids with other contents are a conflict', async () => {
      const original = newEvent('A', { amount: 1 });
      const first = await store.appendToStream('signing-p1', [original], 'no_stream');
      client.appendAnswers.push({ revision: 0n, position: BigInt(first.position) });
      const changed = { ...original, data: { amount: 2 } };
      const refused = store.appendToStream('signing-p1', [changed], 'no_stream');
      await expectAsync(refused).toBeRejectedWith(jasmine.any(WrongExpectedRevision));
      expect(((await rejectionOf(refused)) as WrongExpectedRevision).actual).toBe(0);
    });

    it('trusts a fresh position without reading back', async () => {
      await store.appendToStream('signing-p1', [newEvent('A')], 'no_stream');
      await store.appendToStream('signing-p1', [newEvent('B')], 0);
      expect(client.reads).toEqual([]);
    });
  });

  describe('identity', () => {
    it('writes a marker once and names the log by its id and position', async () => {
      const identity = await store.identity();
      const [marker] = client.log.filter((r) => r.streamId === LOG_IDENTITY_STREAM);
      expect(identity).toEqual({ kind: 'eventstoredb', id: `${marker!.id}@${marker!.position}` });
      expect(await new EventStoreDbEventStore(client.asClient()).identity()).toEqual(identity);
      expect(client.appends.length).toBe(1);
    });
  });

  describe('subscribing', () => {
    /** Runs a subscription in the background and records what it reports. */
    function follow(options: { after: string | null; streamPrefix?: string }) {
      const stop = new AbortController();
      const caughtUp: (string | null)[] = [];
      const events: RecordedEvent[] = [];
      const done = (async () => {
        for await (const batch of store.subscribe({ ...options, signal: stop.signal, onCaughtUp: (p) => caughtUp.push(p) }))
          events.push(...batch);
      })();
      return { caughtUp, events, stop: () => (stop.abort(), done) };
    }
    const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

    it('reports the head as caught up when the log ends with records the filter skips', async () => {
      const wanted = client.record('signing-a', 'A');
      const skipped = client.record('edo-person-x', 'Pointer');
      client.record('$stats-node', '$statistics-collected');
      const sub = follow({ after: null, streamPrefix: 'signing-' });
      await settle();
      client.subscriptions[0]!.deliver(wanted);
      await settle();
      expect(sub.events.map((e) => e.type)).toEqual(['A']);
      // No filter checkpoint came (the server sends one every 32 records): the tail of $all says how far.
      expect(sub.caughtUp.at(-1)).toBe(String(skipped.position));
      await sub.stop();
    });

    it('does not report caught up while an event is still on its way, only once it has arrived', async () => {
      const a = client.record('signing-a', 'A');
      const b = client.record('signing-b', 'B');
      const sub = follow({ after: null, streamPrefix: 'signing-' });
      await settle();
      client.subscriptions[0]!.deliver(a);
      await settle();
      expect(sub.events.length).toBe(1);
      expect(sub.caughtUp).toEqual([]);
      client.subscriptions[0]!.deliver(b);
      await settle();
      expect(sub.events.map((e) => e.type)).toEqual(['A', 'B']);
      expect(sub.caughtUp).toEqual([String(b.position)]);
      await sub.stop();
    });

    it('moves on with the filter checkpoints, and unsubscribes when stopped', async () => {
      const sub = follow({ after: null, streamPrefix: 'signing-' });
      await settle();
      expect(sub.caughtUp).toEqual([null]);
      const other = client.record('other', 'O');
      client.subscriptions[0]!.checkpoint(other.position);
      await settle();
      expect(sub.caughtUp.at(-1)).toBe(String(other.position));
      await sub.stop();
      expect(client.subscriptions[0]!.unsubscribed).toBeTrue();
    });
  });
});
