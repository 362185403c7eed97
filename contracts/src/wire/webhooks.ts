import type { LogPosition } from '../log-position.js';
import type { WebhookDeliveryStatus } from '../webhooks.js';
import type { Deal } from './deals.js';
import type { IsoTime } from './formats.js';

/** `POST /api/webhooks` → 201. `secret` is shown in this answer only. */
export interface WebhookCreatedAnswer {
  webhookId: string;
  integrationId: string;
  url: string;
  events: string[];
  /** `whsec_` + base64 of 32 random bytes. */
  secret: string;
  createdAt: IsoTime;
  /** The position of `WebhookCreated`: pass it as `X-Min-Position` to list the webhook at once. */
  position: LogPosition;
}

/** An item of `GET /api/webhooks` (never the secret). */
export interface WebhookSummary {
  webhookId: string;
  integrationId: string;
  branchId: string;
  url: string;
  events: string[];
  createdAt: IsoTime;
  /** The last log position the webhook's lane has looked at. */
  position: LogPosition | null;
  /** Deliveries waiting (the first of them is the one being tried). */
  pending: number;
  failed: number;
}

/** An item of `GET /api/webhooks/:id/deliveries`. */
export interface WebhookDelivery {
  /** The `webhook-id` header, the same on every retry. */
  deliveryId: string;
  type: string;
  /** The log position of the fact. */
  position: LogPosition;
  previousPosition: LogPosition | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** The HTTP status of the last attempt, `null` before one or when none was received (timeout, refused). */
  lastStatus: number | null;
  lastAttemptAt: IsoTime | null;
  /** When the next attempt is due; `null` once succeeded or failed. */
  nextAttemptAt: IsoTime | null;
  /** Why the last attempt failed, when it did (`timeout`, `connection refused`, `HTTP 500`, …). */
  lastError: string | null;
  /** Sent again by a replay (a new `webhook-id`). */
  replay: boolean;
  createdAt: IsoTime;
}

/** `GET /api/webhooks/:id/deliveries` → 200, newest first. */
export interface WebhookDeliveryPage {
  items: WebhookDelivery[];
  total: number;
  page: number;
  pageSize: number;
}

/** `POST /api/webhooks/:id/replay` → 202. */
export interface WebhookReplayAnswer {
  webhookId: string;
  after: LogPosition;
  /** The position of `WebhookReplayRequested`. */
  position: LogPosition;
}

/** The body of a delivery (API.md): `deal` as `GET /api/deals/:id` showed it right after the fact. */
export interface WebhookPayload {
  type: string;
  /** The time of the fact. */
  timestamp: IsoTime;
  data: { deal: Deal; position: LogPosition; previousPosition: LogPosition | null };
}
