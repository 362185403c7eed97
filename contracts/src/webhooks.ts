import { PROCESS_STATUSES, type ProcessStatus } from './domain-values.js';

/**
 * The words of webhooks (API.md, "Webhooks (Standard Webhooks 1.0)"), shared by the command side
 * (creation), the delivery worker, the query side and the UI.
 */

/** `deal.<status>`: a fact changed a deal's status to `<status>`. */
export type WebhookEventType = `deal.${ProcessStatus}`;

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = PROCESS_STATUSES.map((status) => `deal.${status}` as const);

/** Every event type: `events: ["*"]`. */
export const ALL_WEBHOOK_EVENTS = '*';

export const webhookEventTypeOf = (status: ProcessStatus): WebhookEventType => `deal.${status}`;

export const isWebhookEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** Whether a webhook that subscribed to `events` (types, or `["*"]`) receives `type`. */
export const webhookReceives = (events: readonly string[], type: WebhookEventType): boolean =>
  events.includes(ALL_WEBHOOK_EVENTS) || events.includes(type);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The fixed numbers of webhooks (API.md). */
export const WEBHOOK_RULES = {
  /** A secret is this prefix and the base64 of `secretBytes` random bytes. */
  secretPrefix: 'whsec_',
  secretBytes: 32,
  /** A 2xx answer within this time is a success. */
  answerWithinMs: 10_000,
  /** Longest URL accepted. */
  maxUrlLength: 2_000,
} as const;
