import type { z } from 'zod';
import { CorruptEvent, type EventIssue } from './corrupt-event.js';
import type { RecordedEvent } from './event-metadata.js';

/** Zod's issues as paths into the event (`data.documents.0.sha256`). */
export const dataIssues = (issues: readonly z.core.$ZodIssue[]): EventIssue[] =>
  issues.map((issue) => ({
    path: ['data', ...issue.path.map((segment) => (typeof segment === 'symbol' ? segment.toString() : String(segment)))].join('.'),
    message: issue.message,
  }));

export const corruptEvent = (recorded: RecordedEvent, issues: readonly EventIssue[]): CorruptEvent =>
  new CorruptEvent(recorded.streamId, recorded.revision, recorded.position, recorded.type, recorded.metadata?.schemaVersion, issues);

/**
 * Reads an event of a stream that holds one type with one schema version (the index streams,
 * `evidence-access`): checks the type and validates the data, or throws `CorruptEvent`. The
 * answer is a copy; the stored event is left as it is.
 */
export function parseRecordedEventOf<Type extends string, Schema extends z.ZodType>(
  recorded: RecordedEvent,
  type: Type,
  schema: Schema,
): RecordedEvent<Type, z.output<Schema>> {
  if (recorded.type !== type) throw corruptEvent(recorded, [{ path: 'type', message: `expected ${type}` }]);
  const read = schema.safeParse(recorded.data);
  if (!read.success) throw corruptEvent(recorded, dataIssues(read.error.issues));
  return { ...recorded, type, data: read.data };
}
