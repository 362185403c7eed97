import { z } from 'zod';
import type { EmbedSessionCreatedData, EmbedSessionOpenedData } from './embed-events.js';
import type { RecordedEvent } from './event-metadata.js';
import { corruptEvent, parseRecordedEventOf } from './parse-recorded-event.js';
import type { MutuallyAssignable } from './signing-event-schemas.js';

/** Schemas of an embed session's facts (stream `embed-session-<id>`), a single version each so far. */

const isoTime = z.iso.datetime({ offset: true });

export const embedSessionCreatedSchema = z.object({
  embedSessionId: z.string(),
  processId: z.string(),
  integrationId: z.string().nullable(),
  origin: z.string().nullable(),
  invitationId: z.string(),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  expiresAt: isoTime,
});

export const embedSessionOpenedSchema = z.object({ embedSessionId: z.string(), processId: z.string() });

const _createdAgrees: MutuallyAssignable<z.output<typeof embedSessionCreatedSchema>, EmbedSessionCreatedData> = true;
const _openedAgrees: MutuallyAssignable<z.output<typeof embedSessionOpenedSchema>, EmbedSessionOpenedData> = true;

export type ParsedEmbedSessionEvent =
  RecordedEvent<'EmbedSessionCreated', EmbedSessionCreatedData> | RecordedEvent<'EmbedSessionOpened', EmbedSessionOpenedData>;

/** Reads an event of `embed-session-<id>`: checks the type and validates the data, or throws `CorruptEvent`. */
export function parseEmbedSessionEvent(recorded: RecordedEvent): ParsedEmbedSessionEvent {
  switch (recorded.type) {
    case 'EmbedSessionCreated':
      return parseRecordedEventOf(recorded, 'EmbedSessionCreated', embedSessionCreatedSchema);
    case 'EmbedSessionOpened':
      return parseRecordedEventOf(recorded, 'EmbedSessionOpened', embedSessionOpenedSchema);
    default:
      throw corruptEvent(recorded, [{ path: 'type', message: 'expected EmbedSessionCreated or EmbedSessionOpened' }]);
  }
}
