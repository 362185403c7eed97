import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { buildCommandSide, createCommandRouter, problemOfError } from '@e-contract/command-side';
import type { Config } from '@e-contract/platform/config';
import type { EventStore } from '@e-contract/platform/event-store';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { apiNotFound, closeServer, correlation, createHealthRoutes, listen, problemHandler, requestLog } from '@e-contract/platform/http';
import type { ReadStore } from '@e-contract/projections';
import { openReadStore, type RunningProjections } from '@e-contract/projections/service';
import { startBackground } from './background.js';
import {
  PollingProjectionProgress,
  SubscriptionDealChanges,
  createEvidenceRoutes,
  createQueryRouter,
  projectionAdminOf,
  serveWebApp,
  signerReachOf,
  systemHealth,
} from '@e-contract/query-side';

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
  const background = await startBackground(systemConfig, {
    logger,
    eventStore,
    readStore,
    reactors: {
      notifier: command.deps.notifier,
      documents: command.deps.documents,
      handler: command.deps.handler,
      secrets: command.secrets,
      edoAgreements: command.deps.edoAgreements,
    },
  });
  const { projections } = background;
  const progress = new PollingProjectionProgress(readStore);
  const stopNotifying = projections.runner.onApplied((name, position) => progress.notify(name, position));

  const app: Express = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(correlation, requestLog(logger));
  app.use(createHealthRoutes(() => systemHealth(eventStore, readStore, projections.runner)));
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
  app.use(problemHandler(logger, [problemOfError]));
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
      await background.close();
      await readStore.close();
      await eventStore.close();
    },
  };
}
