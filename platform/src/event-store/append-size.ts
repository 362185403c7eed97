import type { NewEvent } from './event-store.js';

/**
 * The most one append may hold, as EventStoreDB counts it: its default `MaxAppendSize` (1 MiB).
 * Every adapter refuses a larger append with `AppendTooLarge` before sending anything, so the embedded
 * store refuses what the production one would.
 */
export const MAX_APPEND_BYTES = 1_048_576;

/**
 * The size of an append as EventStoreDB measures it against `MaxAppendSize` (`Event.SizeOnDisk`):
 * for each event, the bytes of its data and metadata (UTF-8 JSON, as the client sends them) plus
 * twice the length of its type.
 */
export function appendSize(events: readonly NewEvent[]): number {
  let bytes = 0;
  for (const event of events) {
    bytes += Buffer.byteLength(JSON.stringify(event.data ?? null), 'utf8');
    bytes += Buffer.byteLength(JSON.stringify(event.metadata), 'utf8');
    bytes += event.type.length * 2;
  }
  return bytes;
}
