import { createHash } from 'node:crypto';
import { systemActor } from '@e-contract/contracts';
import { parseCommandAnswerRecorded } from '@e-contract/contracts/events';
import { chainEvents } from '../event-store/chained-events.js';
import { WrongExpectedRevision, type EventStore } from '../event-store/event-store.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyStore, type StoredAnswer } from './idempotency-store.js';

/**
 * Keeps answers in the event store itself — one short stream per scope and key — so that it works
 * on every event-store adapter and needs no other database. The stream name is a hash: keys and
 * caller ids never appear in it. An answer older than 24 h counts as absent; a newer answer for an
 * expired key is appended after it.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async find(scope: string, key: string): Promise<StoredAnswer | null> {
    const [last] = await this.store.readStream(streamOf(scope, key), { backwards: true, maxCount: 1 });
    if (!last) return null;
    const answer: StoredAnswer = parseCommandAnswerRecorded(last).data;
    return this.clock().getTime() - Date.parse(answer.recordedAt) < IDEMPOTENCY_TTL_MS ? answer : null;
  }

  async save(scope: string, key: string, answer: StoredAnswer): Promise<void> {
    const streamId = streamOf(scope, key);
    const [last] = await this.store.readStream(streamId, { backwards: true, maxCount: 1 });
    if (last && this.clock().getTime() - Date.parse(parseCommandAnswerRecorded(last).data.recordedAt) < IDEMPOTENCY_TTL_MS) return;
    const context = {
      actor: systemActor('idempotency'),
      occurredAt: answer.recordedAt,
      ip: null,
      userAgent: null,
      correlationId: null,
      causationId: null,
    };
    const events = chainEvents(streamId, last ?? null, [{ type: 'CommandAnswerRecorded', data: answer, context }]);
    try {
      await this.store.appendToStream(streamId, events, last ? last.revision : 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error; // a concurrent retry recorded it first
    }
  }
}

const streamOf = (scope: string, key: string): string => `idempotency-${createHash('sha256').update(`${scope}\n${key}`).digest('hex')}`;
