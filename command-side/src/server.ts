import type { SealingStore } from '@e-contract/platform/personal-data';
import { PersonErasure } from './persons/person-erasure.js';
import { EmbedSessionHandler } from './embedding/embed-session-handler.js';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import type { HealthReport } from '@e-contract/contracts';
import {
  ApiKeyVerifier,
  OidcTokenVerifier,
  TokenService,
  anyOfVerifiers,
  loadOrCreateSecrets,
  withApiKeys,
  withCurrentInvitations,
  type TokenVerifier,
  type Secrets,
  webhookSealKey,
} from '@e-contract/platform/auth';
import { outboundPolicyOf } from '@e-contract/platform/outbound';
import { WebhookCommandHandler } from './webhooks/webhook-command-handler.js';
import { LocalUserDirectory, seedDemoUsers } from './auth/local-user-directory.js';
import type { Config } from '@e-contract/platform/config';
import { FileDocumentStore } from './documents/file-document-store.js';
import { StaticEdoAgreementCatalog } from './edo-agreement/edo-agreement.js';
import type { EventStore } from '@e-contract/platform/event-store';
import { createApp, type AppDeps } from './http/app.js';
import { closeServer, listen } from '@e-contract/platform/http';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { EventStoreIdempotencyStore } from './idempotency/event-store-idempotency-store.js';
import { HttpIdentificationProvider } from './identification/http-identification-provider.js';
import { SandboxIdentificationProvider } from './identification/sandbox-identification-provider.js';
import { DevOutboxNotifier } from './notifications/dev-outbox-notifier.js';
import { productionNotifier } from './notifications/production-notifier.js';
import { countedNotifier } from './notifications/counted-notifier.js';
import { DadataCompanyRegistry } from './registries/dadata-company-registry.js';
import { FixtureCompanyRegistry } from './registries/fixture-company-registry.js';
import { FixtureNpdRegistry } from './registries/fixture-npd-registry.js';
import { FnsNpdRegistry } from './registries/fns-npd-registry.js';
import { TEST_PERSONAS } from './registries/test-personas.js';
import { SigningCommandHandler } from './signing/command-handler.js';
import { EdoAcceptanceIndex } from './signing/edo-acceptance-index.js';
import { InviteTokenIndex } from './auth/invite-token-index.js';
import { ExternalIdIndex } from './signing/external-id-index.js';
import { IntegrationCommandHandler } from './integrations/integration-handler.js';
import { BatchLog } from './batches/batch-log.js';
import { BatchRunner } from './batches/batch-runner.js';

export interface RunningServer {
  server: Server;
  url: string;
  store: EventStore;
  close(): Promise<void>;
}

/** The command side's adapters, wired by configuration (embedded stand-ins by default). */
export interface CommandSide {
  deps: Omit<AppDeps, 'health' | 'trustProxy' | 'metrics'>;
  store: EventStore;
  secrets: Secrets;
  /** Embedded mode only. */
  outbox: DevOutboxNotifier | null;
}

/**
 * The composition root of the command side. `urls.internal` is where this process itself answers
 * (the sandbox calls the identification callback there); `urls.public` goes into links to signers.
 */
export async function buildCommandSide(
  config: Config,
  logger: Logger,
  urls: { internal: string; public: string },
  store: EventStore & SealingStore = openEventStore(config),
): Promise<CommandSide> {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = () => new Date();
  const secrets = loadOrCreateSecrets(config.dataDir, process.env, config.production);
  if (!config.production) await seedDemoUsers(config.dataDir, config.demoPassword ?? undefined);

  const sessions = new TokenService({ secret: secrets.jwtSecret, acceptEmployeeTokens: !config.production });
  const people: TokenVerifier =
    config.production && config.oidcIssuer
      ? anyOfVerifiers(new OidcTokenVerifier({ issuer: config.oidcIssuer, audience: config.oidcAudience ?? 'e-contract' }), sessions)
      : sessions;
  // `ec_…` API keys of integrations, authenticated from the event store on every request.
  const tokens = withApiKeys(withCurrentInvitations(people, store), new ApiKeyVerifier(store, { clock, logger }));
  const outbox = config.production ? null : new DevOutboxNotifier(config.dataDir);
  const publicUrl = urls.public;

  const handler = new SigningCommandHandler(store, clock);
  const deps: Omit<CommandSide['deps'], 'batches'> = {
    logger,
    handler,
    embedSessions: new EmbedSessionHandler(store, handler, clock),
    documents: new FileDocumentStore(config.dataDir),
    notifier: countedNotifier(outbox ?? productionNotifier(config)),
    identification: config.production
      ? new HttpIdentificationProvider({
          componentUrl: config.identificationUrl ?? '',
          callbackUrl: `${publicUrl}/api/identification/callback`,
        })
      : new SandboxIdentificationProvider(publicUrl),
    companies: config.production ? new DadataCompanyRegistry({ apiKey: config.dadataApiKey ?? '' }) : new FixtureCompanyRegistry(),
    npd: config.production ? new FnsNpdRegistry() : new FixtureNpdRegistry(),
    edoAgreements: new StaticEdoAgreementCatalog(),
    edoIndex: new EdoAcceptanceIndex(store, clock, (inn) => store.personalData.innLookup(inn)),
    externalIds: new ExternalIdIndex(store, secrets.inviteTokenSecret, clock),
    inviteTokens: new InviteTokenIndex(store, clock),
    organizationName: config.organizationName,
    integrations: new IntegrationCommandHandler(store, clock),
    persons: new PersonErasure({ store, clock, retentionDays: config.personalDataRetentionDays }),
    idempotency: new EventStoreIdempotencyStore(store, clock),
    users: new LocalUserDirectory(config.dataDir),
    sessions,
    tokens,
    secrets,
    publicUrl,
    clock,
    webhooks: {
      handler: new WebhookCommandHandler(store, clock),
      eventStore: store,
      sealKey: webhookSealKey(secrets),
      policy: outboundPolicyOf(config.production),
    },
    sandbox: outbox ? { outbox, personas: TEST_PERSONAS, callbackUrl: `${urls.internal}/api/identification/callback` } : null,
  };
  // Batches resume here after a restart: the runner works beside the requests of this process.
  const batchLog = new BatchLog(store, clock);
  const batches = { log: batchLog, runner: new BatchRunner(deps, batchLog) };
  batches.runner.start();
  return { deps: { ...deps, batches }, store, secrets, outbox };
}

/** The command side alone (`npm start -w command-side`). */
export async function startServer(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const { server, internalUrl, publicUrl, attach } = await listen(config);
  const { deps, store } = await buildCommandSide(config, logger, { internal: internalUrl, public: publicUrl });
  attach(createApp({ ...deps, trustProxy: config.trustProxy, metrics: config, health: () => commandSideHealth(store) }));
  logger.info(
    {
      url: publicUrl,
      eventStore: config.eventStoreUrl ? 'eventstoredb' : 'sqlite',
      dataDir: config.dataDir,
      production: config.production,
    },
    'E-contract command side is listening',
  );
  return {
    server,
    url: internalUrl,
    store,
    async close() {
      await closeServer(server);
      await deps.batches.runner.close();
      await store.close();
    },
  };
}

export async function commandSideHealth(store: EventStore): Promise<HealthReport> {
  const eventStoreUp = await store.ping().catch(() => false);
  return { status: eventStoreUp ? 'ok' : 'degraded', eventStore: eventStoreUp ? 'ok' : 'down', readStore: null, projections: null };
}
