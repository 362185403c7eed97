import { randomUUID } from 'node:crypto';
import { SIGNING_EVENT_VERSIONS, isSigningEventType, type EventContext, type RecordedEvent } from '@e-contract/contracts';
import { GENESIS_HASH, chainBodyOf, chainHash } from '@e-contract/contracts/node';
import type { NewEvent } from './event-store.js';

/**
 * Turns facts into events ready to append at the end of a stream: each gets an id, its schema
 * version, the context (who, when, from where, why) and its link in the stream's hash chain.
 */
export function chainEvents(
  streamId: string,
  last: Pick<RecordedEvent, 'revision' | 'metadata'> | null,
  facts: readonly { type: string; data: unknown; context: EventContext }[],
): NewEvent[] {
  let prevHash = last?.metadata.hash ?? GENESIS_HASH;
  let revision = last ? last.revision : -1;
  return facts.map(({ type, data, context }) => {
    revision += 1;
    const body = chainBodyOf({ streamId, revision, type, data, metadata: context });
    const hash = chainHash(prevHash, body);
    const event: NewEvent = {
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        actor: context.actor,
        occurredAt: context.occurredAt,
        ip: context.ip,
        userAgent: context.userAgent,
        correlationId: context.correlationId,
        causationId: context.causationId,
        schemaVersion: isSigningEventType(type) ? SIGNING_EVENT_VERSIONS[type] : 1,
        prevHash,
        hash,
      },
    };
    prevHash = hash;
    return event;
  });
}
