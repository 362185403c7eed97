import { SIGNING_EVENT_TYPES, processIdOfStream, type RecordedEvent } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import type { TrailEntry } from './trail-entry.js';

/** Wide enough for any stream revision, so that keys sort as text in revision order. */
const REVISION_DIGITS = 10;

/** `signing-<processId>:0000000007`: one entry per event of a process stream. */
export const trailKeyOf = (streamId: string, revision: number): string => `${streamId}:${String(revision).padStart(REVISION_DIGITS, '0')}`;

function trailEntryOf(event: RecordedEvent): TrailEntry {
  const m = event.metadata;
  // Each field exactly as hashed (API.md, "Hash chain"): `null` where the event has no value, and
  // copies of the objects so that nothing done to the entry can reach the event.
  return {
    streamId: event.streamId,
    position: event.position,
    revision: event.revision,
    type: event.type,
    occurredAt: m.occurredAt,
    actor: structuredClone(m.actor),
    ip: m.ip ?? null,
    userAgent: m.userAgent ?? null,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    data: structuredClone(event.data ?? null),
    hash: m.hash,
    prevHash: m.prevHash,
  };
}

/**
 * The legal trail, event by event (key: stream and zero-padded revision). Keyed by stream only, not
 * by catalogue type: every fact of a process stream belongs in its trail.
 */
export const auditTrailProjection: Projection<TrailEntry> = {
  name: 'audit_trail',
  handles: SIGNING_EVENT_TYPES,
  keyOf: (event) => (processIdOfStream(event.streamId) ? trailKeyOf(event.streamId, event.revision) : null),
  // The trail is the record of what happened: an entry, once written, is never changed.
  evolve: (entry, event) => entry ?? (processIdOfStream(event.streamId) ? trailEntryOf(event) : null),
};
