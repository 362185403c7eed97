import { DeadlineExceededError } from '@eventstore/db-client';
import { newEvent } from '../testing/event-store.contract.js';
import { appendChained, type Fact } from './chained-append.js';
import { EventStoreUnavailable } from './event-store-errors.js';
import type { AppendResult, EventStore, NewEvent } from './event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

const fact = (type: string): Fact => ({
  type,
  data: { type },
  context: {
    actor: { id: 'manager-1', role: 'manager' },
    occurredAt: '2026-11-25T08:00:00.000Z',
    ip: null,
    userAgent: null,
    correlationId: null,
    causationId: null,
  },
});

const unknownOutcome = () => new EventStoreUnavailable('append', true, new DeadlineExceededError());

/** The SQLite store, except that chosen appends fail after — or instead of — being written. */
function flakyStore(store: SqliteEventStore, failures: ('after-writing' | 'before-writing')[]) {
  const sent: NewEvent[][] = [];
  const flaky: Pick<EventStore, 'readStream' | 'appendToStream'> = {
    readStream: (streamId, options) => store.readStream(streamId, options),
    async appendToStream(streamId, events, expected): Promise<AppendResult> {
      sent.push(events);
      const failure = failures.shift();
      if (failure === 'before-writing') throw unknownOutcome();
      const result = await store.appendToStream(streamId, events, expected);
      if (failure === 'after-writing') throw unknownOutcome();
      return result;
    },
  };
  return { flaky, sent };
}

describe('appendChained when the store cannot confirm an append', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });
  afterEach(() => store.close());
  const decideOnce = { decide: () => ({ append: [fact('A')], outcome: (result: AppendResult) => result }), unavailableRetryDelayMs: 1 };

  it('sends the very same events again: a first append that was written after all is answered, not doubled', async () => {
    await store.appendToStream('signing-p1', [newEvent('Created')], 'no_stream');
    const { flaky, sent } = flakyStore(store, ['after-writing']);
    const result = await appendChained(flaky, 'signing-p1', decideOnce);
    expect(sent.length).toBe(2);
    expect(sent[1]).toBe(sent[0]!);
    expect((await store.readStream('signing-p1')).map((e) => e.type)).toEqual(['Created', 'A']);
    expect(result).toEqual({ revision: 1, position: (await store.headPosition())! });
  });

  it('appends on the second try when the first was not written', async () => {
    const { flaky } = flakyStore(store, ['before-writing']);
    await appendChained(flaky, 'signing-p1', decideOnce);
    expect((await store.readStream('signing-p1')).map((e) => e.type)).toEqual(['A']);
  });

  it('gives up after the second failure and reports nothing as done', async () => {
    const { flaky, sent } = flakyStore(store, ['before-writing', 'before-writing']);
    const outcome = jasmine.createSpy('outcome');
    await expectAsync(
      appendChained(flaky, 'signing-p1', { decide: () => ({ append: [fact('A')], outcome }), unavailableRetryDelayMs: 1 }),
    ).toBeRejectedWith(jasmine.any(EventStoreUnavailable));
    expect(sent.length).toBe(2);
    expect(outcome).not.toHaveBeenCalled();
  });
});
