import { z } from 'zod';
import type { RecordedEvent } from './event-metadata.js';
import type { WebhookCreatedData, WebhookDeletedData, WebhookReplayRequestedData } from './integration-events.js';
import { corruptEvent, dataIssues } from './parse-recorded-event.js';
import type { MutuallyAssignable } from './signing-event-schemas.js';

/**
 * Schemas of a webhook's facts (stream `webhook-<webhookId>`), and the part of an integration's
 * facts that webhooks read: which branch an integration acts for and whether it was revoked.
 */

const position = z.string().regex(/^\d{1,20}$/);

export const webhookCreatedSchema = z.object({
  webhookId: z.string().min(1),
  integrationId: z.string().min(1),
  url: z.string().min(1),
  events: z.array(z.string()).min(1),
  secretSealed: z.string().min(1),
  startsAfter: position.nullable(),
});
export const webhookDeletedSchema = z.object({ webhookId: z.string().min(1) });
export const webhookReplayRequestedSchema = z.object({ webhookId: z.string().min(1), after: position });

// The interfaces live in the root entry (no zod there); these keep the two in agreement.
const _createdAgrees: MutuallyAssignable<z.output<typeof webhookCreatedSchema>, WebhookCreatedData> = true;
const _deletedAgrees: MutuallyAssignable<z.output<typeof webhookDeletedSchema>, WebhookDeletedData> = true;
const _replayAgrees: MutuallyAssignable<z.output<typeof webhookReplayRequestedSchema>, WebhookReplayRequestedData> = true;

export type WebhookFact =
  | { type: 'WebhookCreated'; data: WebhookCreatedData }
  | { type: 'WebhookDeleted'; data: WebhookDeletedData }
  | { type: 'WebhookReplayRequested'; data: WebhookReplayRequestedData };

export const WEBHOOK_FACT_TYPES = ['WebhookCreated', 'WebhookDeleted', 'WebhookReplayRequested'] as const;

/** A webhook's fact, validated; `null` for an event of another type. A malformed one throws `CorruptEvent`. */
export function parseWebhookFact(recorded: RecordedEvent): WebhookFact | null {
  switch (recorded.type) {
    case 'WebhookCreated':
      return { type: recorded.type, data: parsed(recorded, webhookCreatedSchema) };
    case 'WebhookDeleted':
      return { type: recorded.type, data: parsed(recorded, webhookDeletedSchema) };
    case 'WebhookReplayRequested':
      return { type: recorded.type, data: parsed(recorded, webhookReplayRequestedSchema) };
    default:
      return null;
  }
}

/**
 * What webhooks read of an integration's facts: `IntegrationCreated` names its branch (only deals of
 * that branch are delivered), `IntegrationRevoked` ends its webhooks' deliveries. Other fields pass.
 */
export type IntegrationScopeFact =
  | { type: 'IntegrationCreated'; data: { integrationId: string; branchId: string } }
  | { type: 'IntegrationRevoked'; data: { integrationId: string } };

const integrationScopeSchema = z.object({ integrationId: z.string().min(1), branchId: z.string().min(1) });
const integrationRevokedScopeSchema = z.object({ integrationId: z.string().min(1) });

export function parseIntegrationScopeFact(recorded: RecordedEvent): IntegrationScopeFact | null {
  switch (recorded.type) {
    case 'IntegrationCreated': {
      const { integrationId, branchId } = parsed(recorded, integrationScopeSchema);
      return { type: recorded.type, data: { integrationId, branchId } };
    }
    case 'IntegrationRevoked': {
      const { integrationId } = parsed(recorded, integrationRevokedScopeSchema);
      return { type: recorded.type, data: { integrationId } };
    }
    default:
      return null;
  }
}

function parsed<Schema extends z.ZodType>(recorded: RecordedEvent, schema: Schema): z.output<Schema> {
  const read = schema.safeParse(recorded.data);
  if (!read.success) throw corruptEvent(recorded, dataIssues(read.error.issues));
  return read.data;
}
