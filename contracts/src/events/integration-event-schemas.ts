import { z } from 'zod';
import type { RecordedEvent } from './event-metadata.js';
import type { IntegrationCreatedData, IntegrationRevokedData, IntegrationUsedData } from './integration-events.js';
import { corruptEvent, parseRecordedEventOf } from './parse-recorded-event.js';
import type { MutuallyAssignable } from './signing-event-schemas.js';

/**
 * Schemas of an integration's facts (API.md, "Integrations"), each a single version so far: its
 * stream `integration-<id>` (created, revoked) and its key's uses (`api-key-usage-<id>`). Every
 * process that authenticates an API key folds them, so they are parsed like the signing events.
 */

const isoTime = z.iso.datetime({ offset: true });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const integrationCreatedSchema = z.object({
  integrationId: z.string(),
  name: z.string(),
  branchId: z.string(),
  allowedOrigins: z.array(z.string()),
  keySha256: sha256Hex,
  keyPrefix: z.string(),
  expiresAt: isoTime.nullable(),
});

export const integrationRevokedSchema = z.object({ integrationId: z.string() });

export const integrationUsedSchema = z.object({ integrationId: z.string() });

// The interfaces live in the root entry (no zod there); these keep the two in agreement.
const _createdAgrees: MutuallyAssignable<z.output<typeof integrationCreatedSchema>, IntegrationCreatedData> = true;
const _revokedAgrees: MutuallyAssignable<z.output<typeof integrationRevokedSchema>, IntegrationRevokedData> = true;
const _usedAgrees: MutuallyAssignable<z.output<typeof integrationUsedSchema>, IntegrationUsedData> = true;

/** A fact of an integration's own stream, its data parsed. */
export type ParsedIntegrationEvent =
  RecordedEvent<'IntegrationCreated', IntegrationCreatedData> | RecordedEvent<'IntegrationRevoked', IntegrationRevokedData>;

/** Reads an event of `integration-<id>`: checks the type and validates the data, or throws `CorruptEvent`. */
export function parseIntegrationEvent(recorded: RecordedEvent): ParsedIntegrationEvent {
  switch (recorded.type) {
    case 'IntegrationCreated':
      return parseRecordedEventOf(recorded, 'IntegrationCreated', integrationCreatedSchema);
    case 'IntegrationRevoked':
      return parseRecordedEventOf(recorded, 'IntegrationRevoked', integrationRevokedSchema);
    default:
      throw corruptEvent(recorded, [{ path: 'type', message: 'expected IntegrationCreated or IntegrationRevoked' }]);
  }
}

export const parseIntegrationUsed = (recorded: RecordedEvent) => parseRecordedEventOf(recorded, 'IntegrationUsed', integrationUsedSchema);
