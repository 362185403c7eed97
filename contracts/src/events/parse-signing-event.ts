import type { RecordedEvent } from './event-metadata.js';
import { corruptEvent, dataIssues } from './parse-recorded-event.js';
import { SIGNING_EVENT_SCHEMAS } from './signing-event-schemas.js';
import { SIGNING_EVENT_UPCASTERS } from './signing-event-upcasters.js';
import { SIGNING_EVENT_VERSIONS, isSigningEventType, type SigningEventDataMap, type SigningEventType } from './signing-events.js';

/** A stored signing event with its data in the current shape of its type. */
export type ParsedSigningEvent = { [K in SigningEventType]: RecordedEvent<K, SigningEventDataMap[K]> }[SigningEventType];

/**
 * The one way folds read a signing event from the log: upcasts the payload from the schema version
 * it was stored with (`metadata.schemaVersion`) to the current one, then validates it against the
 * current schema. Pure; throws `CorruptEvent` naming the stream and revision for a type outside the
 * catalogue, a version with no way up, or data that does not match.
 *
 * The answer is a copy for folds only: its `metadata.schemaVersion` names the shape its data now
 * has. What the trail, its verification and the evidence package return is the stored event, never
 * this (the hash chain covers the data exactly as stored).
 */
export function parseSigningEvent(recorded: RecordedEvent): ParsedSigningEvent {
  const { type } = recorded;
  if (!isSigningEventType(type)) throw corruptEvent(recorded, [{ path: 'type', message: 'not a signing event type' }]);
  const current = SIGNING_EVENT_VERSIONS[type];
  const stored = recorded.metadata?.schemaVersion;
  if (typeof stored !== 'number' || !Number.isInteger(stored) || stored < 1 || stored > current) {
    throw corruptEvent(recorded, [{ path: 'metadata.schemaVersion', message: `expected a version from 1 to ${current}` }]);
  }

  let data: unknown = recorded.data;
  for (let version = stored; version < current; version += 1) {
    const upcast = SIGNING_EVENT_UPCASTERS[type]?.[version];
    if (!upcast) throw corruptEvent(recorded, [{ path: 'metadata.schemaVersion', message: `no upcaster from version ${version}` }]);
    const step = upcast(data);
    if (!step.ok) throw corruptEvent(recorded, dataIssues(step.issues));
    data = step.data;
  }

  const read = SIGNING_EVENT_SCHEMAS[type].safeParse(data);
  if (!read.success) throw corruptEvent(recorded, dataIssues(read.error.issues));
  // The schema of `type` validated the data, and the schemas agree with `SigningEventDataMap`
  // (checked at compile time in signing-event-schemas.ts); TypeScript cannot pair the two by itself.
  return { ...recorded, data: read.data, metadata: { ...recorded.metadata, schemaVersion: current } } as ParsedSigningEvent;
}
