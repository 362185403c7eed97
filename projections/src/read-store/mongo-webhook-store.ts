import type { AnyBulkWriteOperation, Db, Document, IndexDescription } from 'mongodb';
import type { WebhookDeliveryStatus } from '@e-contract/contracts';
import type {
  AttemptOutcome,
  DeliveryRecord,
  LanePosition,
  NewDelivery,
  RegistryChange,
  WebhookRecord,
  WebhookStore,
} from '../webhooks/webhook-store.js';
import type { ReactorCheckpointDocument } from './mongo-documents.js';
import { fromStoredPosition, toStoredPosition } from './positions.js';
import { WEBHOOK_REGISTRY } from './sqlite-webhook-store.js';

interface IntegrationDocument extends Document {
  _id: string;
  branchId: string;
  revoked: boolean;
}

interface WebhookDocument extends Document {
  _id: string;
  integrationId: string;
  branchId: string;
  url: string;
  events: string[];
  secretSealed: string;
  createdAt: string;
  /** Zero-padded, as every position here (positions.ts): string order is log order. */
  createdPosition: string;
  deleted: boolean;
  lanePosition: string | null;
  lastMatched: string | null;
}

interface DeliveryDocument extends Document {
  _id: string;
  webhookId: string;
  orderKey: string;
  type: string;
  position: string;
  previousPosition: string | null;
  body: string;
  replay: boolean;
  createdAt: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  firstAttemptAt: string | null;
  nextAttemptAt: string | null;
}

export const WEBHOOK_INDEXES: Record<'webhooks' | 'webhook_deliveries', IndexDescription[]> = {
  webhooks: [{ key: { integrationId: 1, createdPosition: 1 } }, { key: { deleted: 1, createdPosition: 1 } }],
  webhook_deliveries: [
    { key: { webhookId: 1, status: 1, orderKey: 1 } },
    { key: { webhookId: 1, orderKey: -1 } },
    { key: { webhookId: 1, replay: 1, position: 1 } },
    { key: { status: 1, createdAt: 1 } },
  ],
};

const stored = (position: string | null): string | null => (position === null ? null : toStoredPosition(position));
const loaded = (position: string | null): string | null => (position === null ? null : fromStoredPosition(position));

/**
 * The webhook collections of the MongoDB read store (`webhook_integrations`, `webhooks`,
 * `webhook_deliveries`; the registry's checkpoint in `reactor_checkpoints`). No transactions, as for
 * the read models: every write is idempotent — deliveries are inserted once by their id, lanes and
 * the checkpoint only move forward — and written before the position that covers them.
 */
export class MongoWebhookStore implements WebhookStore {
  constructor(private readonly db: Db) {}

  static async open(db: Db): Promise<MongoWebhookStore> {
    await db.collection('webhooks').createIndexes(WEBHOOK_INDEXES.webhooks);
    await db.collection('webhook_deliveries').createIndexes(WEBHOOK_INDEXES.webhook_deliveries);
    return new MongoWebhookStore(db);
  }

  private get integrations() {
    return this.db.collection<IntegrationDocument>('webhook_integrations');
  }
  private get webhooksCollection() {
    return this.db.collection<WebhookDocument>('webhooks');
  }
  private get deliveriesCollection() {
    return this.db.collection<DeliveryDocument>('webhook_deliveries');
  }
  private get checkpoints() {
    return this.db.collection<ReactorCheckpointDocument>('reactor_checkpoints');
  }

  async registryCheckpoint(): Promise<string | null> {
    const doc = await this.checkpoints.findOne({ _id: WEBHOOK_REGISTRY });
    return doc ? fromStoredPosition(doc.position) : null;
  }

  async applyRegistry(changes: readonly RegistryChange[], checkpoint: string): Promise<void> {
    for (const change of changes) await this.applyChange(change);
    await this.checkpoints.updateOne({ _id: WEBHOOK_REGISTRY }, { $max: { position: toStoredPosition(checkpoint) } }, { upsert: true });
  }

  private async applyChange(change: RegistryChange): Promise<void> {
    switch (change.kind) {
      case 'integration':
        await this.integrations.updateOne(
          { _id: change.integrationId },
          { $setOnInsert: { branchId: change.branchId, revoked: false } },
          { upsert: true },
        );
        return;
      case 'integration-revoked':
        await this.integrations.updateOne({ _id: change.integrationId }, { $set: { revoked: true } });
        await this.webhooksCollection.updateMany({ integrationId: change.integrationId }, { $set: { deleted: true } });
        return;
      case 'webhook-created': {
        const { webhookId, createdPosition, ...rest } = change.webhook;
        await this.webhooksCollection.updateOne(
          { _id: webhookId },
          {
            $setOnInsert: {
              ...rest,
              events: [...rest.events],
              createdPosition: toStoredPosition(createdPosition),
              deleted: false,
              lanePosition: null,
              lastMatched: null,
            },
          },
          { upsert: true },
        );
        return;
      }
      case 'webhook-deleted':
        await this.webhooksCollection.updateOne({ _id: change.webhookId }, { $set: { deleted: true } });
        return;
      default: {
        const unhandled: never = change;
        return unhandled;
      }
    }
  }

  async integration(integrationId: string): Promise<{ branchId: string; revoked: boolean } | null> {
    const doc = await this.integrations.findOne({ _id: integrationId });
    return doc ? { branchId: doc.branchId, revoked: doc.revoked } : null;
  }

  async webhook(webhookId: string): Promise<WebhookRecord | null> {
    const doc = await this.webhooksCollection.findOne({ _id: webhookId });
    return doc ? webhookOf(doc) : null;
  }

  async activeWebhooks(integrationId?: string): Promise<WebhookRecord[]> {
    const filter = integrationId === undefined ? { deleted: false } : { deleted: false, integrationId };
    const docs = await this.webhooksCollection.find(filter).sort({ createdPosition: 1 }).toArray();
    return docs.map(webhookOf);
  }

  async enqueue(webhookId: string, deliveries: readonly NewDelivery[], lane: LanePosition): Promise<void> {
    if (deliveries.length > 0) {
      const operations: AnyBulkWriteOperation<DeliveryDocument>[] = deliveries.map((d) => ({
        updateOne: {
          filter: { _id: d.deliveryId },
          update: {
            $setOnInsert: {
              webhookId: d.webhookId,
              orderKey: d.orderKey,
              type: d.type,
              position: toStoredPosition(d.position),
              previousPosition: stored(d.previousPosition),
              body: d.body,
              replay: d.replay,
              createdAt: d.createdAt,
              status: 'pending',
              attempts: 0,
              lastStatus: null,
              lastError: null,
              lastAttemptAt: null,
              firstAttemptAt: null,
              nextAttemptAt: d.createdAt,
            },
          },
          upsert: true,
        },
      }));
      await this.deliveriesCollection.bulkWrite(operations, { ordered: false });
    }
    const position = toStoredPosition(lane.position);
    await this.webhooksCollection.updateOne(
      { _id: webhookId, $or: [{ lanePosition: null }, { lanePosition: { $lt: position } }] },
      { $set: { lanePosition: position, lastMatched: stored(lane.lastMatched) } },
    );
  }

  async nextPending(webhookId: string): Promise<DeliveryRecord | null> {
    const doc = await this.deliveriesCollection.find({ webhookId, status: 'pending' }).sort({ orderKey: 1 }).limit(1).next();
    return doc ? deliveryOf(doc) : null;
  }

  async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    await this.deliveriesCollection.updateOne({ _id: deliveryId, status: 'pending' }, { $set: { ...outcome } });
  }

  async deliveries(webhookId: string, page: { page: number; pageSize: number }): Promise<{ items: DeliveryRecord[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.deliveriesCollection
        .find({ webhookId })
        .sort({ orderKey: -1 })
        .skip((page.page - 1) * page.pageSize)
        .limit(page.pageSize)
        .toArray(),
      this.deliveriesCollection.countDocuments({ webhookId }),
    ]);
    return { items: docs.map(deliveryOf), total };
  }

  async firstDeliveriesBetween(webhookId: string, after: string, upTo: string): Promise<DeliveryRecord[]> {
    const docs = await this.deliveriesCollection
      .find({ webhookId, replay: false, position: { $gt: toStoredPosition(after), $lte: toStoredPosition(upTo) } })
      .sort({ position: 1 })
      .toArray();
    return docs.map(deliveryOf);
  }

  async countByStatus(webhookId: string): Promise<Record<WebhookDeliveryStatus, number>> {
    const rows = await this.deliveriesCollection
      .aggregate<{ _id: WebhookDeliveryStatus; n: number }>([{ $match: { webhookId } }, { $group: { _id: '$status', n: { $sum: 1 } } }])
      .toArray();
    const counts: Record<WebhookDeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0 };
    for (const row of rows) counts[row._id] = row.n;
    return counts;
  }

  async oldestPendingSince(): Promise<string | null> {
    // Deliveries of a deleted webhook (or of a revoked integration's) stay pending for good: not a backlog.
    const active = await this.webhooksCollection.find({ deleted: false }).project<{ _id: string }>({ _id: 1 }).toArray();
    const doc = await this.deliveriesCollection
      .find({ status: 'pending', webhookId: { $in: active.map((webhook) => webhook._id) } })
      .sort({ createdAt: 1 })
      .limit(1)
      .next();
    return doc?.createdAt ?? null;
  }
}

function webhookOf(doc: WebhookDocument): WebhookRecord {
  return {
    webhookId: doc._id,
    integrationId: doc.integrationId,
    branchId: doc.branchId,
    url: doc.url,
    events: [...doc.events],
    secretSealed: doc.secretSealed,
    createdAt: doc.createdAt,
    createdPosition: fromStoredPosition(doc.createdPosition),
    deleted: doc.deleted,
    lane: doc.lanePosition === null ? null : { position: fromStoredPosition(doc.lanePosition), lastMatched: loaded(doc.lastMatched) },
  };
}

function deliveryOf(doc: DeliveryDocument): DeliveryRecord {
  return {
    deliveryId: doc._id,
    webhookId: doc.webhookId,
    orderKey: doc.orderKey,
    type: doc.type,
    position: fromStoredPosition(doc.position),
    previousPosition: loaded(doc.previousPosition),
    body: doc.body,
    replay: doc.replay,
    createdAt: doc.createdAt,
    status: doc.status,
    attempts: doc.attempts,
    lastStatus: doc.lastStatus,
    lastError: doc.lastError,
    lastAttemptAt: doc.lastAttemptAt,
    firstAttemptAt: doc.firstAttemptAt,
    nextAttemptAt: doc.nextAttemptAt,
  };
}
