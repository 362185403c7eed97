import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { FileArchive } from '@e-contract/command-side/dist/archive/file-archive.js';
import type { Archive } from '@e-contract/command-side/dist/archive/archive.js';
import { loadOrCreateSecrets, type Secrets } from '@e-contract/command-side/dist/auth/secrets.js';
import type { Config } from '@e-contract/command-side/dist/config.js';
import type { DocumentStore } from '@e-contract/command-side/dist/documents/document-store.js';
import { FileDocumentStore } from '@e-contract/command-side/dist/documents/file-document-store.js';
import { StaticEdoAgreementCatalog, type EdoAgreementCatalog } from '@e-contract/command-side/dist/edo-agreement/edo-agreement.js';
import type { EventStore } from '@e-contract/command-side/dist/event-store/event-store.js';
import type { EventSubscriber } from '@e-contract/command-side/dist/event-store/subscription.js';
import { DevOutboxNotifier } from '@e-contract/command-side/dist/notifications/dev-outbox-notifier.js';
import { openEventStore as openCommandEventStore, productionNotifier } from '@e-contract/command-side/dist/server.js';
import type { Notifier } from '@e-contract/command-side/dist/notifications/notifier.js';
import { SigningCommandHandler } from '@e-contract/command-side/dist/signing/command-handler.js';
import { ArchiveReactor } from './reactors/archive-reactor.js';
import { ExpiryReactor } from './reactors/expiry-reactor.js';
import { InvitationReactor } from './reactors/invitation-reactor.js';
import { ReactorRunner, type ReactorStatus } from './reactors/reactor.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import type { ReadStore } from './read-store.js';
import { MongoReadStore } from './read-store/mongo-read-store.js';
import { SqliteReadStore } from './read-store/sqlite-read-store.js';
import { ProjectionRunner, type ProjectionPosition } from './runner/projection-runner.js';

/** The embedded event store's file in `<DATA_DIR>` (as `command-side/src/server.ts` names it). */
/** The embedded read store's file in `<DATA_DIR>`. */
export const READ_MODELS_FILE = 'read-models.sqlite';

export type SubscribableEventStore = EventStore & EventSubscriber;

/** The projections service's own knobs, beside the shared `Config`; from the environment. */
export interface ProjectionsSettings {
  /** `PROJECTIONS_BATCH_SIZE`: most events per batch of a projection or reactor (default 500). */
  batchSize: number;
  /** `PROJECTIONS_BATCH_DELAY_MS`: a pause before each projection batch, for tests that need one in flight (default 0). */
  batchDelayMs: number;
  /** `EXPIRY_SWEEP_INTERVAL_MS`: time between expiry sweeps (default 5,000). */
  expirySweepIntervalMs: number;
  /** `PROJECTIONS_REACTORS=off` runs the read models only (default on). */
  reactors: boolean;
}

export function loadProjectionsSettings(env: NodeJS.ProcessEnv = process.env): ProjectionsSettings {
  const positive = (name: string, fallback: number, min: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${text}"`);
    return value;
  };
  return {
    batchSize: positive('PROJECTIONS_BATCH_SIZE', 500, 1),
    batchDelayMs: positive('PROJECTIONS_BATCH_DELAY_MS', 0, 0),
    expirySweepIntervalMs: positive('EXPIRY_SWEEP_INTERVAL_MS', 5_000, 10),
    reactors: env['PROJECTIONS_REACTORS']?.trim().toLowerCase() !== 'off',
  };
}

/** The event store the configuration names: EventStoreDB when `EVENTSTORE_URL` is set, else `<DATA_DIR>/events.sqlite`. */
export function openEventStore(config: Pick<Config, 'eventStoreUrl' | 'dataDir'>): SubscribableEventStore {
  return openCommandEventStore(config);
}

/** The read store the configuration names: MongoDB when `MONGODB_URL` is set, else `<DATA_DIR>/read-models.sqlite`. */
export async function openReadStore(config: Pick<Config, 'mongodbUrl' | 'dataDir'>): Promise<ReadStore> {
  if (config.mongodbUrl) return MongoReadStore.connect(config.mongodbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore(join(config.dataDir, READ_MODELS_FILE));
}

/** What the all-in-one composition may share with the projections service; the rest is made from `config`. */
export interface ProjectionsDeps {
  logger?: Logger;
  /** Shared stores are not closed by `close()`; the ones made here are. */
  eventStore?: SubscribableEventStore;
  readStore?: ReadStore;
  /** In embedded mode pass the app's `DevOutboxNotifier`, so that `GET /api/dev/outbox` shows the invitations at once. */
  notifier?: Notifier;
  documents?: DocumentStore;
  archive?: Archive;
  handler?: SigningCommandHandler;
  secrets?: Secrets;
  edoAgreements?: EdoAgreementCatalog;
  clock?: () => Date;
  settings?: Partial<ProjectionsSettings>;
}

export interface RunningProjections {
  runner: ProjectionRunner;
  reactors: ReactorRunner;
  expiry: ExpiryReactor | null;
  eventStore: SubscribableEventStore;
  readStore: ReadStore;
  status(): Promise<{ projections: ProjectionPosition[]; reactors: ReactorStatus[] }>;
  /** Stops the runner and the reactors (batches in flight finish), then closes the stores made here. */
  close(): Promise<void>;
}

/**
 * Starts the projections service: the runner with every read model, and the invitation, archive
 * and expiry reactors (unless `PROJECTIONS_REACTORS=off`). Used by `main.ts` (its own process)
 * and by the all-in-one composition (in-process, with a shared event store).
 */
export async function startProjections(config: Config, deps: ProjectionsDeps = {}): Promise<RunningProjections> {
  const logger = deps.logger ?? pino({ level: config.logLevel });
  const settings = { ...loadProjectionsSettings(), ...deps.settings };
  const clock = deps.clock ?? (() => new Date());
  const eventStore = deps.eventStore ?? openEventStore(config);
  let readStore: ReadStore;
  try {
    readStore = deps.readStore ?? (await openReadStore(config));
  } catch (error) {
    if (!deps.eventStore) await eventStore.close();
    throw error;
  }

  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections: ALL_PROJECTIONS,
    logger: logger.child({ component: 'projections' }),
    batchSize: settings.batchSize,
    batchDelayMs: settings.batchDelayMs,
  });
  const reactors = new ReactorRunner({
    subscriber: eventStore,
    readStore,
    logger: logger.child({ component: 'reactors' }),
    batchSize: Math.min(settings.batchSize, 100),
  });
  let expiry: ExpiryReactor | null = null;

  runner.start();
  if (settings.reactors) {
    const handler = deps.handler ?? new SigningCommandHandler(eventStore, clock);
    const edoAgreements = deps.edoAgreements ?? new StaticEdoAgreementCatalog();
    const secrets = deps.secrets ?? loadOrCreateSecrets(config.dataDir, process.env, config.production);
    const notifier = deps.notifier ?? (config.production ? productionNotifier(config) : new DevOutboxNotifier(config.dataDir));
    const reactorLogger = logger.child({ component: 'reactors' });
    reactors.start(
      new InvitationReactor({
        handler,
        notifier,
        publicUrl: config.publicUrl,
        inviteTokenSecret: secrets.inviteTokenSecret,
        edoAgreements,
        clock,
        logger: reactorLogger,
      }),
    );
    reactors.start(
      new ArchiveReactor({
        handler,
        documents: deps.documents ?? new FileDocumentStore(config.dataDir),
        archive: deps.archive ?? new FileArchive(config.dataDir),
        edoAgreements,
        clock,
        logger: reactorLogger,
      }),
    );
    expiry = new ExpiryReactor({
      readStore,
      handler,
      edoAgreements,
      clock,
      logger: reactorLogger,
      intervalMs: settings.expirySweepIntervalMs,
    });
    expiry.start();
  }
  logger.info(
    {
      eventStore: config.eventStoreUrl ? 'eventstoredb' : 'sqlite',
      readStore: config.mongodbUrl ? 'mongodb' : 'sqlite',
      dataDir: config.dataDir,
      projections: runner.names,
      reactors: settings.reactors,
    },
    'projections started',
  );

  let closing: Promise<void> | null = null;
  return {
    runner,
    reactors,
    expiry,
    eventStore,
    readStore,
    async status() {
      return { projections: await runner.positions(), reactors: reactors.statuses() };
    },
    close() {
      closing ??= (async () => {
        await Promise.all([runner.stop(), reactors.stop(), expiry?.stop()]);
        if (!deps.readStore) await readStore.close();
        if (!deps.eventStore) await eventStore.close();
      })();
      return closing;
    },
  };
}
