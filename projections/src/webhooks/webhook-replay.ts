import { compareLogPositions, laterPosition, type RecordedEvent } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import type { Deal } from '../read-models/deal.js';
import { dealsProjection, processIdOfFact } from '../read-models/deals-projection.js';
import { deliveryIdOf, replayOrderKey } from './delivery-order.js';
import { deliveryBodyOf, matchOf, type BranchNamer } from './webhook-matching.js';
import type { NewDelivery, WebhookRecord, WebhookStore } from './webhook-store.js';

/** A replay asked at `position` (the `WebhookReplayRequested` fact, `replayId` its event id). */
export interface ReplayRequest {
  replayId: string;
  position: string;
  after: string;
}

const PAGE = 1_000;

/**
 * The copies a replay sends (API.md): every fact the webhook matches after `after` and up to the
 * request, in log order, with the same body values as first computed and new `webhook-id`s.
 * - Facts since the webhook's creation were delivered already: their first delivery's body is sent
 *   again as it was stored (even if the deal was, say, erased since).
 * - Facts from before its creation were never computed: the log is read from its start up to the
 *   creation, folding the deals of the branch in memory, so that each copy's `previousPosition` is
 *   the previous matching fact in the log (or `null`). This reads the log's prefix once per such
 *   replay; it runs in the webhook's own lane, so only that webhook waits for it.
 */
export async function replayDeliveries(
  log: Pick<EventStore, 'readAll'>,
  store: Pick<WebhookStore, 'firstDeliveriesBetween'>,
  webhook: WebhookRecord,
  replay: ReplayRequest,
  now: Date,
  branchName?: BranchNamer,
): Promise<NewDelivery[]> {
  if (compareLogPositions(replay.after, replay.position) >= 0) return [];
  const copy = (fields: Pick<NewDelivery, 'type' | 'position' | 'previousPosition' | 'body'>): NewDelivery => ({
    ...fields,
    deliveryId: deliveryIdOf(webhook.webhookId, fields.position, replay.replayId),
    webhookId: webhook.webhookId,
    orderKey: replayOrderKey(replay.position, fields.position),
    replay: true,
    createdAt: now.toISOString(),
  });
  const copies: NewDelivery[] = [];
  if (compareLogPositions(replay.after, webhook.createdPosition) < 0) {
    for await (const fact of matchesBeforeCreation(log, webhook, branchName)) {
      if (compareLogPositions(fact.position, replay.after) > 0) copies.push(copy(fact));
    }
  }
  const since = laterPosition(replay.after, webhook.createdPosition)!;
  for (const first of await store.firstDeliveriesBetween(webhook.webhookId, since, replay.position)) copies.push(copy(first));
  return copies;
}

/** Every fact of the log before the webhook's creation that it would have matched, with its body. */
async function* matchesBeforeCreation(
  log: Pick<EventStore, 'readAll'>,
  webhook: WebhookRecord,
  branchName?: BranchNamer,
): AsyncGenerator<Pick<NewDelivery, 'type' | 'position' | 'previousPosition' | 'body'>> {
  const deals = new Map<string, Deal | null>();
  const foreign = new Set<string>();
  let previous: string | null = null;
  let after: string | undefined;
  for (;;) {
    const page: RecordedEvent[] = await log.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const event of page) {
      if (compareLogPositions(event.position, webhook.createdPosition) >= 0) return;
      if (processIdOfFact(event) === null || foreign.has(event.streamId)) continue;
      const before = deals.get(event.streamId) ?? null;
      const deal = dealsProjection.evolve(before, event);
      if (deal !== null && deal.branchId !== webhook.branchId) {
        foreign.add(event.streamId);
        deals.delete(event.streamId);
        continue;
      }
      deals.set(event.streamId, deal);
      const type = matchOf(before, deal, webhook);
      if (type === null || deal === null) continue;
      yield {
        type,
        position: event.position,
        previousPosition: previous,
        body: deliveryBodyOf(type, deal, { position: event.position, occurredAt: event.metadata.occurredAt }, previous, branchName),
      };
      previous = event.position;
    }
    if (page.length < PAGE) return;
    after = page.at(-1)!.position;
  }
}
