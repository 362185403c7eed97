import { webhookStreamName, type RecordedEvent } from '@e-contract/contracts';
import { parseWebhookFact } from '@e-contract/contracts/events';
import { runCheckpointedSubscription, type RetryPolicy } from '@e-contract/platform/consumers';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import type { Logger } from 'pino';
import { processIdOfFact } from '../read-models/deals-projection.js';
import { DealFolds } from './deal-folds.js';
import { deliveryIdOf, liveOrderKey } from './delivery-order.js';
import { deliveryBodyOf, matchOf, type BranchNamer } from './webhook-matching.js';
import { replayDeliveries } from './webhook-replay.js';
import type { NewDelivery, WebhookRecord, WebhookStore } from './webhook-store.js';

export interface WebhookLaneDeps {
  subscriber: EventSubscriber;
  log: Pick<EventStore, 'readStream' | 'readAll'>;
  store: WebhookStore;
  logger: Logger;
  clock: () => Date;
  retry?: RetryPolicy;
  batchSize?: number;
  /** Names the delivered deals' branches (`branchName`, as the query side answers the deal). */
  branchName?: BranchNamer;
}

/**
 * One webhook's lane: a checkpointed subscription to the log from the webhook's creation (its
 * checkpoint, and the previous match, kept on the webhook's row). For each fact of a process it folds
 * the deal (DealFolds) and, when the fact changes the status of a deal of the branch to a type the
 * webhook wants, enqueues a delivery whose `previousPosition` is the previous match; a replay asked
 * in its own stream enqueues the copies (webhook-replay.ts) at that point of the log. Deliveries and
 * the lane's position are stored together; the sender (webhook-sender.ts) takes them from there, so
 * a slow receiver never holds this lane up, nor this lane any other. Runs until `signal` aborts.
 */
export function runWebhookLane(webhook: WebhookRecord, deps: WebhookLaneDeps, signal: AbortSignal, onEnqueued: () => void): Promise<void> {
  const ownStream = webhookStreamName(webhook.webhookId);
  const folds = new DealFolds(deps.log, webhook.branchId);
  let lastMatched: string | null = null;

  const handleBatch = async (batch: readonly RecordedEvent[]) => {
    let deliveries: NewDelivery[] = [];
    let looked: string | null = null;
    for (const event of batch) {
      if (event.streamId === ownStream) {
        const fact = parseWebhookFact(event);
        if (fact?.type !== 'WebhookReplayRequested') continue;
        // What was matched before the request goes first, so that the replay finds it stored.
        if (looked !== null) await deps.store.enqueue(webhook.webhookId, deliveries, { position: looked, lastMatched });
        deliveries = await replayDeliveries(
          deps.log,
          deps.store,
          webhook,
          { replayId: event.eventId, position: event.position, after: fact.data.after },
          deps.clock(),
          deps.branchName,
        );
        deps.logger.info({ webhookId: webhook.webhookId, after: fact.data.after, copies: deliveries.length }, 'webhook replay enqueued');
      } else if (processIdOfFact(event) !== null) {
        const [around] = await folds.around([event]);
        const type = around ? matchOf(around.before, around.after, webhook) : null;
        if (type !== null && around?.after) {
          deliveries.push({
            deliveryId: deliveryIdOf(webhook.webhookId, event.position),
            webhookId: webhook.webhookId,
            orderKey: liveOrderKey(event.position),
            type,
            position: event.position,
            previousPosition: lastMatched,
            body: deliveryBodyOf(
              type,
              around.after,
              { position: event.position, occurredAt: event.metadata.occurredAt },
              lastMatched,
              deps.branchName,
            ),
            replay: false,
            createdAt: deps.clock().toISOString(),
          });
          lastMatched = event.position;
        }
      }
      looked = event.position;
    }
    await deps.store.enqueue(webhook.webhookId, deliveries, { position: batch.at(-1)!.position, lastMatched });
    if (deliveries.length > 0) onEnqueued();
  };

  return runCheckpointedSubscription({
    name: `webhook:${webhook.webhookId}`,
    subscriber: deps.subscriber,
    signal,
    logger: deps.logger,
    ...(deps.retry === undefined ? {} : { retry: deps.retry }),
    ...(deps.batchSize === undefined ? {} : { batchSize: deps.batchSize }),
    // Read again at every (re)start: the lane goes on from what was stored, the previous match included.
    loadCheckpoint: async () => {
      const stored = await deps.store.webhook(webhook.webhookId);
      lastMatched = stored?.lane?.lastMatched ?? null;
      return stored?.lane?.position ?? webhook.createdPosition;
    },
    handleBatch,
  });
}
