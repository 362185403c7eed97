import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { jcs } from '@e-contract/contracts/node';
import { authenticate, requireRole } from '@e-contract/platform/auth';
import { BRANCH_ROLES, badRequest, jsonBody, notFound, unprocessable } from '@e-contract/platform/http';
import { idempotency, idempotencyOf } from '../http/idempotency.js';
import { uuidFromKey } from '../signing/manager-routes.js';
import { callerOf, commandOrigin } from '../signing/route-helpers.js';
import type { SigningDeps } from '../signing/signing-deps.js';
import { BatchKeyReused, type BatchLog } from './batch-log.js';
import type { BatchRunner } from './batch-runner.js';
import { batchStatusOf } from './batch-state.js';

/** API.md: 1 to 1,000 items, the body up to 5 MB. */
export const MAX_BATCH_ITEMS = 1000;
export const MAX_BATCH_BODY = '5mb';
/** One item's JSON at most (a single create's body is far smaller; an append is at most 1 MiB). */
export const MAX_ITEM_BYTES = 64 * 1024;

export interface Batches {
  log: BatchLog;
  runner: BatchRunner;
}

/**
 * `POST /api/signing-processes/batch` accepts a batch (202 at once; the runner creates the items)
 * and `GET /api/batches/:batchId` folds its stream: its creator or an admin reads it.
 */
export function createBatchRoutes(deps: SigningDeps, batches: Batches): Router {
  const router = Router();

  router.post(
    '/api/signing-processes/batch',
    requireRole(...BRANCH_ROLES),
    ...jsonBody({ limit: MAX_BATCH_BODY }),
    idempotency(deps.idempotency, deps.logger, deps.clock),
    async (req, res) => {
      const caller = callerOf(res);
      const items = itemsOf(req.body);
      const idem = idempotencyOf(res);
      // A retry whose first answer was never recorded lands on the same batch: its id comes from the key.
      const batchId = idem ? uuidFromKey(`batch ${idem.scope}`, idem.key) : randomUUID();
      const { actor, ip, userAgent, correlationId, causationId } = commandOrigin(req, res);
      try {
        const accepted = await batches.log.accept({
          batchId,
          creator: { id: caller.id, name: caller.name, role: caller.role, branchId: caller.branchId ?? null },
          items,
          itemsSha256: createHash('sha256').update(jcs(items)).digest('hex'),
          context: { actor, ip, userAgent, correlationId, causationId },
        });
        batches.runner.run(batchId);
        res.status(202).location(`/api/batches/${batchId}`).json({ batchId, total: accepted.total });
      } catch (error) {
        if (error instanceof BatchKeyReused)
          throw unprocessable('idempotency-key-reused', 'This Idempotency-Key was used with another request body');
        throw error;
      }
    },
  );

  router.get('/api/batches/:batchId', authenticate(deps.tokens), requireRole('manager', 'integration', 'admin'), async (req, res) => {
    const caller = callerOf(res);
    const batchId = String(req.params['batchId']);
    const state = /^[0-9a-f-]{36}$/i.test(batchId) ? await batches.log.load(batchId.toLowerCase()) : ({ status: 'none' } as const);
    // Another caller's batch is answered as unknown (its creator and admins read it).
    if (state.status === 'none' || (caller.role !== 'admin' && state.accepted.creator.id !== caller.id)) {
      throw notFound(`No batch ${batchId}`);
    }
    res.json(batchStatusOf(state));
  });

  return router;
}

/** `{items: [...]}` with 1 to 1,000 objects; anything else is 400 naming `items`. */
function itemsOf(body: unknown): unknown[] {
  const items = (body as { items?: unknown } | null)?.items;
  const refuse = (field: string, message: string) => badRequest(`${field} ${message}`, [{ field, code: 'batch_items', message }]);
  if (!Array.isArray(items)) throw refuse('items', 'must be an array of request bodies');
  if (items.length < 1 || items.length > MAX_BATCH_ITEMS) throw refuse('items', `must hold 1 to ${MAX_BATCH_ITEMS} items`);
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw refuse(`items[${index}]`, 'must be an object');
    if (Buffer.byteLength(JSON.stringify(item)) > MAX_ITEM_BYTES)
      throw refuse(`items[${index}]`, `must be at most ${MAX_ITEM_BYTES / 1024} KB`);
  }
  return items;
}
