import type { Logger } from 'pino';
import { startReactors, type RunningReactors } from '@e-contract/command-side';
import type { Config } from '@e-contract/platform/config';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import { openEventStore } from '@e-contract/platform/event-store/open';
import { overdueProcessesOf, remindableProcessesOf, type ReadStore } from '@e-contract/projections';
import { openReadStore, startProjections, type RunningProjections } from '@e-contract/projections/service';
import { startWebhookDelivery, type RunningWebhookDelivery, type WebhookDeliveryOptions } from '@e-contract/projections/webhooks';
import { loadOrCreateSecrets } from '@e-contract/platform/auth';
import { outboundPolicyOf } from '@e-contract/platform/outbound';
import {
  DataDirSignedDocumentFiles,
  PooledCertificateRenderer,
  SignedCopies,
  openBranchCatalogue,
  signedCopiesFromLog,
} from '@e-contract/query-side';

/** Webhook delivery's knobs that cross into the background thread (plain data): for specs only. */
export type WebhookDeliverySettings = Pick<WebhookDeliveryOptions, 'schedule' | 'timeoutMs' | 'retry' | 'batchSize' | 'idlePollMs'>;

export interface BackgroundDeps {
  logger: Logger;
  /** Shared stores stay open on `close()`; the ones made here are closed. */
  eventStore?: EventStore & EventSubscriber;
  readStore?: ReadStore;
  /** Webhook delivery's schedule and timeouts (specs); the defaults are API.md's. */
  webhooks?: WebhookDeliveryOptions;
}

export interface RunningBackground {
  eventStore: EventStore & EventSubscriber;
  readStore: ReadStore;
  projections: RunningProjections;
  /** `null` with `PROJECTIONS_REACTORS=off`. */
  reactors: RunningReactors | null;
  /** `null` with `PROJECTIONS_REACTORS=off`. */
  webhooks: RunningWebhookDelivery | null;
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
  // The signed notice's e-mail attaches the signed copy: rendered here, from the log, in a pool of
  // its own (one worker) so that stamping a long document never holds up the folds (api-decisions.md).
  const renderer = reactorsEnabled() ? new PooledCertificateRenderer({ maxThreads: 1 }) : null;
  const reactors = renderer
    ? startReactors(config, {
        logger: deps.logger,
        eventStore,
        checkpoints: readStore,
        due: overdueProcessesOf(readStore),
        remindable: remindableProcessesOf(readStore),
        settings: reactorsSettings(),
        signedCopies: signedCopiesFromLog(
          eventStore,
          new SignedCopies({ files: new DataDirSignedDocumentFiles(config.dataDir), renderer, clock: () => new Date() }),
        ),
      })
    : null;
  // Webhooks are delivered beside the reactors: like them, they act on the facts (here, by telling
  // other systems), each webhook on a lane of its own.
  const webhooks = reactorsEnabled()
    ? startWebhookDelivery(
        {
          eventStore,
          store: readStore.webhooks,
          secrets: loadOrCreateSecrets(config.dataDir, process.env, config.production),
          policy: outboundPolicyOf(config.production),
          logger: deps.logger,
          // The delivered deal as GET /api/deals/:id answers it: with its branch's name.
          branchName: (
            (catalogue) => (branchId: string) =>
              catalogue.nameOf(branchId)
          )(openBranchCatalogue(config)),
        },
        deps.webhooks,
      )
    : null;
  let closing: Promise<void> | null = null;
  return {
    eventStore,
    readStore,
    projections,
    reactors,
    webhooks,
    close() {
      closing ??= (async () => {
        await Promise.all([reactors?.close(), webhooks?.close(), projections.close()]);
        await renderer?.close();
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
export function reactorsSettings(env: NodeJS.ProcessEnv = process.env): {
  expirySweepIntervalMs?: number;
  reminderSweepIntervalMs?: number;
} {
  const interval = (name: string): number | undefined => {
    const text = env[name]?.trim();
    if (!text) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 10) throw new Error(`${name} must be an integer ≥ 10, got "${text}"`);
    return value;
  };
  const expirySweepIntervalMs = interval('EXPIRY_SWEEP_INTERVAL_MS');
  const reminderSweepIntervalMs = interval('REMINDER_SWEEP_INTERVAL_MS');
  return {
    ...(expirySweepIntervalMs === undefined ? {} : { expirySweepIntervalMs }),
    ...(reminderSweepIntervalMs === undefined ? {} : { reminderSweepIntervalMs }),
  };
}
