import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { Config } from '../config/config.js';
import { notFound } from '../http/problem.js';
import { metricsAccess } from './metrics-access.js';
import { threadMetrics } from './thread-metrics.js';

export interface MetricsRoutesOptions {
  /** The `service` label of `econtract_build_info`: `command-side`, `query-side`, `background` or `all-in-one`. */
  service: string;
  /** Who may read (`METRICS_TOKEN`, `METRICS_ALLOW`) and whose file system to measure (`DATA_DIR`). */
  config: Pick<Config, 'metricsToken' | 'metricsAllow' | 'dataDir'>;
  /** The exposition to serve; by default this thread's registry. `npm start` merges its background thread's in. */
  gather?: () => Promise<string>;
}

/**
 * `GET /metrics` in Prometheus text format, for Prometheus only: a caller that may not read it
 * (see `metricsAccess`) gets the same 404 problem as any path that does not exist — it learns
 * nothing, not even that the endpoint is there. The gateway does not route it either.
 */
export function createMetricsRoutes(options: MetricsRoutesOptions): Router {
  const metrics = threadMetrics();
  metrics.buildInfo.set({ service: options.service, version: buildVersion() }, 1);
  metrics.dataDir.observe(options.config.dataDir);
  const mayRead = metricsAccess(options.config);
  const gather = options.gather ?? (() => metrics.registry.metrics());

  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!mayRead(req)) throw notFound(`No endpoint ${req.method} ${req.path}`);
    const body = await gather();
    res.status(200).set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(body);
  });
  return router;
}

/** The version of the build: platform's package version (the packages are versioned together). */
function buildVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
