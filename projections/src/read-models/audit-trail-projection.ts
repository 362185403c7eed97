import { SIGNING_EVENT_TYPES, processIdOfStream, trailEntryOf } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import type { TrailEntry } from './trail-entry.js';

/** Wide enough for any stream revision, so that keys sort as text in revision order. */
const REVISION_DIGITS = 10;

/** `signing-<processId>:0000000007`: one entry per event of a process stream. */
export const trailKeyOf = (streamId: string, revision: number): string => `${streamId}:${String(revision).padStart(REVISION_DIGITS, '0')}`;

/**
 * The legal trail, event by event (key: stream and zero-padded revision). Keyed by stream only, not
 * by catalogue type: every fact of a process stream belongs in its trail.
 */
export const auditTrailProjection: Projection<TrailEntry> = {
  name: 'audit_trail',
  handles: SIGNING_EVENT_TYPES,
  keyOf: (event) => (processIdOfStream(event.streamId) ? trailKeyOf(event.streamId, event.revision) : null),
  // The trail is the record of what happened: an entry, once written, is never changed.
  // Each field exactly as hashed, copied so that nothing done to the entry can reach the event.
  evolve: (entry, event) => entry ?? (processIdOfStream(event.streamId) ? structuredClone(trailEntryOf(event)) : null),
};
