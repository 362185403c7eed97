import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '@e-contract/platform/config';
import {
  apiNotFound,
  beginStopping,
  closeServer,
  correlation,
  createHealthRoutes,
  listen,
  problemHandler,
  requestLog,
} from '@e-contract/platform/http';
import { createMetricsRoutes, httpMetrics } from '@e-contract/platform/metrics';
import { systemHealth } from '@e-contract/query-side';
import { startBackground, type RunningBackground } from './background.js';

export interface RunningBackgroundService {
  /** Where its health and metrics answer (loopback). */
  url: string;
  background: RunningBackground;
  close(): Promise<void>;
}

/**
 * The background process (projections and reactors) as a service of its own, the production form:
 * besides its work it listens on `PORT` for the operator and Prometheus only — `GET /api/health`
 * (its stores and the read models' checkpoints and lag, 200 or 503 as API.md's Health) and
 * `GET /metrics`. It serves no API: every other path is a 404 problem. The port is bound first,
 * so that health answers 503 while the stores open and the lanes start.
 */
export async function startBackgroundService(config: Config, logger: Logger): Promise<RunningBackgroundService> {
  const { server, internalUrl, attach } = await listen(config);
  let background: RunningBackground;
  try {
    background = await startBackground(config, { logger });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(correlation, requestLog(logger), httpMetrics());
  app.use(createHealthRoutes(() => systemHealth(background.eventStore, background.readStore, background.projections.runner)));
  app.use(createMetricsRoutes({ service: 'background', config }));
  app.use(apiNotFound);
  app.use(problemHandler(logger));
  attach(app);
  logger.info({ url: internalUrl, reactors: background.reactors !== null }, 'E-contract background is running');
  return {
    url: internalUrl,
    background,
    async close() {
      // Health says `stopping` while the lanes commit their batches and save their checkpoints.
      beginStopping(server);
      await background.close();
      await closeServer(server);
    },
  };
}
