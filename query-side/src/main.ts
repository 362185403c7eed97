import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import {
  ApiKeyVerifier,
  loadOrCreateSecrets,
  OidcTokenVerifier,
  TokenService,
  anyOfVerifiers,
  withApiKeys,
  withCurrentInvitations,
} from '@e-contract/platform/auth';
import { runService, type Config } from '@e-contract/platform/config';
import { closeServer, listen } from '@e-contract/platform/http';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { bindToEventStore, openReadStore } from '@e-contract/projections/service';
import { StandaloneProjectionAdmin } from './admin/standalone-projection-admin.js';
import { SubscriptionDealChanges } from './deals/deal-changes.js';
import { createEvidenceRoutes } from './evidence/evidence-routes.js';
import { PooledCertificateRenderer } from './evidence/certificate-renderer.js';
import { DataDirSignedDocumentFiles } from './evidence/signed-document-files.js';
import { PollingProjectionProgress } from './http/projection-progress.js';
import { createQueryApp } from './http/query-app.js';
import { openBranchCatalogue } from './branches/branch-catalogue.js';
import { systemHealth } from './http/system-health.js';

/**
 * `npm start -w query-side`: the query side alone, as in production behind a gateway. It reads the
 * read models the projections service writes, and tails the log for the live stream.
 */
async function startQuerySide(config: Config, logger: Logger): Promise<{ close(): Promise<void> }> {
  const eventStore = openEventStore(config);
  const readStore = await openReadStore(config);
  try {
    // Its waits compare checkpoints with command answers' positions: both must be of the same log.
    await bindToEventStore(readStore, eventStore);
  } catch (error) {
    await readStore.close();
    await eventStore.close();
    throw error;
  }
  const secrets = loadOrCreateSecrets(config.dataDir, process.env, config.production);
  const sessions = new TokenService({ secret: secrets.jwtSecret, acceptEmployeeTokens: !config.production });
  const people =
    config.production && config.oidcIssuer
      ? anyOfVerifiers(new OidcTokenVerifier({ issuer: config.oidcIssuer, audience: config.oidcAudience ?? 'e-contract' }), sessions)
      : sessions;
  // Integrations' API keys, authenticated from the event store this side reads anyway: a key the
  // command side revoked is refused here from the next request on (platform auth/api-keys).
  const tokens = withApiKeys(withCurrentInvitations(people, eventStore), new ApiKeyVerifier(eventStore, { logger }));
  const progress = new PollingProjectionProgress(readStore);
  const certificates = new PooledCertificateRenderer();
  const { server, publicUrl, attach } = await listen(config);
  attach(
    createQueryApp({
      readStore,
      tokens,
      progress,
      dealChanges: new SubscriptionDealChanges(eventStore, progress),
      projectionAdmin: new StandaloneProjectionAdmin(eventStore, readStore, logger),
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
      trustProxy: config.trustProxy,
      metrics: config,
      // The embedded signing page is the web app's index.html with its own frame-ancestors.
      webAppDir: process.env['WEB_APP_DIR'] ?? fileURLToPath(new URL('../../web-angular/dist/web-angular/browser/', import.meta.url)),
      // The projections run in their own process here: their positions are on GET /api/admin/projections.
      health: () => systemHealth(eventStore, readStore, null),
    }),
  );
  logger.info({ url: publicUrl }, 'E-contract query side is listening');
  return {
    async close() {
      await closeServer(server);
      await certificates.close();
      await readStore.close();
      await eventStore.close();
    },
  };
}

runService('E-contract query side', startQuerySide);
