import { Router } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import { BRANCH_ROLES } from '@e-contract/platform/http';
import type { ReadStore, StatsQuery } from '@e-contract/projections';
import { scopedBranchId } from '../http/branch-scope.js';
import type { ProjectionProgress } from '../http/projection-progress.js';
import { QueryParams } from '../http/query-params.js';
import { awaitMinPosition } from '../http/read-your-writes.js';
import { callerOf, queryOf } from '../deals/deal-routes.js';

export interface StatsRoutesDeps {
  readStore: Pick<ReadStore, 'stats'>;
  progress: ProjectionProgress;
  readYourWritesTimeoutMs?: number;
}

/**
 * `GET /api/stats?from=&to=&branchId=` (manager of the branch, auditor, admin): the KPI statistics
 * of the processes created in the range. `from`/`to` are ISO 8601 dates or times (a date-only `to`
 * covers its day; 400 on a bad one, or `to` before `from`); a manager is limited to their branch
 * (403 for another).
 */
export function createStatsRoutes(deps: StatsRoutesDeps): Router {
  const router = Router();
  const wait = { ...(deps.readYourWritesTimeoutMs === undefined ? {} : { timeoutMs: deps.readYourWritesTimeoutMs }) };

  router.get('/api/stats', requireRole(...BRANCH_ROLES, 'auditor', 'admin'), async (req, res) => {
    const params = new QueryParams(queryOf(req));
    const range = params.timeRange('from', 'to');
    const branchId = scopedBranchId(callerOf(res), params.single('branchId'));
    params.throwIfInvalid();
    if (!(await awaitMinPosition(req, res, deps.progress, ['stats'], wait))) return;
    const query: StatsQuery = { ...range, ...(branchId === undefined ? {} : { branchId }) };
    res.set('Cache-Control', 'no-store').json(await deps.readStore.stats(query));
  });

  return router;
}
