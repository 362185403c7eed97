import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { OidcTokenVerifier, TokenService, anyOfVerifiers, type TokenVerifier } from './auth/tokens.js';
import { loadOrCreateSecrets } from './auth/secrets.js';
import { LocalUserDirectory, seedDemoUsers } from './auth/local-user-directory.js';
import type { Config } from './config.js';
import { FileDocumentStore } from './documents/file-document-store.js';
import { StaticEdoAgreementCatalog } from './edo-agreement/edo-agreement.js';
import { EventStoreDbEventStore } from './event-store/eventstoredb-event-store.js';
import type { EventStore } from './event-store/event-store.js';
import type { EventSubscriber } from './event-store/subscription.js';
import { SqliteEventStore } from './event-store/sqlite-event-store.js';
import { createApp, type AppDeps } from './http/app.js';
import { PROBLEM_BASE } from './http/problem.js';
import type { Secrets } from './auth/secrets.js';
import type { HealthReport } from './http/health.js';
import { EventStoreIdempotencyStore } from './idempotency/event-store-idempotency-store.js';
import { HttpIdentificationProvider } from './identification/http-identification-provider.js';
import { SandboxIdentificationProvider } from './identification/sandbox-identification-provider.js';
import { DevOutboxNotifier } from './notifications/dev-outbox-notifier.js';
import { HttpSmsNotifier } from './notifications/http-sms-notifier.js';
import { ChannelNotifier } from './notifications/channel-notifier.js';
import { SmtpEmailNotifier } from './notifications/smtp-email-notifier.js';
import { DadataCompanyRegistry } from './registries/dadata-company-registry.js';
import { FixtureCompanyRegistry } from './registries/fixture-company-registry.js';
import { FixtureNpdRegistry } from './registries/fixture-npd-registry.js';
import { FnsNpdRegistry } from './registries/fns-npd-registry.js';
import { TEST_PERSONAS } from './registries/test-personas.js';
import { SigningCommandHandler } from './signing/command-handler.js';
import { EdoAcceptanceIndex } from './signing/edo-acceptance-index.js';

export interface RunningServer {
  server: Server;
  url: string;
  store: EventStore;
  close(): Promise<void>;
}

export const EMBEDDED_EVENT_STORE_FILE = 'events.sqlite';

/** The command side's adapters, wired by configuration (embedded stand-ins by default). */
export interface CommandSide {
  deps: Omit<AppDeps, 'health' | 'trustProxy'>;
  store: EventStore;
  secrets: Secrets;
  /** Embedded mode only. */
  outbox: DevOutboxNotifier | null;
}

/** Opens the event store the configuration names: EventStoreDB when `EVENTSTORE_URL` is set, else the SQLite file. */
export function openEventStore(config: Pick<Config, 'eventStoreUrl' | 'dataDir'>): EventStore & EventSubscriber {
  if (config.eventStoreUrl) return EventStoreDbEventStore.connect(config.eventStoreUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open(join(config.dataDir, EMBEDDED_EVENT_STORE_FILE));
}

/**
 * The composition root of the command side. `urls.internal` is where this process itself answers
 * (the sandbox calls the identification callback there); `urls.public` goes into links to signers.
 */
export async function buildCommandSide(
  config: Config,
  logger: Logger,
  urls: { internal: string; public: string },
  store: EventStore = openEventStore(config),
): Promise<CommandSide> {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = () => new Date();
  const secrets = loadOrCreateSecrets(config.dataDir, process.env, config.production);
  if (!config.production) await seedDemoUsers(config.dataDir, config.demoPassword ?? undefined);

  const sessions = new TokenService({ secret: secrets.jwtSecret, acceptEmployeeTokens: !config.production });
  const tokens: TokenVerifier =
    config.production && config.oidcIssuer
      ? anyOfVerifiers(new OidcTokenVerifier({ issuer: config.oidcIssuer, audience: config.oidcAudience ?? 'e-contract' }), sessions)
      : sessions;
  const outbox = config.production ? null : new DevOutboxNotifier(config.dataDir);
  const publicUrl = urls.public;

  const deps: CommandSide['deps'] = {
    logger,
    handler: new SigningCommandHandler(store, clock),
    documents: new FileDocumentStore(config.dataDir),
    notifier: outbox ?? productionNotifier(config),
    identification: config.production
      ? new HttpIdentificationProvider({
          componentUrl: config.identificationUrl ?? '',
          callbackUrl: `${publicUrl}/api/identification/callback`,
        })
      : new SandboxIdentificationProvider(publicUrl),
    companies: config.production ? new DadataCompanyRegistry({ apiKey: config.dadataApiKey ?? '' }) : new FixtureCompanyRegistry(),
    npd: config.production ? new FnsNpdRegistry() : new FixtureNpdRegistry(),
    edoAgreements: new StaticEdoAgreementCatalog(),
    edoIndex: new EdoAcceptanceIndex(store, clock),
    idempotency: new EventStoreIdempotencyStore(store, clock),
    users: new LocalUserDirectory(config.dataDir),
    sessions,
    tokens,
    secrets,
    publicUrl,
    clock,
    sandbox: outbox ? { outbox, personas: TEST_PERSONAS, callbackUrl: `${urls.internal}/api/identification/callback` } : null,
  };
  return { deps, store, secrets, outbox };
}

/**
 * Binds the port first, so that the sandbox knows the callback address even when the system chose
 * it (PORT=0). Until `attach` hands over the app, every request is answered 503 with Retry-After
 * (start-up seeds users and opens stores): none waits unanswered.
 */
export async function listen(
  config: Config,
): Promise<{ server: Server; port: number; internalUrl: string; publicUrl: string; attach: (app: RequestListener) => void }> {
  const server = createServer(startingUp);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const attach = (app: RequestListener) => {
    server.removeListener('request', startingUp);
    server.on('request', app);
  };
  return { server, port, internalUrl: `http://127.0.0.1:${port}`, publicUrl: config.publicUrl.replace(/:0$/, `:${port}`), attach };
}

function startingUp(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1' });
  res.end(
    JSON.stringify({
      type: `${PROBLEM_BASE}starting`,
      title: 'Starting',
      status: 503,
      detail: 'The service is starting; try again in a moment',
    }),
  );
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The command side alone (`npm start -w command-side`). */
export async function startServer(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const { server, internalUrl, publicUrl, attach } = await listen(config);
  const { deps, store } = await buildCommandSide(config, logger, { internal: internalUrl, public: publicUrl });
  attach(createApp({ ...deps, trustProxy: config.trustProxy, health: () => commandSideHealth(store) }));
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
      await store.close();
    },
  };
}

export async function commandSideHealth(store: EventStore): Promise<HealthReport> {
  const eventStoreUp = await store.ping().catch(() => false);
  return { status: eventStoreUp ? 'ok' : 'degraded', eventStore: eventStoreUp ? 'ok' : 'down', readStore: null, projections: null };
}

/** Production: SMS through the gateway, e-mail over SMTP (both required by `loadConfig` in production). */
export function productionNotifier(config: Config): ChannelNotifier {
  return new ChannelNotifier({
    sms: new HttpSmsNotifier({ url: config.smsGatewayUrl ?? '', apiKey: config.smsGatewayKey ?? '' }),
    email: new SmtpEmailNotifier({ url: config.smtpUrl ?? '', from: config.mailFrom ?? '' }),
  });
}
