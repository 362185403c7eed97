import { randomUUID } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '@e-contract/contracts';
import { MAX_APPEND_BYTES, appendSize } from '../event-store/append-size.js';
import { AppendTooLarge } from '../event-store/event-store-errors.js';
import { WrongExpectedRevision, type AppendResult, type EventStore, type NewEvent } from '../event-store/event-store.js';

/**
 * The one contract every `EventStore` adapter passes. Each spec uses streams of its own (random
 * names) and only looks at events it wrote, so the suite also runs against a shared live server.
 *
 * @param makeStore a store for one spec (a fresh or a shared database, the suite does not care)
 * @param disposeStore what to do with it after the spec; closes it when left out
 */
export function eventStoreContract(
  adapterName: string,
  makeStore: () => Promise<EventStore>,
  disposeStore: (store: EventStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await disposeStore(store);
    });

    describe('appending and reading one stream', () => {
      it('appends to a new stream with no_stream, numbering revisions from 0', async () => {
        const stream = streamName('new');
        const result = await store.appendToStream(stream, [newEvent('A'), newEvent('B')], 'no_stream');
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.revision, e.type, e.streamId])).toEqual([
          [0, 'A', stream],
          [1, 'B', stream],
        ]);
        expect(result.revision).toBe(1);
      });

      it('continues a stream with contiguous revisions', async () => {
        const stream = streamName('contiguous');
        await store.appendToStream(stream, [newEvent('A')], 'no_stream');
        await store.appendToStream(stream, [newEvent('B'), newEvent('C')], 0);
        const last = await store.appendToStream(stream, [newEvent('D')], 2);
        expect(last.revision).toBe(3);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('reads from a revision, backwards and at most maxCount events', async () => {
        const stream = streamName('reads');
        await store.appendToStream(
          stream,
          ['E0', 'E1', 'E2', 'E3', 'E4'].map((type) => newEvent(type)),
          'no_stream',
        );
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream, options)).map((e) => e.revision);
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revisions({ backwards: true })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ backwards: true, maxCount: 2 })).toEqual([4, 3]);
        expect(await revisions({ backwards: true, fromRevision: 2 })).toEqual([2, 1, 0]);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
      });

      it('reads an unknown stream as an empty list', async () => {
        expect(await store.readStream(streamName('unknown'))).toEqual([]);
        expect(await store.readStream(streamName('unknown'), { backwards: true })).toEqual([]);
      });

      it('returns the revision and position of the last event, as read back', async () => {
        const stream = streamName('result');
        const result = await store.appendToStream(stream, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
        const last = (await store.readStream(stream)).at(-1)!;
        expect(result).toEqual({ revision: last.revision, position: last.position });
        expect(result.position).toMatch(/^\d+$/);
      });

      it('round-trips data and metadata exactly (nesting, Cyrillic text, nulls)', async () => {
        const stream = streamName('roundtrip');
        const data = {
          signer: { fullName: 'Иванов Иван Иванович', company: 'ООО «Ромашка»', inn: '7707083893', middleName: null },
          documents: [{ title: 'Договор № 15/2025 — приложение 1', sha256: 'ab'.repeat(32), pages: 3 }],
          note: '',
          flags: { archived: false, reused: true },
          amount: 1234.5,
          nothing: null,
        };
        const event = newEvent('SigningProcessCreated', data);
        event.metadata = { ...event.metadata, ip: null, userAgent: 'Mozilla/5.0 (Яндекс Браузер)', causationId: null };
        const before = await store.headPosition();
        await store.appendToStream(stream, [event], 'no_stream');
        const [fromStream] = await store.readStream(stream);
        expect(fromStream?.eventId).toBe(event.eventId);
        expect(fromStream?.data).toEqual(data);
        expect(fromStream?.metadata).toEqual(event.metadata);
        const fromAll = (await readAllOf(store, [stream], before)).at(0);
        expect(fromAll).toEqual(fromStream);
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses a wrong expected revision with the actual one, and appends nothing', async () => {
        const stream = streamName('wrong');
        await store.appendToStream(stream, [newEvent('A'), newEvent('B')], 'no_stream');
        const conflict = await conflictOf(store.appendToStream(stream, [newEvent('C')], 0));
        expect([conflict.streamId, conflict.expected, conflict.actual]).toEqual([stream, 0, 1]);
        expect(await conflictOf(store.appendToStream(stream, [newEvent('C')], 7))).toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('refuses no_stream on an existing stream', async () => {
        const stream = streamName('exists');
        await store.appendToStream(stream, [newEvent('A')], 'no_stream');
        const conflict = await conflictOf(store.appendToStream(stream, [newEvent('B')], 'no_stream'));
        expect([conflict.expected, conflict.actual]).toEqual(['no_stream', 0]);
        expect((await store.readStream(stream)).length).toBe(1);
      });

      it('refuses a revision on a stream that does not exist', async () => {
        const stream = streamName('missing');
        const conflict = await conflictOf(store.appendToStream(stream, [newEvent('A')], 0));
        expect(conflict.actual).toBe('no_stream');
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('appends with any whatever the stream is', async () => {
        const stream = streamName('any');
        await store.appendToStream(stream, [newEvent('A')], 'any');
        const result = await store.appendToStream(stream, [newEvent('B')], 'any');
        expect(result.revision).toBe(1);
      });

      it('leaves nothing of a conflicting multi-event append', async () => {
        const stream = streamName('atomic');
        const before = await store.headPosition();
        await store.appendToStream(stream, [newEvent('A')], 'no_stream');
        const refused = [newEvent('B'), newEvent('C'), newEvent('D')];
        await conflictOf(store.appendToStream(stream, refused, 'no_stream'));
        const ids = (await readAllOf(store, [stream], before)).map((e) => e.eventId);
        expect(ids.length).toBe(1);
        expect(ids).not.toContain(refused[0]!.eventId);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A']);
      });

      it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
        const stream = streamName('race');
        await store.appendToStream(stream, [newEvent('A')], 'no_stream');
        const contenders = [newEvent('B1'), newEvent('B2')];
        const outcomes = await Promise.allSettled(contenders.map((e) => store.appendToStream(stream, [e], 0)));
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners.length).toBe(1);
        expect(losers.length).toBe(1);
        expect(losers[0]).toBeInstanceOf(WrongExpectedRevision);
        expect((losers[0] as WrongExpectedRevision).actual).toBe(1);
        const winner = contenders[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([jasmine.any(String), winner.eventId]);
      });

      it('lets exactly one of two concurrent creations of the same stream win', async () => {
        const stream = streamName('race-create');
        const outcomes = await Promise.allSettled([1, 2].map(() => store.appendToStream(stream, [newEvent('A')], 'no_stream')));
        expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        const loser = outcomes.find((o) => o.status === 'rejected');
        expect(loser?.reason).toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream)).length).toBe(1);
      });
    });

    describe('repeating an append (its outcome was unknown)', () => {
      it('answers the first result and writes nothing when the same events are already where the append puts them', async () => {
        const stream = streamName('repeat');
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.appendToStream(stream, events, 'no_stream');
        expect(await store.appendToStream(stream, events, 'no_stream')).toEqual(first);
        const next = [newEvent('C')];
        const second = await store.appendToStream(stream, next, 1);
        // Also once the stream has moved on past them.
        expect(await store.appendToStream(stream, events, 'no_stream')).toEqual(first);
        expect(await store.appendToStream(stream, next, 1)).toEqual(second);
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([...events, ...next].map((e) => e.eventId));
      });

      it('answers the repeat of a copy of the events (the same ids and contents, other objects)', async () => {
        const stream = streamName('repeat-copy');
        const events = [newEvent('A', { nested: { list: [1, 'два', null] } })];
        const first = await store.appendToStream(stream, events, 'no_stream');
        const copy = JSON.parse(JSON.stringify(events)) as NewEvent[];
        expect(await store.appendToStream(stream, copy, 'no_stream')).toEqual(first);
        expect((await store.readStream(stream)).length).toBe(1);
      });

      it('refuses the same ids with other contents as a conflict, and keeps what was written', async () => {
        const stream = streamName('repeat-changed');
        const original = newEvent('A', { amount: 1 });
        await store.appendToStream(stream, [original], 'no_stream');
        const changed: NewEvent = { ...original, data: { amount: 2 } };
        const conflict = await conflictOf(store.appendToStream(stream, [changed], 'no_stream'));
        expect([conflict.expected, conflict.actual]).toEqual(['no_stream', 0]);
        const retyped: NewEvent = { ...original, type: 'B' };
        expect(await conflictOf(store.appendToStream(stream, [retyped], 'no_stream'))).toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{ amount: 1 }]);
      });

      it('refuses a repeat of only some of the events, or at other revisions, as a conflict', async () => {
        const stream = streamName('repeat-partial');
        const [a, b] = [newEvent('A'), newEvent('B')];
        await store.appendToStream(stream, [a, b], 'no_stream');
        expect(await conflictOf(store.appendToStream(stream, [a, newEvent('X')], 'no_stream'))).toBeInstanceOf(WrongExpectedRevision);
        expect(await conflictOf(store.appendToStream(stream, [b], 'no_stream'))).toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
      });
    });

    describe('limits', () => {
      it(`refuses an append over ${MAX_APPEND_BYTES} bytes before writing anything, and takes one at the limit`, async () => {
        const stream = streamName('large');
        const sized = (bytes: number) => {
          const event = newEvent('Large', { text: '' });
          const overhead = appendSize([event]);
          return { ...event, data: { text: 'я'.repeat(Math.floor((bytes - overhead) / 2)) + 'x'.repeat((bytes - overhead) % 2) } };
        };
        const tooLarge = [newEvent('Small'), sized(MAX_APPEND_BYTES - appendSize([newEvent('Small')]) + 1)];
        expect(appendSize(tooLarge)).toBe(MAX_APPEND_BYTES + 1);
        await expectAsync(store.appendToStream(stream, tooLarge, 'no_stream')).toBeRejectedWith(jasmine.any(AppendTooLarge));
        expect(await store.readStream(stream)).toEqual([]);
        const atLimit = sized(MAX_APPEND_BYTES);
        expect(appendSize([atLimit])).toBe(MAX_APPEND_BYTES);
        expect((await store.appendToStream(stream, [atLimit], 'no_stream')).revision).toBe(0);
      });
    });

    describe('identity', () => {
      it('names its log the same way every time it is asked', async () => {
        const identity = await store.identity();
        expect(['sqlite', 'eventstoredb']).toContain(identity.kind);
        expect(identity.id.length).toBeGreaterThan(0);
        expect(await store.identity()).toEqual(identity);
      });
    });

    describe('the global log', () => {
      it('orders events of every stream by strictly increasing positions', async () => {
        const [a, b] = [streamName('log-a'), streamName('log-b')];
        const before = await store.headPosition();
        const results: AppendResult[] = [];
        results.push(await store.appendToStream(a, [newEvent('A0')], 'no_stream'));
        results.push(await store.appendToStream(b, [newEvent('B0')], 'no_stream'));
        results.push(await store.appendToStream(a, [newEvent('A1')], 0));
        results.push(await store.appendToStream(b, [newEvent('B1')], 0));
        const logged = await readAllOf(store, [a, b], before);
        expect(logged.map((e) => e.type)).toEqual(['A0', 'B0', 'A1', 'B1']);
        expect(logged.map((e) => e.position)).toEqual(results.map((r) => r.position));
        expect(isStrictlyIncreasing(logged.map((e) => e.position))).toBeTrue();
      });

      it('reads exactly the events after a position, up to maxCount', async () => {
        const stream = streamName('after');
        const before = await store.headPosition();
        await store.appendToStream(stream, [newEvent('E0'), newEvent('E1'), newEvent('E2')], 'no_stream');
        // One append is contiguous in the log: nobody else's event sits between these three.
        const [e0, e1, e2] = await store.readStream(stream);
        expect(await store.readAll({ after: e0!.position, maxCount: 1 })).toEqual([e1!]);
        expect(await store.readAll({ after: e0!.position, maxCount: 2 })).toEqual([e1!, e2!]);
        expect(await readAllOf(store, [stream], e0!.position)).toEqual([e1!, e2!]);
        expect(await readAllOf(store, [stream], e2!.position)).toEqual([]);
        expect((await readAllOf(store, [stream], before)).map((e) => e.eventId)).toEqual([e0!.eventId, e1!.eventId, e2!.eventId]);
      });

      it('reports the head position: that of the last append, or later on a shared store', async () => {
        const result = await store.appendToStream(streamName('head'), [newEvent('A')], 'no_stream');
        const head = await store.headPosition();
        expect(head).toMatch(/^\d+$/);
        expect(BigInt(head!) >= BigInt(result.position)).toBeTrue();
      });

      it('commits many concurrent appends to distinct streams, each at its own position', async () => {
        const streams = Array.from({ length: 50 }, (_, i) => streamName(`many-${i}`));
        const results = await Promise.all(streams.map((s) => store.appendToStream(s, [newEvent('A')], 'no_stream')));
        expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
        expect(results.every((r) => r.revision === 0)).toBeTrue();
        const readBack = await Promise.all(streams.map((s) => store.readStream(s)));
        expect(readBack.map((events) => events[0]?.position)).toEqual(results.map((r) => r.position));
      });

      it('answers a ping', async () => {
        expect(await store.ping()).toBeTrue();
      });
    });
  });
}

function streamName(purpose: string): string {
  return `contract-${purpose}-${randomUUID()}`;
}

/** An event to append in specs: valid metadata, placeholder hashes (stores do not check the chain). */
export function newEvent(type: string, data: unknown = { at: type }): NewEvent {
  const metadata: EventMetadata = {
    actor: { id: 'manager-1', role: 'manager' },
    occurredAt: new Date().toISOString(),
    ip: '203.0.113.7',
    userAgent: 'contract-spec',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
  return { eventId: randomUUID(), type, data, metadata };
}

/** The events of these streams in the global log (after `after`), ignoring everybody else's. */
async function readAllOf(store: EventStore, streams: string[], after?: string | null): Promise<RecordedEvent[]> {
  const events = await store.readAll(after == null ? {} : { after });
  return events.filter((e) => streams.includes(e.streamId));
}

async function conflictOf(append: Promise<unknown>): Promise<WrongExpectedRevision> {
  try {
    await append;
  } catch (error) {
    if (error instanceof WrongExpectedRevision) return error;
    throw error;
  }
  throw new Error('expected a WrongExpectedRevision, but the append succeeded');
}

function isStrictlyIncreasing(positions: string[]): boolean {
  return positions.every((p, i) => i === 0 || BigInt(p) > BigInt(positions[i - 1]!));
}
