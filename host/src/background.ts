import type { Logger } from 'pino';
import { startReactors, type RunningReactors } from '@e-contract/command-side';
import type { Config } from '@e-contract/platform/config';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { overdueProcessesOf, type ReadStore } from '@e-contract/projections';
import { openReadStore, startProjections, type RunningProjections } from '@e-contract/projections/service';

export interface BackgroundDeps {
  logger: Logger;
  /** Shared stores stay open on `close()`; the ones made here are closed. */
  eventStore?: EventStore & EventSubscriber;
  readStore?: ReadStore;
}

export interface RunningBackground {
  eventStore: EventStore & EventSubscriber;
  readStore: ReadStore;
  projections: RunningProjections;
  /** `null` with `PROJECTIONS_REACTORS=off`. */
  reactors: RunningReactors | null;
  close(): Promise<void>;
}

/**
 * What runs behind the request thread: the read models (projections) and the command side's
 * reactors (invitations, archive, expiry), each on its own checkpointed subscription, the reactors'
 * checkpoints and overdue list kept by the read store. `npm start` runs it in a worker thread; in
 * production it is a process of its own (`node host/dist/background-main.js`).
 */
export async function startBackground(config: Config, deps: BackgroundDeps): Promise<RunningBackground> {
  const eventStore = deps.eventStore ?? openEventStore(config);
  let readStore: ReadStore;
  try {
    readStore = deps.readStore ?? (await openReadStore(config, { walCheckpoints: 'thread' }));
  } catch (error) {
    if (!deps.eventStore) await eventStore.close();
    throw error;
  }
  const projections = await startProjections(config, { logger: deps.logger, eventStore, readStore });
  const reactors = reactorsEnabled()
    ? startReactors(config, {
        logger: deps.logger,
        eventStore,
        checkpoints: readStore,
        due: overdueProcessesOf(readStore),
        settings: reactorsSettings(),
      })
    : null;
  let closing: Promise<void> | null = null;
  return {
    eventStore,
    readStore,
    projections,
    reactors,
    close() {
      closing ??= (async () => {
        await Promise.all([reactors?.close(), projections.close()]);
        if (!deps.readStore) await readStore.close();
        if (!deps.eventStore) await eventStore.close();
      })();
      return closing;
    },
  };
}

/** `PROJECTIONS_REACTORS=off` runs the read models only (default on). */
export const reactorsEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env['PROJECTIONS_REACTORS']?.trim().toLowerCase() !== 'off';

/** `EXPIRY_SWEEP_INTERVAL_MS`: time between expiry sweeps (default 5,000; at least 10). */
export function reactorsSettings(env: NodeJS.ProcessEnv = process.env): { expirySweepIntervalMs?: number } {
  const text = env['EXPIRY_SWEEP_INTERVAL_MS']?.trim();
  if (!text) return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 10) throw new Error(`EXPIRY_SWEEP_INTERVAL_MS must be an integer ≥ 10, got "${text}"`);
  return { expirySweepIntervalMs: value };
}
