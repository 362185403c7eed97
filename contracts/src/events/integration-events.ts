/**
 * Facts of other systems' access (API.md, "Integrations"), outside the process streams. An
 * integration's API key is never stored: only its SHA-256 (`keySha256`, hex) and the first
 * characters shown to an admin (`keyPrefix`, e.g. `ec_AbC1`).
 */

/** `IntegrationCreated` (stream `integration-<integrationId>`). */
export interface IntegrationCreatedData {
  integrationId: string;
  name: string;
  branchId: string;
  allowedOrigins: string[];
  keySha256: string;
  keyPrefix: string;
  /** ISO 8601, or `null`: the key does not expire. */
  expiresAt: string | null;
}

/** `IntegrationRevoked`: the key stops working at once. */
export interface IntegrationRevokedData {
  integrationId: string;
}

/**
 * `IntegrationUsed` (stream `api-key-usage-<integrationId>`): the key authenticated a request at
 * `occurredAt`. Recorded at most once per `API_KEY_USE_RECORD_INTERVAL_MS` per key, whichever process
 * saw the use, so that `lastUsedAt` is known to every process without a fact per request.
 */
export interface IntegrationUsedData {
  integrationId: string;
}

/** `lastUsedAt` is exact to this much: a key's use is recorded at most once per 5 minutes. */
export const API_KEY_USE_RECORD_INTERVAL_MS = 5 * 60_000;

/**
 * `WebhookCreated` (stream `webhook-<webhookId>`). The signing secret is never in the log in clear:
 * `secretSealed` is it encrypted (AES-256-GCM) under a key derived from the system's own secrets,
 * which every process that delivers can derive and nobody reading the log can.
 */
export interface WebhookCreatedData {
  webhookId: string;
  integrationId: string;
  url: string;
  /** `deal.<status>` types, or `["*"]`. */
  events: string[];
  secretSealed: string;
  /** The log position the webhook starts after (its creation): it receives facts appended after it. */
  startsAfter: string | null;
}

export interface WebhookDeletedData {
  webhookId: string;
}

/** `WebhookReplayRequested`: deliver again every matching fact after `after`. */
export interface WebhookReplayRequestedData {
  webhookId: string;
  after: string;
}
