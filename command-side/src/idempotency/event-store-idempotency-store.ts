import { createHash } from 'node:crypto';
import { systemActor } from '@e-contract/contracts';
import { parseCommandAnswerRecorded } from '@e-contract/contracts/events';
import { appendChained, readLastEvent, type EventStore } from '@e-contract/platform/event-store';
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
    const last = await readLastEvent(this.store, streamOf(scope, key));
    return last ? this.liveAnswerOf(parseCommandAnswerRecorded(last).data) : null;
  }

  async save(scope: string, key: string, answer: StoredAnswer): Promise<void> {
    const context = {
      actor: systemActor('idempotency'),
      occurredAt: answer.recordedAt,
      ip: null,
      userAgent: null,
      correlationId: null,
      causationId: null,
    };
    await appendChained(this.store, streamOf(scope, key), {
      // A second try finds the answer a concurrent retry recorded first, and keeps it.
      maxAttempts: 2,
      decide: ({ last }) =>
        last && this.liveAnswerOf(parseCommandAnswerRecorded(last).data)
          ? { done: undefined }
          : { append: [{ type: 'CommandAnswerRecorded', data: answer, context }], outcome: () => undefined },
    });
  }

  /** An answer older than 24 h counts as absent. */
  private liveAnswerOf(answer: StoredAnswer): StoredAnswer | null {
    return this.clock().getTime() - Date.parse(answer.recordedAt) < IDEMPOTENCY_TTL_MS ? answer : null;
  }
}

const streamOf = (scope: string, key: string): string => `idempotency-${createHash('sha256').update(`${scope}\n${key}`).digest('hex')}`;
