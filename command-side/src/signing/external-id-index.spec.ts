import { randomUUID } from 'node:crypto';
import { signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import { parseExternalIdEvent } from '@e-contract/contracts/events';
import { chainEvents } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { ABANDONED_CLAIM_MS, ExternalIdIndex, decideClaim } from './external-id-index.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const T0 = new Date('2026-11-25T08:00:00.000Z');
const context = {
  actor: { id: 'integration:i1', role: 'integration' as const },
  ip: null,
  userAgent: null,
  correlationId: null,
  causationId: null,
};

describe('externalId: decideClaim', () => {
  const claimed = (processId: string, occurredAt = T0.toISOString()) =>
    parseExternalIdEvent({
      eventId: 'e1',
      streamId: 'external-id-x',
      revision: 0,
      position: '1',
      type: 'ExternalIdClaimed',
      data: { processId },
      metadata: { ...context, occurredAt, schemaVersion: 1, prevHash: '0'.repeat(64), hash: '1'.repeat(64) },
    } satisfies RecordedEvent);
  const later = (ms: number) => new Date(T0.getTime() + ms);

  it('claims a free id, and one its process released', () => {
    expect(decideClaim(null, 'p1', { now: T0, holderExists: false })).toBe('claim');
    expect(decideClaim({ ...claimed('p1'), type: 'ExternalIdReleased' }, 'p2', { now: T0, holderExists: false })).toBe('claim');
  });

  it('keeps an id its own process holds (a retry with the same processId)', () => {
    expect(decideClaim(claimed('p1'), 'p1', { now: later(60_000), holderExists: true })).toBe('ours');
  });

  it('names the process that holds it, also one being created right now', () => {
    expect(decideClaim(claimed('p1'), 'p2', { now: later(60_000), holderExists: true })).toEqual({ heldBy: 'p1' });
    expect(decideClaim(claimed('p1'), 'p2', { now: later(ABANDONED_CLAIM_MS), holderExists: false })).toEqual({ heldBy: 'p1' });
  });

  it('takes over a claim whose process never appeared, once it is old enough', () => {
    expect(decideClaim(claimed('p1'), 'p2', { now: later(ABANDONED_CLAIM_MS + 1), holderExists: false })).toBe('claim');
  });
});

describe('externalId: ExternalIdIndex over the event store', () => {
  let store: SqliteEventStore;
  let now: Date;
  let index: ExternalIdIndex;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    now = T0;
    index = new ExternalIdIndex(store, SECRET, () => now);
  });
  afterEach(() => store.close());

  const createProcess = async (processId: string) =>
    store.appendToStream(
      signingStreamName(processId),
      chainEvents(signingStreamName(processId), null, [
        { type: 'SigningCancelled', data: { reason: 'x' }, context: { ...context, occurredAt: T0.toISOString() } },
      ]),
      'no_stream',
    );

  it('names its streams by an HMAC of the scope and the id: never the id, another per scope and per secret', () => {
    const stream = index.streamOf('integration:i1', '500100732259');
    expect(stream).toMatch(/^external-id-[0-9a-f]{64}$/);
    expect(stream).not.toContain('500100732259');
    expect(index.streamOf('branch:msk', '500100732259')).not.toBe(stream);
    expect(new ExternalIdIndex(store, `${SECRET}2`).streamOf('integration:i1', '500100732259')).not.toBe(stream);
    expect(index.streamOf('integration:i1', '500100732259')).toBe(stream);
  });

  it('gives an id to the first process; the same process again keeps it; another hears who has it', async () => {
    expect(await index.claim('integration:i1', 'CRM-1', 'p1', context)).toEqual({ held: true, fresh: true });
    await createProcess('p1');
    expect(await index.claim('integration:i1', 'CRM-1', 'p1', context)).toEqual({ held: true, fresh: false });
    expect(await index.claim('integration:i1', 'CRM-1', 'p2', context)).toEqual({ held: false, processId: 'p1' });
    expect(await index.claim('integration:i2', 'CRM-1', 'p3', context)).toEqual({ held: true, fresh: true });
  });

  it('lets exactly one of many racing requests have an id', async () => {
    const processIds = Array.from({ length: 8 }, () => randomUUID());
    const outcomes = await Promise.all(processIds.map((processId) => index.claim('branch:msk', 'CRM-7', processId, context)));
    const winners = outcomes.filter((outcome) => outcome.held);
    expect(winners.length).toBe(1);
    const winner = processIds[outcomes.findIndex((outcome) => outcome.held)];
    expect(outcomes.filter((outcome) => !outcome.held)).toEqual(processIds.slice(1).map(() => ({ held: false, processId: winner! })));
  });

  it('frees an id whose process could not be created, for the next request', async () => {
    await index.claim('branch:msk', 'CRM-9', 'p1', context);
    await index.release('branch:msk', 'CRM-9', 'p1', context);
    expect(await index.claim('branch:msk', 'CRM-9', 'p2', context)).toEqual({ held: true, fresh: true });
    // A release by a process that no longer holds it changes nothing.
    await index.release('branch:msk', 'CRM-9', 'p1', context);
    expect(await index.claim('branch:msk', 'CRM-9', 'p3', context)).toEqual({ held: false, processId: 'p2' });
  });

  it('takes over a claim abandoned by a creation that died before its process', async () => {
    await index.claim('branch:msk', 'CRM-5', 'p1', context);
    now = new Date(T0.getTime() + ABANDONED_CLAIM_MS + 1);
    expect(await index.claim('branch:msk', 'CRM-5', 'p2', context)).toEqual({ held: true, fresh: true });
    const events = await store.readStream(index.streamOf('branch:msk', 'CRM-5'));
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['ExternalIdClaimed', { processId: 'p1' }],
      ['ExternalIdClaimed', { processId: 'p2' }],
    ]);
  });
});
