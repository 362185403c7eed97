import { Router, type RequestHandler } from 'express';
import { revealErased } from '@e-contract/contracts';
import type { Logger } from 'pino';
import { authenticate, type TokenVerifier } from '@e-contract/platform/auth';
import type { EventStore } from '@e-contract/platform/event-store';
import type { ReadStore } from '@e-contract/projections';
import { BranchCatalogue } from '../branches/branch-catalogue.js';
import { createBranchRoutes } from '../branches/branch-routes.js';
import { createAdminRoutes, type ProjectionAdmin } from '../admin/admin-routes.js';
import { createCabinetRoutes } from '../cabinet/cabinet-routes.js';
import type { DealChanges } from '../deals/deal-changes.js';
import { createDealRoutes } from '../deals/deal-routes.js';
import { createDealStreamRoutes } from '../deals/deal-stream.js';
import { createStatsRoutes } from '../stats/stats-routes.js';
import type { ProjectionProgress } from './projection-progress.js';
import { createWebhookQueryRoutes } from '../webhooks/webhook-routes.js';

export interface QueryDeps {
  readStore: ReadStore;
  /** Verifies bearer tokens (the same verifier as the command side's). */
  tokens: TokenVerifier;
  /** The read models' checkpoints: `X-Min-Position` waits and the lists' `position`. */
  progress: ProjectionProgress;
  /** What the live deal stream pushes. */
  dealChanges: DealChanges;
  /** The operations endpoints over the projection runner. */
  projectionAdmin: ProjectionAdmin;
  logger: Logger;
  /**
   * The evidence routes (`GET /api/deals/:id/trail`, `/trail/verification`, `/evidence`:
   * `createEvidenceRoutes(…)` of ../evidence), mounted behind authentication and before
   * `/api/deals/:id`. Left out, those paths answer 404.
   */
  evidenceRoutes?: Router;
  /** The log: `GET /api/deals/:id?at=` folds the process stream up to a moment. Without it, `?at=` answers 404. */
  eventStore?: Pick<EventStore, 'readStream'>;
  /** `X-Min-Position`'s wait (default 5 s, as API.md says; specs shorten it). */
  readYourWritesTimeoutMs?: number;
  /** The stream's heartbeat (default 15 s). */
  heartbeatMs?: number;
  /** The branches' names (`GET /api/branches`, the deals' `branchName`); left out, none: each branch shows its code. */
  branches?: BranchCatalogue;
}

/** Wraps `res.json` so that every answer shows erased personal fields as `{"erased": true}` (API.md, "Operations"). */
const revealErasedAnswers: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: unknown) => json(revealErased(body));
  next();
};

/** The prefixes this router authenticates; everything else (login, health, commands) passes by untouched. */
export const QUERY_PATHS = ['/api/deals', '/api/cabinet', '/api/stats', '/api/admin', '/api/webhooks', '/api/branches'];

/**
 * Every query-side route (API.md, "Queries" and "Operations"), for the query side alone
 * (query-app.ts) or next to the command routes in the all-in-one composition. Authentication comes
 * before anything else on these paths (401 before 400/403/404); each route checks its roles.
 */
export function createQueryRouter(deps: QueryDeps): Router {
  const router = Router();
  const wait = deps.readYourWritesTimeoutMs === undefined ? {} : { readYourWritesTimeoutMs: deps.readYourWritesTimeoutMs };
  const branches = deps.branches ?? new BranchCatalogue([]);

  // 0. Erased personal fields read `ERASED_TEXT` in the read models; every JSON answer shows them as `{"erased": true}`.
  router.use(revealErasedAnswers);

  // 1. The live stream first: it alone accepts `?access_token=` (its own `authenticate`), and it must
  //    be matched before `/api/deals/:id` would take "stream" for an id.
  router.use(
    createDealStreamRoutes({
      readStore: deps.readStore,
      changes: deps.dealChanges,
      tokens: deps.tokens,
      logger: deps.logger,
      branches,
      ...(deps.heartbeatMs === undefined ? {} : { heartbeatMs: deps.heartbeatMs }),
    }),
  );

  // 2. Bearer authentication for every other query path.
  router.use(QUERY_PATHS, authenticate(deps.tokens));

  // 3. ── Evidence routes (query-side/src/evidence, `createEvidenceRoutes(deps): Router`) ──────────
  //    `/api/deals/:id/trail`, `/api/deals/:id/trail/verification`, `/api/deals/:id/evidence`.
  //    Mounted here: authenticated above, and before the deal routes. (`/api/deals/:id` matches a
  //    single segment, so it would not swallow these paths in any order; this keeps it explicit.)
  if (deps.evidenceRoutes) router.use(deps.evidenceRoutes);

  // 4. Lists, details, cabinet, stats, operations.
  router.use(
    createDealRoutes({
      readStore: deps.readStore,
      progress: deps.progress,
      branches,
      ...(deps.eventStore ? { eventStore: deps.eventStore } : {}),
      ...wait,
    }),
  );
  router.use(createCabinetRoutes({ readStore: deps.readStore, progress: deps.progress, ...wait }));
  router.use(createStatsRoutes({ readStore: deps.readStore, progress: deps.progress, ...wait }));
  router.use(createBranchRoutes(branches));
  router.use(createAdminRoutes(deps.projectionAdmin));
  router.use(createWebhookQueryRoutes({ webhooks: deps.readStore.webhooks, ...wait }));
  return router;
}
