import type { RecordedEvent } from './events/event-metadata.js';
import type { TrailEntry } from './wire/trail.js';

/**
 * An event as the audit trail keeps it (API.md, "Hash chain"): each field exactly as hashed, `null`
 * where the event has no value. It shares the event's objects: a keeper that must not let a change
 * reach the event clones the entry. Sealed personal fields stay sealed (`event.stored`): the trail
 * is the stored form, and readers open it for `plain`.
 */
export function trailEntryOf(event: RecordedEvent): TrailEntry {
  const m = event.metadata;
  const stored = event.stored;
  return {
    streamId: event.streamId,
    position: event.position,
    revision: event.revision,
    type: event.type,
    occurredAt: m.occurredAt,
    actor: m.actor,
    ip: ((stored ? stored.ip : m.ip) ?? null) as TrailEntry['ip'],
    userAgent: ((stored ? stored.userAgent : m.userAgent) ?? null) as TrailEntry['userAgent'],
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    data: (stored ? stored.data : event.data) ?? null,
    hash: m.hash,
    prevHash: m.prevHash,
  };
}
