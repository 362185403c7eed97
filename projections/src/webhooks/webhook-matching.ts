import {
  revealErased,
  webhookEventTypeOf,
  webhookReceives,
  type Deal,
  type WebhookEventType,
  type WebhookPayload,
} from '@e-contract/contracts';

/** What a webhook matches on: its integration's branch and the types it subscribed to. */
export interface WebhookFilter {
  branchId: string;
  events: readonly string[];
}

/**
 * The event type a fact is delivered as to this webhook, or `null` (API.md): only a fact that
 * changes the deal's status — to `deal.<new status>` — and only for a deal of the webhook's branch,
 * when the webhook subscribed to that type (or to `*`). Pure.
 */
export function matchOf(before: Deal | null, after: Deal | null, webhook: WebhookFilter): WebhookEventType | null {
  if (after === null || after.branchId !== webhook.branchId) return null;
  if (before !== null && before.status === after.status) return null;
  const type = webhookEventTypeOf(after.status);
  return webhookReceives(webhook.events, type) ? type : null;
}

/** A branch's name by its code (the query side's branch catalogue), so a delivered deal reads as `GET /api/deals/:id` answers it. */
export type BranchNamer = (branchId: string) => string;

/**
 * The body of a delivery, as text: every attempt (and every replay of it) sends these bytes.
 * `timestamp` is the time of the fact, `deal` the deal right after it — with its `branchName` when
 * a namer is given.
 */
export function deliveryBodyOf(
  type: WebhookEventType,
  deal: Deal,
  fact: { position: string; occurredAt: string },
  previousPosition: string | null,
  branchName?: BranchNamer,
): string {
  const answered = branchName ? { ...deal, branchName: branchName(deal.branchId) } : deal;
  const payload: WebhookPayload = {
    type,
    timestamp: fact.occurredAt,
    data: { deal: answered, position: fact.position, previousPosition },
  };
  return JSON.stringify(revealErased(payload));
}
