import { Router, type Request, type Response } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import { BRANCH_ROLES, authOf, notFound, unauthorized, type AuthUser } from '@e-contract/platform/http';
import { isUuid, signingStreamName, type DealPage } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import type { ProjectionName, ReadStore } from '@e-contract/projections';
import type { ProjectionProgress } from '../http/projection-progress.js';
import { awaitMinPosition } from '../http/read-your-writes.js';
import { canReadDeal } from './deal-access.js';
import { parseDealQuery } from './deal-query-params.js';
import type { BranchCatalogue } from '../branches/branch-catalogue.js';
import { dealAt, dealNow, parseDealMoment, type DealMoment } from './deal-at.js';

export interface DealRoutesDeps {
  readStore: ReadStore;
  progress: ProjectionProgress;
  /** Names the deals' branches (`branchName`, added when answering). */
  branches: BranchCatalogue;
  /** The log, for `?at=` (the deal at a moment, folded from its process stream); without it, `?at=` is 404. */
  eventStore?: Pick<EventStore, 'readStream'>;
  /** `X-Min-Position`'s wait (default 5 s). */
  readYourWritesTimeoutMs?: number;
}

export const callerOf = (res: Response): AuthUser => {
  const caller = authOf(res);
  if (!caller) throw unauthorized(); // mounted without `authenticate`: refuse rather than let through
  return caller;
};

export const queryOf = (req: Request): Readonly<Record<string, unknown>> => req.query as Record<string, unknown>;

/**
 * `GET /api/deals` and `GET /api/deals/:id` (API.md, "Queries"); authentication is mounted before
 * (query-router.ts). `/api/deals/:id` matches one path segment only, so `/api/deals/:id/trail` and
 * `/evidence` pass by it; `/api/deals/stream` must be mounted before it.
 */
export function createDealRoutes(deps: DealRoutesDeps): Router {
  const router = Router();
  const wait = { ...(deps.readYourWritesTimeoutMs === undefined ? {} : { timeoutMs: deps.readYourWritesTimeoutMs }) };

  router.get('/api/deals', requireRole(...BRANCH_ROLES, 'auditor', 'admin'), async (req, res) => {
    const query = parseDealQuery(queryOf(req), callerOf(res));
    if (!(await awaitMinPosition(req, res, deps.progress, ['deals'], wait))) return;
    // The checkpoint is read before the query: the list reflects at least this position, so a client
    // that resumes the stream from it (`after=`) may see a change twice but never misses one.
    const position = (await deps.progress.checkpoint('deals')) ?? '0';
    const { items, total, totalIsEstimate } = await deps.readStore.findDeals(query);
    const answer: DealPage = {
      items: items.map((deal) => deps.branches.withBranchName(deal)),
      total,
      ...(totalIsEstimate === true ? { totalIsEstimate: true } : {}),
      page: query.page,
      pageSize: query.pageSize,
      position,
    };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.get('/api/deals/:id', requireRole(...BRANCH_ROLES, 'auditor', 'admin', 'signer'), async (req, res) => {
    const caller = callerOf(res);
    const moment = parseDealMoment(queryOf(req));
    if (moment !== undefined) {
      await answerDealAt(req, res, caller, moment);
      return;
    }
    // A signer's reach across processes is read from the cabinet model too.
    const models: ProjectionName[] = caller.role === 'signer' ? ['deals', 'cabinet'] : ['deals'];
    if (!(await awaitMinPosition(req, res, deps.progress, models, wait))) return;
    // Process ids are stored lower-case (api-decisions.md); an upper-case UUID names the same process.
    const processId = String(req.params['id']).toLowerCase();
    const deal = await deps.readStore.getDeal(processId);
    // Another branch's or another person's process answers as an unknown one: its existence is not revealed.
    if (!deal || !(await canReadDeal(deps.readStore, caller, deal))) throw notFound(`No deal ${processId}`);
    res.set('Cache-Control', 'no-store').json(deps.branches.withBranchName(deal));
  });

  /** `GET /api/deals/:id?at=`: read from the log itself, so no read model is waited for. */
  async function answerDealAt(req: Request, res: Response, caller: AuthUser, moment: DealMoment): Promise<void> {
    const processId = String(req.params['id']).toLowerCase();
    const stream = deps.eventStore && isUuid(processId) ? await deps.eventStore.readStream(signingStreamName(processId)) : [];
    const now = dealNow(stream);
    if (!now || !(await canReadDeal(deps.readStore, caller, now))) throw notFound(`No deal ${processId}`);
    const then = dealAt(stream, moment);
    if (!then)
      throw notFound(`The deal ${processId} did not exist yet at ${'position' in moment ? `position ${moment.position}` : moment.time}`);
    res.set('Cache-Control', 'no-store').json(deps.branches.withBranchName(then));
  }

  return router;
}
