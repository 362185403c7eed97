import { deliveryIdOf, liveOrderKey, replayOrderKey } from '../webhooks/delivery-order.js';
import type { NewDelivery, NewWebhook, WebhookStore } from '../webhooks/webhook-store.js';
import { nextPosition, uniqueId } from './read-store.contract-fixtures.js';

/**
 * The webhook part of the read-store contract (webhook-store.ts): every adapter keeps webhooks, lane
 * positions and deliveries alike. Run by `readStoreContract` on each adapter's store.
 */
export function webhookStoreContract(storeOf: () => WebhookStore): void {
  describe('webhook delivery state', () => {
    const newWebhook = (integrationId: string, overrides: Partial<NewWebhook> = {}): NewWebhook => ({
      webhookId: uniqueId('webhook'),
      integrationId,
      branchId: 'msk',
      url: 'https://receiver.example/hooks',
      events: ['*'],
      secretSealed: 'v1.sealed',
      createdAt: '2026-12-01T10:00:00.000Z',
      createdPosition: nextPosition(),
      ...overrides,
    });
    const live = (webhookId: string, position: string, previousPosition: string | null = null): NewDelivery => ({
      deliveryId: deliveryIdOf(webhookId, position),
      webhookId,
      orderKey: liveOrderKey(position),
      type: 'deal.created',
      position,
      previousPosition,
      body: JSON.stringify({ type: 'deal.created', position }),
      replay: false,
      createdAt: '2026-12-01T10:00:01.000Z',
    });
    const registered = async (store: WebhookStore) => {
      const integrationId = uniqueId('integration');
      const webhook = newWebhook(integrationId);
      await store.applyRegistry(
        [
          { kind: 'integration', integrationId, branchId: 'msk' },
          { kind: 'webhook-created', webhook },
        ],
        nextPosition(),
      );
      return webhook;
    };

    it('keeps what the registry learned and its checkpoint; a deleted webhook or a revoked integration is no longer active', async () => {
      const store = storeOf();
      const integrationId = uniqueId('integration');
      const kept = newWebhook(integrationId);
      const deleted = newWebhook(integrationId);
      const checkpoint = nextPosition();
      const changes = [
        { kind: 'integration', integrationId, branchId: 'spb' },
        { kind: 'webhook-created', webhook: kept },
        { kind: 'webhook-created', webhook: deleted },
        { kind: 'webhook-deleted', webhookId: deleted.webhookId },
      ] as const;
      await store.applyRegistry(changes, checkpoint);
      await store.applyRegistry(changes, checkpoint); // handed out again after a crash: nothing changes
      expect(await store.registryCheckpoint()).toBe(checkpoint);
      expect(await store.integration(integrationId)).toEqual({ branchId: 'spb', revoked: false });
      expect(await store.integration(uniqueId('integration'))).toBeNull();
      expect(await store.webhook(kept.webhookId)).toEqual({ ...kept, deleted: false, lane: null });
      expect((await store.webhook(deleted.webhookId))?.deleted).toBeTrue();
      expect((await store.activeWebhooks(integrationId)).map((w) => w.webhookId)).toEqual([kept.webhookId]);
      expect((await store.activeWebhooks()).map((w) => w.webhookId)).toContain(kept.webhookId);

      // What waits for a deleted webhook is no backlog.
      await store.enqueue(deleted.webhookId, [live(deleted.webhookId, nextPosition())], { position: nextPosition(), lastMatched: null });
      expect(await store.oldestPendingSince()).toBeNull();

      await store.applyRegistry([{ kind: 'integration-revoked', integrationId }], nextPosition());
      expect(await store.integration(integrationId)).toEqual({ branchId: 'spb', revoked: true });
      expect(await store.activeWebhooks(integrationId)).toEqual([]);
    });

    it('enqueues each delivery once, moves the lane forward only, and hands the pending ones out in order', async () => {
      const store = storeOf();
      const webhook = await registered(store);
      const [p1, p2, p3] = [nextPosition(), nextPosition(), nextPosition()];
      const first = live(webhook.webhookId, p1);
      const second = live(webhook.webhookId, p2, p1);
      await store.enqueue(webhook.webhookId, [second, first], { position: p2, lastMatched: p2 });
      // The same batch again (a crash before the checkpoint): the same ids, nothing doubled.
      await store.enqueue(webhook.webhookId, [first, second], { position: p2, lastMatched: p2 });
      // An older position never winds the lane back.
      await store.enqueue(webhook.webhookId, [], { position: p1, lastMatched: null });
      expect((await store.webhook(webhook.webhookId))?.lane).toEqual({ position: p2, lastMatched: p2 });
      expect((await store.deliveries(webhook.webhookId, { page: 1, pageSize: 10 })).total).toBe(2);

      const next = await store.nextPending(webhook.webhookId);
      expect(next).toEqual({
        ...first,
        status: 'pending',
        attempts: 0,
        lastStatus: null,
        lastError: null,
        lastAttemptAt: null,
        firstAttemptAt: null,
        nextAttemptAt: first.createdAt,
      });
      expect(await store.oldestPendingSince()).toBe(first.createdAt);

      // A replay's copy asked at p3 goes after everything up to p3.
      const copy: NewDelivery = {
        ...first,
        deliveryId: deliveryIdOf(webhook.webhookId, p1, 'replay-1'),
        orderKey: replayOrderKey(p3, p1),
        replay: true,
      };
      await store.enqueue(webhook.webhookId, [copy], { position: p3, lastMatched: p2 });
      expect((await store.firstDeliveriesBetween(webhook.webhookId, '0', p3)).map((d) => d.deliveryId)).toEqual([
        first.deliveryId,
        second.deliveryId,
      ]);
      expect((await store.firstDeliveriesBetween(webhook.webhookId, p1, p2)).map((d) => d.deliveryId)).toEqual([second.deliveryId]);
      const newestFirst = await store.deliveries(webhook.webhookId, { page: 1, pageSize: 2 });
      expect(newestFirst.items.map((d) => d.deliveryId)).toEqual([copy.deliveryId, second.deliveryId]);
      expect(newestFirst.total).toBe(3);
      expect((await store.deliveries(webhook.webhookId, { page: 2, pageSize: 2 })).items.map((d) => d.deliveryId)).toEqual([
        first.deliveryId,
      ]);
    });

    it('records attempts: a retry keeps it pending and first in line; success or failure lets the next one go', async () => {
      const store = storeOf();
      const webhook = await registered(store);
      const [p1, p2] = [nextPosition(), nextPosition()];
      await store.enqueue(webhook.webhookId, [live(webhook.webhookId, p1), live(webhook.webhookId, p2, p1)], {
        position: p2,
        lastMatched: p2,
      });
      const first = (await store.nextPending(webhook.webhookId))!;
      const retry = {
        status: 'pending' as const,
        attempts: 1,
        lastStatus: 500,
        lastError: 'HTTP 500',
        lastAttemptAt: '2026-12-01T10:00:02.000Z',
        firstAttemptAt: '2026-12-01T10:00:02.000Z',
        nextAttemptAt: '2026-12-01T10:00:07.000Z',
      };
      await store.recordAttempt(first.deliveryId, retry);
      expect(await store.nextPending(webhook.webhookId)).toEqual(jasmine.objectContaining({ deliveryId: first.deliveryId, ...retry }));
      expect(await store.countByStatus(webhook.webhookId)).toEqual({ pending: 2, succeeded: 0, failed: 0 });

      await store.recordAttempt(first.deliveryId, { ...retry, status: 'failed', attempts: 2, nextAttemptAt: null });
      // Settled: a late second record of the same attempt changes nothing.
      await store.recordAttempt(first.deliveryId, {
        ...retry,
        status: 'succeeded',
        attempts: 3,
        lastStatus: 200,
        lastError: null,
        nextAttemptAt: null,
      });
      const second = (await store.nextPending(webhook.webhookId))!;
      expect(second.position).toBe(p2);
      await store.recordAttempt(second.deliveryId, {
        ...retry,
        status: 'succeeded',
        lastStatus: 204,
        lastError: null,
        nextAttemptAt: null,
      });
      expect(await store.nextPending(webhook.webhookId)).toBeNull();
      expect(await store.countByStatus(webhook.webhookId)).toEqual({ pending: 0, succeeded: 1, failed: 1 });
      const log = await store.deliveries(webhook.webhookId, { page: 1, pageSize: 10 });
      expect(log.items.map((d) => [d.status, d.attempts])).toEqual([
        ['succeeded', 1],
        ['failed', 2],
      ]);
    });
  });
}
