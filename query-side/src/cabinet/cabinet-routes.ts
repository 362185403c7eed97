import { Router } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import { forbidden } from '@e-contract/platform/http';
import type { CabinetDocuments } from '@e-contract/contracts';
import type { ReadStore } from '@e-contract/projections';
import type { ProjectionProgress } from '../http/projection-progress.js';
import { awaitMinPosition } from '../http/read-your-writes.js';
import { signerScope } from '../deals/deal-access.js';
import { callerOf } from '../deals/deal-routes.js';

export interface CabinetRoutesDeps {
  readStore: Pick<ReadStore, 'getDeal' | 'getDeals' | 'cabinet'>;
  progress: ProjectionProgress;
  readYourWritesTimeoutMs?: number;
}

/**
 * `GET /api/cabinet/documents` (signer only): the session's process and, once the signer is
 * identified, every other process of the same person, in the cabinet model's buckets (`awaiting`;
 * `signed` for signed and archived; `closed` for declined, cancelled, expired and failed), each
 * bucket newest first. A process the deals model does not hold yet is left out until it does.
 */
export function createCabinetRoutes(deps: CabinetRoutesDeps): Router {
  const router = Router();
  const wait = { ...(deps.readYourWritesTimeoutMs === undefined ? {} : { timeoutMs: deps.readYourWritesTimeoutMs }) };

  router.get('/api/cabinet/documents', requireRole('signer'), async (req, res) => {
    const caller = callerOf(res);
    if (!caller.processId) throw forbidden('A signer session names its process');
    if (!(await awaitMinPosition(req, res, deps.progress, ['cabinet', 'deals'], wait))) return;
    const { entries } = await signerScope(deps.readStore, caller.processId);
    const deals = new Map((await deps.readStore.getDeals(entries.map((entry) => entry.processId))).map((deal) => [deal.processId, deal]));
    const answer: CabinetDocuments = { awaiting: [], signed: [], closed: [] };
    const seen = new Set<string>();
    for (const entry of entries) {
      const deal = deals.get(entry.processId);
      if (!deal || seen.has(entry.processId)) continue;
      seen.add(entry.processId);
      answer[entry.bucket].push(deal);
    }
    for (const bucket of Object.values(answer)) bucket.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    res.set('Cache-Control', 'no-store').json(answer);
  });

  return router;
}
