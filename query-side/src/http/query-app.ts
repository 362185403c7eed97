import express, { type Express } from 'express';
import { createHealthRoutes, apiNotFound, problemHandler, correlation, requestLog, type HealthCheck } from '@e-contract/platform/http';
import { createMetricsRoutes, httpMetrics } from '@e-contract/platform/metrics';
import type { Config } from '@e-contract/platform/config';
import { createEmbedPageRoutes } from '../embedding/embed-page-routes.js';
import { createQueryRouter, type QueryDeps } from './query-router.js';

export interface QueryAppDeps extends QueryDeps {
  /** Express's `trust proxy` (behind the gateway: the client's IP from `X-Forwarded-For`). */
  trustProxy?: boolean | number | string;
  /** `GET /api/health` when the query side runs alone. */
  health?: HealthCheck;
  /** `GET /metrics` when the query side runs alone: who may read it and the `DATA_DIR` it measures. */
  metrics?: Pick<Config, 'metricsToken' | 'metricsAllow' | 'dataDir'>;
  /** The web app's build, whose index.html is the embedded signing page (`/embed/*`); absent: no embedded pages. */
  webAppDir?: string;
}

/**
 * The query side's HTTP API alone (production: the gateway routes the query paths here):
 * correlation id, one log line per request (path without the query string: an `access_token` may
 * ride there), request metrics, the query routes, problem+json 404 for unknown `/api` paths and for
 * every error.
 */
export function createQueryApp(deps: QueryAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(correlation, requestLog(deps.logger), httpMetrics());
  if (deps.health) app.use(createHealthRoutes(deps.health));
  if (deps.metrics) app.use(createMetricsRoutes({ service: 'query-side', config: deps.metrics }));
  app.use(createQueryRouter(deps));
  if (deps.webAppDir && deps.eventStore)
    app.use(createEmbedPageRoutes({ eventStore: deps.eventStore, webAppDir: deps.webAppDir, logger: deps.logger }));
  app.use('/api', apiNotFound);
  app.use(problemHandler(deps.logger));
  return app;
}
