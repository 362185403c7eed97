/** `@e-contract/projections/webhooks`: webhook delivery, run by the background with the reactors. */
export {
  startWebhookDelivery,
  WEBHOOK_REGISTRY_LANE,
  type RunningWebhookDelivery,
  type WebhookDeliveryDeps,
  type WebhookDeliveryOptions,
} from '../webhooks/webhook-delivery.js';
export { DEFAULT_DELIVERY_SCHEDULE, afterAttempt, type AttemptResult, type DeliverySchedule } from '../webhooks/delivery-schedule.js';
export type { WebhookTransport } from '../webhooks/webhook-sender.js';
