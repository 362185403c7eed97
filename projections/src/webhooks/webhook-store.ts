import type { WebhookDeliveryStatus } from '@e-contract/contracts';

/**
 * Where webhook delivery keeps its state, beside the read models in the read store (SQLite tables,
 * MongoDB collections; both pass webhook-store.contract.ts): the webhooks the registry lane learned
 * from the log, each webhook's lane position, and the deliveries — pending, tried, succeeded or
 * failed — so that a process killed mid-delivery loses nothing and sends the same `webhook-id` again.
 */
export interface WebhookStore {
  /** The registry lane's checkpoint: the log position up to which webhook and integration facts were applied. */
  registryCheckpoint(): Promise<string | null>;
  /** Applies what the registry learned, in order, and moves its checkpoint; idempotent. */
  applyRegistry(changes: readonly RegistryChange[], checkpoint: string): Promise<void>;
  integration(integrationId: string): Promise<{ branchId: string; revoked: boolean } | null>;

  webhook(webhookId: string): Promise<WebhookRecord | null>;
  /** Webhooks not deleted (of one integration when named), oldest first. */
  activeWebhooks(integrationId?: string): Promise<WebhookRecord[]>;

  /**
   * Adds deliveries (those already there — the same `deliveryId` — are left as they are) and moves
   * the lane to `lane.position` with the previous match it has reached; a position at or before the
   * lane's current one is not moved back. SQLite does both at once; MongoDB the deliveries first.
   */
  enqueue(webhookId: string, deliveries: readonly NewDelivery[], lane: LanePosition): Promise<void>;
  /** The pending delivery that goes next (lowest `orderKey`), or `null`. */
  nextPending(webhookId: string): Promise<DeliveryRecord | null>;
  /** Records an attempt's outcome (only while the delivery is pending). */
  recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void>;
  /** Newest first (highest `orderKey`). */
  deliveries(webhookId: string, page: { page: number; pageSize: number }): Promise<{ items: DeliveryRecord[]; total: number }>;
  /** The first (not replayed) deliveries of facts at positions in (`after`, `upTo`], in log order: what a replay sends again. */
  firstDeliveriesBetween(webhookId: string, after: string, upTo: string): Promise<DeliveryRecord[]>;
  countByStatus(webhookId: string): Promise<Record<WebhookDeliveryStatus, number>>;
  /** When the oldest pending delivery of any live webhook was enqueued (`econtract_webhook_oldest_pending_seconds`). */
  oldestPendingSince(): Promise<string | null>;
}

export type RegistryChange =
  | { kind: 'integration'; integrationId: string; branchId: string }
  | { kind: 'integration-revoked'; integrationId: string }
  | { kind: 'webhook-created'; webhook: NewWebhook }
  | { kind: 'webhook-deleted'; webhookId: string };

export interface NewWebhook {
  webhookId: string;
  integrationId: string;
  /** The integration's branch: only its deals are delivered. */
  branchId: string;
  url: string;
  events: string[];
  secretSealed: string;
  createdAt: string;
  /** The position of `WebhookCreated`: the lane starts after it. */
  createdPosition: string;
}

export interface WebhookRecord extends NewWebhook {
  /** Deleted, or its integration revoked: nothing more is delivered. */
  deleted: boolean;
  lane: LanePosition | null;
}

export interface LanePosition {
  /** The last log position the lane has looked at. */
  position: string;
  /** The position of the last fact it matched since the webhook's creation (`previousPosition` of the next). */
  lastMatched: string | null;
}

export interface NewDelivery {
  /** The `webhook-id`: derived from what it delivers, so that a lane handling a batch again makes the same. */
  deliveryId: string;
  webhookId: string;
  /** Order of sending within the webhook (see delivery-order.ts). */
  orderKey: string;
  type: string;
  position: string;
  previousPosition: string | null;
  /** The body as first computed: every attempt sends these very bytes. */
  body: string;
  replay: boolean;
  createdAt: string;
}

export interface AttemptOutcome {
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string;
  firstAttemptAt: string;
  nextAttemptAt: string | null;
}

export interface DeliveryRecord extends NewDelivery {
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  firstAttemptAt: string | null;
  nextAttemptAt: string | null;
}

/** A delivery as it is first stored: pending, due at once. */
export const pendingRecordOf = (delivery: NewDelivery): DeliveryRecord => ({
  ...delivery,
  status: 'pending',
  attempts: 0,
  lastStatus: null,
  lastError: null,
  lastAttemptAt: null,
  firstAttemptAt: null,
  nextAttemptAt: delivery.createdAt,
});
