import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import {
  BacklogAdmission,
  type BacklogAdmissionSettings,
  buildCommandSide,
  createCommandRouter,
  loadBacklogAdmissionSettings,
  problemOfError,
} from '@e-contract/command-side';
import type { Config } from '@e-contract/platform/config';
import { hasLocalAppendSignals, type EventStore } from '@e-contract/platform/event-store';
import { openEventStore } from '@e-contract/platform/event-store/open';
import {
  apiNotFound,
  closeServer,
  correlation,
  createHealthRoutes,
  listen,
  problemHandler,
  requestLog,
  securityHeaders,
} from '@e-contract/platform/http';
import { createMetricsRoutes, httpMetrics } from '@e-contract/platform/metrics';
import type { ReadStore } from '@e-contract/projections';
import { bindToEventStore, openReadStore } from '@e-contract/projections/service';
import { BackgroundWorker } from './background-worker.js';
import type { WebhookDeliverySettings } from './background.js';
import { systemMetrics } from './system-metrics.js';
import {
  PollingProjectionProgress,
  SubscriptionDealChanges,
  createEmbedPageRoutes,
  createEvidenceRoutes,
  PooledCertificateRenderer,
  DataDirSignedDocumentFiles,
  createQueryRouter,
  openBranchCatalogue,
  serveWebApp,
  signerReachOf,
  systemHealth,
} from '@e-contract/query-side';

/** The reactor whose backlog holds creations back (`InvitationReactor.name`). */
const INVITATIONS_REACTOR = 'invitations';

export interface RunningSystem {
  server: Server;
  /** The HTTP application (its routes: the access matrix walks them). */
  app: Express;
  /** Where this process answers (loopback). */
  url: string;
  eventStore: EventStore;
  readStore: ReadStore;
  /** The projections and reactors, in their thread. */
  background: BackgroundWorker;
  close(): Promise<void>;
}

/**
 * `npm start`: the whole system in one process on one port (API.md, "Running"), on both cores. The
 * request thread answers HTTP — the command side, the query side and the Angular app's production
 * build (when it was built); the embedded event store's group commits and their fsync run in its
 * writer thread; the projections and the reactors run in the background thread (`BackgroundWorker`)
 * over their own connections to the same `DATA_DIR`. The threads tell each other of their appends
 * (so subscriptions wake at once), and the background thread tells what the read models applied
 * (read-your-writes, the live board). `/metrics` merges both threads' metrics (`systemMetrics`).
 */
export interface SystemOptions {
  /** Webhook delivery's schedule and timeouts, for specs (the defaults are API.md's). */
  webhooks?: WebhookDeliverySettings;
  /** When creations wait for the invitations (default: `CREATE_BACKLOG_LIMIT_MS`, `CREATE_BACKLOG_WAIT_MS`). */
  admission?: BacklogAdmissionSettings;
}

export async function startSystem(
  config: Config,
  logger: Logger = pino({ level: config.logLevel }),
  options: SystemOptions = {},
): Promise<RunningSystem> {
  const { server, internalUrl, publicUrl, attach } = await listen(config);
  const systemConfig: Config = { ...config, publicUrl };
  const eventStore = openEventStore(config, { writer: 'thread' });
  const command = await buildCommandSide(systemConfig, logger, { internal: internalUrl, public: publicUrl }, eventStore);
  const readStore = await openReadStore(config);
  // Refuses here, before the background thread starts, a read store built from another event log.
  await bindToEventStore(readStore, eventStore);
  // Started after the command side: that one creates the secrets and seeds the users the thread reads.
  const background = await BackgroundWorker.start(systemConfig, logger, options.webhooks);
  const progress = new PollingProjectionProgress(readStore);
  // Certificates render in worker threads with a time budget: one odd document cannot stall the rest.
  const certificates = new PooledCertificateRenderer();
  // Creations wait while the invitations are behind, so that the rate accepted is the rate kept.
  const admission = new BacklogAdmission(options.admission ?? loadBacklogAdmissionSettings());
  const unwire = [
    background.onApplied((name, position) => progress.notify(name, position)),
    background.onBacklog((reactor, since) => {
      if (reactor === INVITATIONS_REACTOR) admission.report(since);
    }),
    ...(hasLocalAppendSignals(eventStore)
      ? [
          eventStore.onAppended((position) => background.notifyAppended(position)),
          background.onAppended((position) => eventStore.notifyAppended(position)),
        ]
      : []),
  ];

  const app: Express = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(correlation, requestLog(logger), httpMetrics());
  // npm start serves browsers itself: the headers the production gateway would add.
  app.use(securityHeaders({ https: publicUrl.startsWith('https:') }));
  app.use(createHealthRoutes(() => systemHealth(eventStore, readStore, background)));
  app.use(createMetricsRoutes({ service: 'all-in-one', config, gather: systemMetrics(background, logger) }));
  app.use(createCommandRouter({ ...command.deps, signerReach: signerReachOf(readStore), admission }));
  app.use(
    createQueryRouter({
      readStore,
      tokens: command.deps.tokens,
      progress,
      dealChanges: new SubscriptionDealChanges(eventStore, progress),
      projectionAdmin: { list: () => background.positions(), rebuild: (name) => background.requestRebuild(name) },
      logger,
      eventStore,
      branches: openBranchCatalogue(config),
      evidenceRoutes: createEvidenceRoutes({
        readStore,
        eventStore,
        logger,
        clock: () => new Date(),
        progress,
        certificates,
        documentFiles: new DataDirSignedDocumentFiles(config.dataDir),
        personalData: eventStore.personalData,
      }),
    }),
  );
  const webAppDir = process.env['WEB_APP_DIR'] ?? fileURLToPath(new URL('../../web-angular/dist/web-angular/browser/', import.meta.url));
  app.use(createEmbedPageRoutes({ eventStore, webAppDir, logger }));
  serveWebApp(app, webAppDir);
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
    app,
    url: internalUrl,
    eventStore,
    readStore,
    background,
    async close() {
      await closeServer(server);
      await command.deps.batches.runner.close();
      await certificates.close();
      await background.close();
      for (const stop of unwire) stop();
      await readStore.close();
      await eventStore.close();
    },
  };
}
