import type { RecordedEvent } from '@e-contract/contracts';
import { parseIntegrationScopeFact, parseWebhookFact } from '@e-contract/contracts/events';
import type { RegistryChange, WebhookStore } from './webhook-store.js';

/**
 * What the registry lane learns from a batch of the log: integrations (their branch), revocations,
 * webhooks created and deleted. A webhook's branch is its integration's, known from an earlier fact
 * of this batch or from the store (the command side refuses a webhook for an unknown integration, so
 * `IntegrationCreated` always comes first in the log); one whose integration is unknown or revoked
 * is recorded deleted. Replays are left to the webhook's own lane, which meets them in log order.
 */
export async function registryChangesOf(
  batch: readonly RecordedEvent[],
  store: Pick<WebhookStore, 'integration'>,
): Promise<RegistryChange[]> {
  const changes: RegistryChange[] = [];
  const branches = new Map<string, { branchId: string; revoked: boolean }>();
  const integration = async (integrationId: string) => {
    const known = branches.get(integrationId) ?? (await store.integration(integrationId));
    if (known) branches.set(integrationId, known);
    return known;
  };
  for (const event of batch) {
    const scope = parseIntegrationScopeFact(event);
    if (scope?.type === 'IntegrationCreated') {
      branches.set(scope.data.integrationId, { branchId: scope.data.branchId, revoked: false });
      changes.push({ kind: 'integration', integrationId: scope.data.integrationId, branchId: scope.data.branchId });
      continue;
    }
    if (scope?.type === 'IntegrationRevoked') {
      const known = await integration(scope.data.integrationId);
      if (known) branches.set(scope.data.integrationId, { ...known, revoked: true });
      changes.push({ kind: 'integration-revoked', integrationId: scope.data.integrationId });
      continue;
    }
    if (!event.streamId.startsWith('webhook-')) continue;
    const fact = parseWebhookFact(event);
    if (fact?.type === 'WebhookCreated') {
      const { webhookId, integrationId, url, events, secretSealed } = fact.data;
      const owner = await integration(integrationId);
      changes.push({
        kind: 'webhook-created',
        webhook: {
          webhookId,
          integrationId,
          branchId: owner?.branchId ?? '',
          url,
          events,
          secretSealed,
          createdAt: event.metadata.occurredAt,
          createdPosition: event.position,
        },
      });
      if (!owner || owner.revoked) changes.push({ kind: 'webhook-deleted', webhookId });
    } else if (fact?.type === 'WebhookDeleted') {
      changes.push({ kind: 'webhook-deleted', webhookId: fact.data.webhookId });
    }
  }
  return changes;
}
