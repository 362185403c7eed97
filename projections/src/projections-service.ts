import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import type { Config } from '@e-contract/platform/config';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import { openEventStore as openConfiguredEventStore } from '@e-contract/platform/event-store/open';
import { bindToEventStore } from './event-store-binding.js';
import { ALL_PROJECTIONS } from './read-models/all-projections.js';
import type { ReadStore } from './read-store.js';
import { MongoReadStore } from './read-store/mongo-read-store.js';
import { SqliteReadStore, type SqliteReadStoreOptions } from './read-store/sqlite-read-store.js';
import { ProjectionRunner, type ProjectionPosition } from './runner/projection-runner.js';

/** The embedded read store's file in `<DATA_DIR>`. */
export const READ_MODELS_FILE = 'read-models.sqlite';

export type SubscribableEventStore = EventStore & EventSubscriber;

/** The projections service's own knobs, beside the shared `Config`; from the environment. */
export interface ProjectionsSettings {
  /** `PROJECTIONS_BATCH_SIZE`: most events per batch of a projection (default 500). */
  batchSize: number;
  /** `PROJECTIONS_BATCH_DELAY_MS`: a pause before each projection batch, for tests that need one in flight (default 0). */
  batchDelayMs: number;
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
  };
}

/** The event store the configuration names: EventStoreDB when `EVENTSTORE_URL` is set, else `<DATA_DIR>/events.sqlite`. */
export function openEventStore(config: Pick<Config, 'eventStoreUrl' | 'dataDir' | 'mongodbUrl' | 'production'>): SubscribableEventStore {
  return openConfiguredEventStore(config);
}

/** The read store the configuration names: MongoDB when `MONGODB_URL` is set, else `<DATA_DIR>/read-models.sqlite`. */
export async function openReadStore(
  config: Pick<Config, 'mongodbUrl' | 'dataDir'>,
  embedded: SqliteReadStoreOptions = {},
): Promise<ReadStore> {
  if (config.mongodbUrl) return MongoReadStore.connect(config.mongodbUrl);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore(join(config.dataDir, READ_MODELS_FILE), embedded);
}

/** What the all-in-one composition may share with the projections service; the rest is made from `config`. */
export interface ProjectionsDeps {
  logger?: Logger;
  /** Shared stores are not closed by `close()`; the ones made here are. */
  eventStore?: SubscribableEventStore;
  readStore?: ReadStore;
  settings?: Partial<ProjectionsSettings>;
}

export interface RunningProjections {
  runner: ProjectionRunner;
  eventStore: SubscribableEventStore;
  readStore: ReadStore;
  status(): Promise<ProjectionPosition[]>;
  /** Stops the runner (batches in flight finish), then closes the stores made here. */
  close(): Promise<void>;
}

/**
 * Starts the projections service: the runner with every read model. Used by `main.ts` (its own
 * process) and by the host's background worker (beside the command side's reactors).
 */
export async function startProjections(config: Config, deps: ProjectionsDeps = {}): Promise<RunningProjections> {
  const logger = deps.logger ?? pino({ level: config.logLevel });
  const settings = { ...loadProjectionsSettings(), ...deps.settings };
  const eventStore = deps.eventStore ?? openEventStore(config);
  let readStore: ReadStore;
  try {
    readStore = deps.readStore ?? (await openReadStore(config, { walCheckpoints: 'thread' }));
  } catch (error) {
    if (!deps.eventStore) await eventStore.close();
    throw error;
  }
  try {
    // Before the first checkpoint is read: a read store built from another log refuses to start.
    await bindToEventStore(readStore, eventStore);
  } catch (error) {
    if (!deps.readStore) await readStore.close();
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
  runner.start();
  logger.info(
    {
      eventStore: config.eventStoreUrl ? 'eventstoredb' : 'sqlite',
      readStore: config.mongodbUrl ? 'mongodb' : 'sqlite',
      dataDir: config.dataDir,
      projections: runner.names,
    },
    'projections started',
  );

  let closing: Promise<void> | null = null;
  return {
    runner,
    eventStore,
    readStore,
    async status() {
      return runner.positions();
    },
    close() {
      closing ??= (async () => {
        await runner.stop();
        if (!deps.readStore) await readStore.close();
        if (!deps.eventStore) await eventStore.close();
      })();
      return closing;
    },
  };
}
