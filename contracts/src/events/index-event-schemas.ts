import { z } from 'zod';
import type { RecordedEvent } from './event-metadata.js';
import type { EvidenceAccessedData } from './evidence-events.js';
import { corruptEvent, parseRecordedEventOf } from './parse-recorded-event.js';
import type { MutuallyAssignable } from './signing-event-schemas.js';

/**
 * Schemas of the events outside the process streams, each a single version so far: the EDO
 * acceptance index (`edo-person-…`), the idempotency answers (`idempotency-…`), the reads of the
 * legal trail (`evidence-access`), the list of integrations (`integrations`) and the `externalId`
 * uniqueness index (`external-id-…`). Their readers parse them like the signing events.
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
  contentType: z.string().optional(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type CommandAnswerRecordedData = z.output<typeof commandAnswerRecordedSchema>;

/** `EvidenceAccessed`: a read of a trail, its verification or an evidence package. */
export const evidenceAccessedSchema = z.object({
  processId: z.string(),
  resource: z.enum(['trail', 'verification', 'evidence', 'certificate', 'signed_copy']),
});

// The interface lives in the root entry (no zod there); this keeps the two in agreement.
const _evidenceAccessedAgrees: MutuallyAssignable<z.output<typeof evidenceAccessedSchema>, EvidenceAccessedData> = true;

/** `IntegrationListed` (stream `integrations`): an integration exists, for the admin's list. */
export const integrationListedSchema = z.object({ integrationId: z.string() });
export type IntegrationListedData = z.output<typeof integrationListedSchema>;

/**
 * `ExternalIdClaimed`: the process that holds an `externalId` in its scope. `ExternalIdReleased`:
 * that process was never created (its creation failed after the claim), so the id is free again.
 */
export const externalIdClaimedSchema = z.object({ processId: z.string() });
export const externalIdReleasedSchema = z.object({ processId: z.string() });
export type ExternalIdClaimedData = z.output<typeof externalIdClaimedSchema>;

/** `InviteTokenIndexed` (stream `invite-token-<sha256>`): the process an invitation token belongs to. */
export const inviteTokenIndexedSchema = z.object({ processId: z.string() });
export type InviteTokenIndexedData = z.output<typeof inviteTokenIndexedSchema>;

export type ParsedExternalIdEvent =
  | RecordedEvent<'ExternalIdClaimed', ExternalIdClaimedData>
  | RecordedEvent<'ExternalIdReleased', z.output<typeof externalIdReleasedSchema>>;

export const parseEdoAcceptanceIndexed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'EdoAcceptanceIndexed', edoAcceptanceIndexedSchema);

export const parseCommandAnswerRecorded = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'CommandAnswerRecorded', commandAnswerRecordedSchema);

export const parseEvidenceAccessed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'EvidenceAccessed', evidenceAccessedSchema);

export const parseIntegrationListed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'IntegrationListed', integrationListedSchema);

export const parseInviteTokenIndexed = (recorded: RecordedEvent) =>
  parseRecordedEventOf(recorded, 'InviteTokenIndexed', inviteTokenIndexedSchema);

/** Reads an event of an `external-id-…` stream, or throws `CorruptEvent`. */
export function parseExternalIdEvent(recorded: RecordedEvent): ParsedExternalIdEvent {
  switch (recorded.type) {
    case 'ExternalIdClaimed':
      return parseRecordedEventOf(recorded, 'ExternalIdClaimed', externalIdClaimedSchema);
    case 'ExternalIdReleased':
      return parseRecordedEventOf(recorded, 'ExternalIdReleased', externalIdReleasedSchema);
    default:
      throw corruptEvent(recorded, [{ path: 'type', message: 'expected ExternalIdClaimed or ExternalIdReleased' }]);
  }
}
