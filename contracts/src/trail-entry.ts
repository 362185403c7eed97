import type { RecordedEvent } from './events/event-metadata.js';
import type { TrailEntry } from './wire/trail.js';

/**
 * An event as the audit trail keeps it (API.md, "Hash chain"): each field exactly as hashed, `null`
 * where the event has no value. It shares the event's objects: a keeper that must not let a change
 * reach the event clones the entry.
 */
export function trailEntryOf(event: RecordedEvent): TrailEntry {
  const m = event.metadata;
  return {
    streamId: event.streamId,
    position: event.position,
    revision: event.revision,
    type: event.type,
    occurredAt: m.occurredAt,
    actor: m.actor,
    ip: m.ip ?? null,
    userAgent: m.userAgent ?? null,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    data: event.data ?? null,
    hash: m.hash,
    prevHash: m.prevHash,
  };
}
