import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { Config } from '@e-contract/command-side/dist/config.js';
import type { EventStore } from '@e-contract/command-side/dist/event-store/event-store.js';
import { createCommandRouter } from '@e-contract/command-side/dist/http/app.js';
import { createHealthRoutes, type HealthReport } from '@e-contract/command-side/dist/http/health.js';
import { apiNotFound, problemHandler } from '@e-contract/command-side/dist/http/problem-handler.js';
import { correlation, requestLog } from '@e-contract/command-side/dist/http/request-context.js';
import { buildCommandSide, closeServer, listen, openEventStore } from '@e-contract/command-side/dist/server.js';
import type { ReadStore } from '@e-contract/projections';
import { openReadStore, startProjections, type RunningProjections } from '@e-contract/projections/dist/projections-service.js';
import { projectionAdminOf } from './admin/admin-routes.js';
import { signerReachOf } from './deals/deal-access.js';
import { SubscriptionDealChanges } from './deals/deal-changes.js';
import { createEvidenceRoutes } from './evidence/evidence-routes.js';
import { PollingProjectionProgress } from './http/projection-progress.js';
import { createQueryRouter } from './http/query-router.js';
import { serveWebApp } from './http/web-app.js';

export interface RunningSystem {
  server: Server;
  /** Where this process answers (loopback). */
  url: string;
  eventStore: EventStore;
  readStore: ReadStore;
  projections: RunningProjections;
  close(): Promise<void>;
}

/**
 * `npm start`: the whole system in one process on one port (API.md, "Running"): the command side,
 * the projections and reactors, the query side and the Angular app's production build (when it was
 * built), sharing one event store (so subscriptions are woken at once by an append) and one dev outbox.
 */
export async function startSystem(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningSystem> {
  const { server, internalUrl, publicUrl, attach } = await listen(config);
  const systemConfig: Config = { ...config, publicUrl };
  const eventStore = openEventStore(config);
  const command = await buildCommandSide(systemConfig, logger, { internal: internalUrl, public: publicUrl }, eventStore);
  const readStore = await openReadStore(config);
  const projections = await startProjections(systemConfig, {
    logger,
    eventStore,
    readStore,
    notifier: command.deps.notifier,
    documents: command.deps.documents,
    handler: command.deps.handler,
    secrets: command.secrets,
    edoAgreements: command.deps.edoAgreements,
  });
  const progress = new PollingProjectionProgress(readStore);
  const stopNotifying = projections.runner.onApplied((name, position) => progress.notify(name, position));

  const app: Express = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(correlation, requestLog(logger));
  app.use(createHealthRoutes(() => systemHealth(eventStore, readStore, projections)));
  app.use(createCommandRouter({ ...command.deps, signerReach: signerReachOf(readStore) }));
  app.use(
    createQueryRouter({
      readStore,
      tokens: command.deps.tokens,
      progress,
      dealChanges: new SubscriptionDealChanges(eventStore, progress),
      projectionAdmin: projectionAdminOf(projections.runner),
      logger,
      evidenceRoutes: createEvidenceRoutes({ readStore, eventStore, logger, clock: () => new Date() }),
    }),
  );
  serveWebApp(app, process.env['WEB_APP_DIR'] ?? fileURLToPath(new URL('../../web-angular/dist/web-angular/browser/', import.meta.url)));
  app.use('/api', apiNotFound);
  app.use(problemHandler(logger));
  attach(app);
  logger.info(
    {
      url: publicUrl,
      eventStore: config.eventStoreUrl ? 'eventstoredb' : 'sqlite',
      readStore: config.mongodbUrl ? 'mongodb' : 'sqlite',
      dataDir: config.dataDir,
      production: config.production,
    },
    'E-contract is listening',
  );

  return {
    server,
    url: internalUrl,
    eventStore,
    readStore,
    projections,
    async close() {
      stopNotifying();
      await closeServer(server);
      await projections.close();
      await readStore.close();
      await eventStore.close();
    },
  };
}

/** API.md's health: 200 when the system can serve, 503 naming what is down. */
export async function systemHealth(
  eventStore: EventStore,
  readStore: ReadStore,
  projections: RunningProjections | null,
): Promise<HealthReport> {
  const [eventStoreUp, readStoreUp] = await Promise.all([eventStore.ping().catch(() => false), readStore.ping().catch(() => false)]);
  return {
    status: eventStoreUp && readStoreUp ? 'ok' : 'degraded',
    eventStore: eventStoreUp ? 'ok' : 'down',
    readStore: readStoreUp ? 'ok' : 'down',
    projections: projections ? await projectionsHealth(projections) : null,
  };
}

/** The lowest checkpoint (`null` until every read model has one) and the largest lag. */
async function projectionsHealth(projections: RunningProjections): Promise<{ position: string | null; lag: number }> {
  const positions = await projections.runner.positions().catch(() => []);
  const checkpoints = positions.map((p) => p.position).filter((p): p is string => p !== null);
  const position =
    checkpoints.length === positions.length && checkpoints.length > 0
      ? checkpoints.reduce((a, b) => (BigInt(a) <= BigInt(b) ? a : b))
      : null;
  return { position, lag: positions.reduce((max, p) => Math.max(max, p.lag), 0) };
}
