import { z } from 'zod';
import type { RecordedEvent } from './event-metadata.js';
import type { EvidenceAccessedData } from './evidence-events.js';
import { parseRecordedEventOf } from './parse-recorded-event.js';
import type { MutuallyAssignable } from './signing-event-schemas.js';

/**
 * Schemas of the events outside the process streams, each a single version so far: the EDO
 * acceptance index (`edo-person-…`), the idempotency answers (`idempotency-…`) and the reads of the
 * legal trail (`evidence-access`). Their readers parse them like the signing events.
 */

/** `EdoAcceptanceIndexed`: where a person accepted an EDO agreement version. */
export const edoAcceptanceIndexedSchema = z.object({
  processId: z.string(),
  revision: z.int().min(0),
  version: z.string(),
  sha256: z.string(),
});
export type EdoAcceptanceIndexedData = z.output<typeof edoAcceptanceIndexedSchema>;

/** `CommandAnswerRecorded`: a command's first answer, replayed to a retry with the same key. */
export const commandAnswerRecordedSchema = z.object({
  requestSha256: z.string(),
  status: z.int(),
  body: z.unknown(),
  location: z.string().optional(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type CommandAnswerRecordedData = z.output<typeof commandAnswerRecordedSchema>;

/** `EvidenceAccessed`: a read of a trail, its verification or an evidence package. */
export const evidenceAccessedSchema = z.object({
  processId: z.string(),
  resource: z.enum(['trail', 'verification', 'evidence', 'certificate']),
});

// The interface lives in the root entry (no zod there); this keeps the two in agreement.
const _evidenceAccessedAgrees: MutuallyAssignable<z.output<typeof evidenceAccessedSchema>, EvidenceAccessedData> = true;

export const parseEdoAcceptanceIndexed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'EdoAcceptanceIndexed', edoAcceptanceIndexedSchema);

export const parseCommandAnswerRecorded = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'CommandAnswerRecorded', commandAnswerRecordedSchema);

export const parseEvidenceAccessed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'EvidenceAccessed', evidenceAccessedSchema);
