import { Router, type Request, type Response } from 'express';
import { parseLogPosition, type WebhookDelivery, type WebhookDeliveryPage, type WebhookSummary } from '@e-contract/contracts';
import { requireRole } from '@e-contract/platform/auth';
import { integrationIdOf, notFound, validationFailed } from '@e-contract/platform/http';
import type { DeliveryRecord, WebhookRecord, WebhookStore } from '@e-contract/projections';
import { callerOf, queryOf } from '../deals/deal-routes.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from '../deals/deal-query-params.js';
import { QueryParams } from '../http/query-params.js';
import { hasReached } from '../http/log-position.js';
import { MIN_POSITION_HEADER, READ_YOUR_WRITES_TIMEOUT_MS, readModelBehind } from '../http/read-your-writes.js';

export interface WebhookQueryDeps {
  webhooks: WebhookStore;
  /** `X-Min-Position`'s wait (default 5 s). */
  readYourWritesTimeoutMs?: number;
  /** How often a waiting read looks at the webhooks' positions again (default 25 ms). */
  pollMs?: number;
}

/**
 * The query side of webhooks (API.md, "Webhooks"): `GET /api/webhooks` (an integration its own, an
 * admin every one or `?integrationId=`'s) and `GET /api/webhooks/:id/deliveries` (newest first),
 * read from the delivery worker's tables in the read store. `X-Min-Position` (the position a
 * webhook command answered) waits until the registry — and for deliveries the webhook's lane — has
 * reached it, so a webhook just created is listed and a replay's copies are there. Authentication is
 * mounted before (query-router.ts).
 */
export function createWebhookQueryRoutes(deps: WebhookQueryDeps): Router {
  const router = Router();
  const asOwner = requireRole('admin', 'integration');

  router.get('/api/webhooks', asOwner, async (req, res) => {
    const actingFor = integrationIdOf(callerOf(res));
    const params = new QueryParams(queryOf(req));
    const named = params.single('integrationId', 200);
    params.throwIfInvalid();
    const minPosition = minPositionOf(req);
    if (minPosition !== null && !(await reached(deps, () => deps.webhooks.registryCheckpoint(), minPosition, res))) return;
    const integrationId = actingFor ?? named;
    const webhooks = await deps.webhooks.activeWebhooks(integrationId);
    const answer: WebhookSummary[] = await Promise.all(webhooks.map((webhook) => summaryOf(deps.webhooks, webhook)));
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.get('/api/webhooks/:id/deliveries', asOwner, async (req, res) => {
    const actingFor = integrationIdOf(callerOf(res));
    const params = new QueryParams(queryOf(req));
    const page = params.integer('page', 1, 1, MAX_PAGE);
    const pageSize = params.integer('pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    params.throwIfInvalid();
    const webhookId = String(req.params['id']).toLowerCase();
    const minPosition = minPositionOf(req);
    if (minPosition !== null) {
      const lanePosition = async () => (await deps.webhooks.webhook(webhookId))?.lane?.position ?? null;
      if (!(await reached(deps, () => deps.webhooks.registryCheckpoint(), minPosition, res))) return;
      if (!(await reached(deps, lanePosition, minPosition, res))) return;
    }
    const webhook = await deps.webhooks.webhook(webhookId);
    // Another integration's webhook answers as an unknown one.
    if (!webhook || webhook.deleted || (actingFor !== null && webhook.integrationId !== actingFor))
      throw notFound(`No webhook ${webhookId}`);
    const { items, total } = await deps.webhooks.deliveries(webhookId, { page, pageSize });
    const answer: WebhookDeliveryPage = { items: items.map(deliveryOf), total, page, pageSize };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  return router;
}

async function summaryOf(store: WebhookStore, webhook: WebhookRecord): Promise<WebhookSummary> {
  const counts = await store.countByStatus(webhook.webhookId);
  return {
    webhookId: webhook.webhookId,
    integrationId: webhook.integrationId,
    branchId: webhook.branchId,
    url: webhook.url,
    events: webhook.events,
    createdAt: webhook.createdAt,
    position: webhook.lane?.position ?? null,
    pending: counts.pending,
    failed: counts.failed,
  };
}

function deliveryOf(record: DeliveryRecord): WebhookDelivery {
  return {
    deliveryId: record.deliveryId,
    type: record.type,
    position: record.position,
    previousPosition: record.previousPosition,
    status: record.status,
    attempts: record.attempts,
    lastStatus: record.lastStatus,
    lastAttemptAt: record.lastAttemptAt,
    nextAttemptAt: record.status === 'pending' ? record.nextAttemptAt : null,
    lastError: record.lastError,
    replay: record.replay,
    createdAt: record.createdAt,
  };
}

function minPositionOf(req: Request): string | null {
  const header = req.get(MIN_POSITION_HEADER);
  if (header === undefined) return null;
  const position = parseLogPosition(header);
  if (position === null) {
    throw validationFailed([
      { field: MIN_POSITION_HEADER, code: 'isLogPosition', message: 'must be a log position: a decimal string such as "42"' },
    ]);
  }
  return position;
}

/** Waits until `read()` reaches `position` (polling); 504 after the timeout; `false` when the client hung up. */
async function reached(deps: WebhookQueryDeps, read: () => Promise<string | null>, position: string, res: Response): Promise<boolean> {
  const timeoutMs = deps.readYourWritesTimeoutMs ?? READ_YOUR_WRITES_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let open = true;
  res.once('close', () => (open = false));
  for (;;) {
    if (hasReached(await read(), position)) return true;
    if (!open) return false;
    if (Date.now() >= deadline) throw readModelBehind(position, ['webhooks'], timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, deps.pollMs ?? 25));
  }
}
