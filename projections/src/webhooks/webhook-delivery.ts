import type { BranchNamer } from './webhook-matching.js';
import { openWebhookSecret, webhookSealKey, type Secrets } from '@e-contract/platform/auth';
import { runCheckpointedSubscription, type RetryPolicy } from '@e-contract/platform/consumers';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import { threadMetrics } from '@e-contract/platform/metrics';
import { OutboundPoster, type LookupFunction, type OutboundPolicy } from '@e-contract/platform/outbound';
import type { Logger } from 'pino';
import { DEFAULT_DELIVERY_SCHEDULE, type DeliverySchedule } from './delivery-schedule.js';
import { Waker } from './waker.js';
import { runWebhookLane } from './webhook-lane.js';
import { registryChangesOf } from './webhook-registry.js';
import { runWebhookSender, type WebhookTransport } from './webhook-sender.js';
import type { WebhookRecord, WebhookStore } from './webhook-store.js';

/** The registry lane's name (its checkpoint, its `econtract_projection_*{name}` series). */
export const WEBHOOK_REGISTRY_LANE = 'webhooks';

/**
 * Knobs for specs and benchmarks, set in code only (no environment variables): the retry schedule,
 * the answer timeout (API.md: 10 s), name resolution, the lanes' retry policy.
 */
export interface WebhookDeliveryOptions {
  schedule?: DeliverySchedule;
  /** A receiver must answer within this (default 10 s). */
  timeoutMs?: number;
  /** Resolves receivers' host names instead of `dns.lookup` (the guard checks what it answers). */
  lookup?: LookupFunction;
  /** Sends instead of an `OutboundPoster` (specs). */
  transport?: WebhookTransport;
  retry?: RetryPolicy;
  batchSize?: number;
  idlePollMs?: number;
}

export interface WebhookDeliveryDeps {
  eventStore: EventStore & EventSubscriber;
  store: WebhookStore;
  secrets: Pick<Secrets, 'inviteTokenSecret'>;
  policy: OutboundPolicy;
  logger: Logger;
  clock?: () => Date;
  /** Names the delivered deals' branches (`branchName`); left out, deliveries carry the code alone. */
  branchName?: BranchNamer;
}

export interface RunningWebhookDelivery {
  /** The webhooks whose lanes run now. */
  lanes(): string[];
  close(): Promise<void>;
}

interface Lane {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Webhook delivery (API.md, "Webhooks"), run with the reactors in the background: a registry lane
 * (a checkpointed subscription) learns webhooks and integrations from the log into the read store
 * and keeps one lane per live webhook — its own checkpointed subscription that enqueues deliveries
 * (webhook-lane.ts) and its own sender (webhook-sender.ts) — so that each webhook goes at its
 * receiver's pace and none waits for another.
 */
export function startWebhookDelivery(deps: WebhookDeliveryDeps, options: WebhookDeliveryOptions = {}): RunningWebhookDelivery {
  const logger = deps.logger.child({ component: 'webhooks' });
  const clock = deps.clock ?? (() => new Date());
  const sealKey = webhookSealKey(deps.secrets);
  const schedule = options.schedule ?? DEFAULT_DELIVERY_SCHEDULE;
  const poster = options.transport
    ? null
    : new OutboundPoster({
        policy: deps.policy,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
  const transport: WebhookTransport = options.transport ?? poster!;
  const metrics = threadMetrics();
  for (const result of ['succeeded', 'retrying', 'failed'] as const) metrics.webhookDeliveries.inc({ result }, 0);
  metrics.webhookBacklog.observe(() => deps.store.oldestPendingSince());

  const controller = new AbortController();
  const lanes = new Map<string, Lane>();
  let reconciling: Promise<void> = Promise.resolve();

  const startLane = (webhook: WebhookRecord) => {
    const lane = new AbortController();
    const waker = new Waker();
    try {
      openWebhookSecret(webhook.secretSealed, sealKey, webhook.webhookId);
    } catch (error) {
      logger.error({ err: error, webhookId: webhook.webhookId }, 'a webhook secret cannot be opened: its deliveries wait');
    }
    const done = Promise.all([
      runWebhookLane(
        webhook,
        {
          subscriber: deps.eventStore,
          log: deps.eventStore,
          store: deps.store,
          logger,
          clock,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(options.batchSize ? { batchSize: options.batchSize } : {}),
          ...(deps.branchName ? { branchName: deps.branchName } : {}),
        },
        lane.signal,
        () => waker.wake(),
      ),
      runWebhookSender(
        webhook,
        {
          store: deps.store,
          transport,
          sealKey,
          schedule,
          clock,
          logger,
          ...(options.idlePollMs ? { idlePollMs: options.idlePollMs } : {}),
        },
        lane.signal,
        waker,
      ),
    ]).then(() => undefined);
    lanes.set(webhook.webhookId, { controller: lane, done });
  };

  const stopLane = async (webhookId: string) => {
    const lane = lanes.get(webhookId);
    if (!lane) return;
    lanes.delete(webhookId);
    lane.controller.abort();
    await lane.done;
  };

  /** Runs a lane for every live webhook, and none for a deleted one. */
  const reconcile = () => {
    reconciling = reconciling.then(async () => {
      if (controller.signal.aborted) return;
      const active = await deps.store.activeWebhooks();
      const ids = new Set(active.map((webhook) => webhook.webhookId));
      for (const webhookId of [...lanes.keys()]) if (!ids.has(webhookId)) await stopLane(webhookId);
      for (const webhook of active) if (!lanes.has(webhook.webhookId)) startLane(webhook);
    });
    return reconciling;
  };

  const registry = runCheckpointedSubscription({
    name: `reactor:${WEBHOOK_REGISTRY_LANE}`,
    subscriber: deps.eventStore,
    signal: controller.signal,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    metrics: { name: WEBHOOK_REGISTRY_LANE, log: deps.eventStore },
    loadCheckpoint: () => deps.store.registryCheckpoint(),
    onStart: () => void reconcile().catch((error: unknown) => logger.error({ err: error }, 'webhook lanes not started')),
    handleBatch: async (batch) => {
      const changes = await registryChangesOf(batch, deps.store);
      await deps.store.applyRegistry(changes, batch.at(-1)!.position);
      if (changes.length > 0) await reconcile();
    },
  });

  let closing: Promise<void> | null = null;
  return {
    lanes: () => [...lanes.keys()],
    close() {
      closing ??= (async () => {
        controller.abort();
        await registry;
        await reconciling.catch(() => undefined);
        await Promise.all([...lanes.keys()].map(stopLane));
        metrics.webhookBacklog.forget();
        await poster?.close();
      })();
      return closing;
    },
  };
}
