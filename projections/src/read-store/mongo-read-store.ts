import { MongoServerError, type AnyBulkWriteOperation, type Collection, type Db, type Document, type MongoClient } from 'mongodb';
import { signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import type { EventStoreIdentity } from '@e-contract/platform/event-store';
import { PROJECTION_NAMES, type Projection, type ProjectionName } from '../projection.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import type { Deal } from '../read-models/deal.js';
import type { Stats } from '../read-models/stats-entry.js';
import { summarizeStats } from '../read-models/stats-math.js';
import type { TrailEntry } from '../read-models/trail-entry.js';
import {
  cappedTotal,
  SEARCH_TOTAL_CAP,
  type DealQueryResult,
  type DealQuery,
  type ProjectionBatch,
  type ProjectionCheckpoint,
  type ReadStore,
  type StatsQuery,
} from '../read-store.js';
import { POINTER_TTL_MS, RETIRED_GRACE_MS, belongsTo, goneName, liveCollectionOf, rebuildCollectionName } from './mongo-collections.js';
import { dealFilter, dealSort, timeCondition } from './mongo-deal-query.js';
import {
  INDEXES,
  QUERY_FIELDS,
  databaseNameOf,
  type CheckpointDocument,
  type EventStoreIdentityDocument,
  type GoneDocument,
  type ReactorCheckpointDocument,
  type ViewDocument,
} from './mongo-documents.js';
import { readStoreClient, readStoreDatabase } from './mongo-connection.js';
import { bulkWriteGuarded } from './mongo-guarded-writes.js';
import { fromStoredPosition, toStoredPosition } from './positions.js';
import { statsRange } from './time-bounds.js';
import { viewOf } from './views.js';
import { MongoWebhookStore } from './mongo-webhook-store.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';

const DUPLICATE_KEY = 11000;

/** A view as loaded and evolved within one batch. */
interface BatchEntry {
  key: string;
  view: unknown;
  position: string | null;
  stored: boolean;
  gone: boolean;
  changed: boolean;
}

export interface MongoReadStoreOptions {
  /** Overrides the database named in the URL (default: the URL's, else `e_contract`). */
  dbName?: string;
}

/**
 * The read store on MongoDB (`MONGODB_URL`): per projection (`deals`, `audit_trail`, `cabinet`,
 * `stats`) a collection of views and `<collection>_gone` for deleted keys, found through the pointer
 * in its checkpoint document (mongo-collections.ts), plus `read_model_checkpoints`,
 * `reactor_checkpoints` and `read_store_meta` (the event log the checkpoints belong to). No
 * multi-document transactions (they need a replica set, and a batch would hold one open): the views
 * are written first, each guarded by its position, then the checkpoint, so a crash in between only
 * makes the runner re-apply a batch that the guards turn into no-ops.
 *
 * For a replica set: reads from the primary, majority writes, retryable reads and writes, whatever
 * the URL says (mongo-connection.ts).
 */
export class MongoReadStore implements ReadStore {
  private closed = false;
  /** The live collection of each read model as last read, for `POINTER_TTL_MS` (queries only). */
  private readonly pointers = new Map<ProjectionName, { collection: string; at: number }>();

  /** Connects, creates every index the queries need (a no-op for those that exist) and drops retired collections. */
  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    const client = readStoreClient(url);
    await client.connect();
    try {
      return await MongoReadStore.open(client, options.dbName ?? databaseNameOf(url), true);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  /** A store on one database of a client the caller keeps (the specs: a database per spec); `close` leaves the client open. */
  static onDatabase(client: MongoClient, dbName: string): Promise<MongoReadStore> {
    return MongoReadStore.open(client, dbName, false);
  }

  private static async open(client: MongoClient, dbName: string, ownsClient: boolean): Promise<MongoReadStore> {
    const db = readStoreDatabase(client, dbName);
    const store = new MongoReadStore(client, db, ownsClient, await MongoWebhookStore.open(db));
    for (const name of PROJECTION_NAMES) {
      await store.db.collection(await store.liveCollection(name, true)).createIndexes(INDEXES[name]);
      await store.dropRetired(name);
    }
    return store;
  }

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly ownsClient: boolean,
    /** Webhook delivery's collections, in this database. */
    readonly webhooks: WebhookStore,
  ) {}

  /** The database in use (for tests that drop it). */
  get database(): Db {
    return this.db;
  }

  async applyBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    // The pointer afresh: a rebuild may have been swapped in since the last batch.
    await this.applyEvents(projection, await this.liveCollection(projection.name, true), events);
    const last = events.at(-1);
    if (last) {
      // $max: a replayed older batch never winds the checkpoint back (null sorts before strings).
      await this.checkpointsCollection().updateOne(
        { _id: projection.name },
        { $max: { position: toStoredPosition(last.position) } },
        { upsert: true },
      );
    }
  }

  /** One part after another: MongoDB writes each view with its own position guard, so a part is idempotent alone. */
  async applyBatches(parts: readonly ProjectionBatch[]): Promise<void> {
    for (const { projection, events } of parts) await this.applyBatch(projection, events);
  }

  async checkpoint(name: ProjectionName): Promise<string | null> {
    this.assertOpen();
    const doc = await this.checkpointsCollection().findOne({ _id: name });
    return doc?.position == null ? null : fromStoredPosition(doc.position);
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    this.assertOpen();
    const docs = await this.checkpointsCollection()
      .find({ _id: { $in: [...PROJECTION_NAMES] } })
      .toArray();
    const byName = new Map(docs.map((doc) => [doc._id, doc]));
    return PROJECTION_NAMES.map((name): ProjectionCheckpoint => {
      const doc = byName.get(name);
      const position = doc?.position == null ? null : fromStoredPosition(doc.position);
      if (doc?.rebuilding) return { name, position, status: 'rebuilding', progress: doc.progress ?? 0 };
      return { name, position, status: position === null ? 'idle' : 'running' };
    });
  }

  async eventStoreIdentity(): Promise<EventStoreIdentity | null> {
    this.assertOpen();
    const doc = await this.meta().findOne({ _id: 'event-store' });
    return doc ? { kind: doc.kind, id: doc.id } : null;
  }

  async claimEventStore(identity: EventStoreIdentity, options: { replace?: boolean } = {}): Promise<EventStoreIdentity> {
    this.assertOpen();
    if (options.replace) {
      const recorded = await this.eventStoreIdentity();
      // The reactors' checkpoints first: a crash before the identity is written leaves the old one
      // recorded, and the next start refuses again (rather than using positions of the old log).
      if (recorded && (recorded.kind !== identity.kind || recorded.id !== identity.id)) {
        await this.db.collection<ReactorCheckpointDocument>('reactor_checkpoints').deleteMany({});
      }
      await this.meta().replaceOne({ _id: 'event-store' }, { kind: identity.kind, id: identity.id }, { upsert: true });
      return { kind: identity.kind, id: identity.id };
    }
    try {
      await this.meta().updateOne({ _id: 'event-store' }, { $setOnInsert: { kind: identity.kind, id: identity.id } }, { upsert: true });
    } catch (error) {
      // Two processes claiming a new read store at once: one insert wins, the other reads it.
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    return (await this.eventStoreIdentity())!;
  }

  async reactorCheckpoint(name: string): Promise<string | null> {
    this.assertOpen();
    const doc = await this.db.collection<ReactorCheckpointDocument>('reactor_checkpoints').findOne({ _id: name });
    return doc ? fromStoredPosition(doc.position) : null;
  }

  async saveReactorCheckpoint(name: string, position: string): Promise<void> {
    this.assertOpen();
    await this.db
      .collection<ReactorCheckpointDocument>('reactor_checkpoints')
      .updateOne({ _id: name }, { $set: { position: toStoredPosition(position) } }, { upsert: true });
  }

  /**
   * Starts filling a collection of a new name, without secondary indexes (finishRebuild builds them
   * on the filled collection). Leftovers of an interrupted rebuild and retired collections past
   * their grace time are dropped first; the new name is recorded before the collection exists, so
   * that a crash in between leaves nothing unnamed.
   */
  async beginRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    await this.dropRetired(name);
    const checkpoint = await this.checkpointsCollection().findOne({ _id: name });
    const keep = new Set([liveCollectionOf(name, checkpoint), ...(checkpoint?.retired ?? []).map((retired) => retired.collection)]);
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    for (const { name: collection } of collections) {
      const base = collection.endsWith('_gone') ? collection.slice(0, -'_gone'.length) : collection;
      if (belongsTo(name, collection) && !keep.has(base)) await this.db.dropCollection(collection);
    }
    const shadow = rebuildCollectionName(name);
    await this.checkpointsCollection().updateOne(
      { _id: name },
      { $set: { rebuilding: true, rebuildPosition: null, progress: 0, rebuildCollection: shadow }, $setOnInsert: { position: null } },
      { upsert: true },
    );
    await this.db.createCollection(shadow);
    await this.db.createCollection(goneName(shadow));
  }

  async applyRebuildBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[], progress: number): Promise<void> {
    this.assertOpen();
    const { shadow } = await this.assertRebuilding(projection.name);
    await this.applyEvents(projection, shadow, events);
    const last = events.at(-1);
    await this.checkpointsCollection().updateOne(
      { _id: projection.name, rebuildCollection: shadow },
      {
        $set: { progress: Math.min(1, Math.max(0, progress)) },
        ...(last ? { $max: { rebuildPosition: toStoredPosition(last.position) } } : {}),
      },
    );
  }

  /**
   * Builds the copy's indexes, then swaps it in with one update of the checkpoint document: the
   * pointer, the checkpoint and the retirement of the old collection together. Readers see the old
   * read model or the rebuilt one; those still reading the old one finish undisturbed.
   */
  async finishRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    const { shadow, checkpoint } = await this.assertRebuilding(name);
    await this.db.collection(shadow).createIndexes(INDEXES[name]);
    const swapped = await this.checkpointsCollection().updateOne(
      { _id: name, rebuilding: true, rebuildCollection: shadow },
      {
        $set: {
          collection: shadow,
          position: checkpoint.rebuildPosition ?? null,
          rebuilding: false,
          rebuildPosition: null,
          rebuildCollection: null,
          progress: null,
        },
        $push: { retired: { collection: liveCollectionOf(name, checkpoint), at: new Date() } },
      },
    );
    if (swapped.matchedCount !== 1) throw new Error(`the rebuild of ${name} was replaced by another one before it could be swapped in`);
    this.pointers.set(name, { collection: shadow, at: Date.now() });
  }

  /**
   * A page of deals and their count: the whole collection's count when nothing filters the list
   * (`estimatedDocumentCount`: the collection's metadata, no scan — exact after a clean shutdown),
   * else a count that stops past the cap, as the embedded store does (read-store.ts).
   */
  async findDeals(query: DealQuery): Promise<DealQueryResult> {
    this.assertOpen();
    const filter = dealFilter(query);
    const skip = (Math.max(1, query.page) - 1) * query.pageSize;
    const deals = this.views(await this.liveCollection('deals'));
    const cap = query.totalCap ?? SEARCH_TOTAL_CAP;
    const filtered = Object.keys(filter).length > 0;
    const [docs, counted] = await Promise.all([
      deals
        .find(filter, { projection: { _id: 0, view: 1 } })
        .sort(dealSort(query))
        .skip(skip)
        .limit(query.pageSize)
        .toArray(),
      filtered ? deals.countDocuments(filter, { limit: cap + 1 }) : deals.estimatedDocumentCount(),
    ]);
    const items = docs.map((doc) => viewOf('deals', doc.view));
    return filtered ? { items, ...cappedTotal(counted, cap) } : { items, total: counted };
  }

  async getDeal(processId: string): Promise<Deal | null> {
    this.assertOpen();
    const doc = await this.views(await this.liveCollection('deals')).findOne({ processId }, { projection: { _id: 0, view: 1 } });
    return doc ? viewOf('deals', doc.view) : null;
  }

  async getDeals(processIds: readonly string[]): Promise<Deal[]> {
    this.assertOpen();
    if (processIds.length === 0) return [];
    const docs = await this.views(await this.liveCollection('deals'))
      .find({ processId: { $in: [...processIds] } }, { projection: { _id: 0, view: 1 } })
      .toArray();
    return docs.map((doc) => viewOf('deals', doc.view));
  }

  async trail(processId: string): Promise<TrailEntry[]> {
    this.assertOpen();
    const docs = await this.views(await this.liveCollection('audit_trail'))
      .find({ streamId: signingStreamName(processId) }, { projection: { _id: 0, view: 1 } })
      .sort({ revision: 1 })
      .toArray();
    return docs.map((doc) => viewOf('audit_trail', doc.view));
  }

  async cabinet(processId: string, personInn: string | null): Promise<CabinetEntry[]> {
    this.assertOpen();
    const filter = personInn === null ? { processId } : { $or: [{ processId }, { personInn }] };
    const docs = await this.views(await this.liveCollection('cabinet'))
      .find(filter, { projection: { _id: 0, view: 1 } })
      .sort({ updatedAt: -1, processId: 1 })
      .toArray();
    return docs.map((doc) => viewOf('cabinet', doc.view));
  }

  async stats(query: StatsQuery): Promise<Stats> {
    this.assertOpen();
    const filter: Document = {};
    if (query.branchId !== undefined) filter['branchId'] = query.branchId;
    const created = timeCondition(statsRange(query));
    if (created) filter['createdAt'] = created;
    const docs = await this.views(await this.liveCollection('stats'))
      .find(filter, { projection: { _id: 0, view: 1 } })
      .sort({ createdAt: 1, processId: 1 })
      .toArray();
    return summarizeStats(docs.map((doc) => viewOf('stats', doc.view)));
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const answer = await this.db.command({ ping: 1 });
      return answer['ok'] === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.close();
  }

  /** The live collection of a read model: the pointer as read within `POINTER_TTL_MS`, or afresh. */
  private async liveCollection(name: ProjectionName, fresh = false): Promise<string> {
    const known = this.pointers.get(name);
    if (!fresh && known && Date.now() - known.at < POINTER_TTL_MS) return known.collection;
    const checkpoint = await this.checkpointsCollection().findOne({ _id: name }, { projection: { collection: 1 } });
    const collection = liveCollectionOf(name, checkpoint);
    this.pointers.set(name, { collection, at: Date.now() });
    return collection;
  }

  /** Drops the collections of `name` retired more than `RETIRED_GRACE_MS` ago, and forgets them. */
  private async dropRetired(name: ProjectionName): Promise<void> {
    const checkpoint = await this.checkpointsCollection().findOne({ _id: name }, { projection: { retired: 1 } });
    const due = (checkpoint?.retired ?? []).filter((retired) => Date.now() - retired.at.getTime() >= RETIRED_GRACE_MS);
    if (due.length === 0) return;
    for (const { collection } of due) {
      await this.db.dropCollection(collection);
      await this.db.dropCollection(goneName(collection));
    }
    await this.checkpointsCollection().updateOne(
      { _id: name },
      { $pull: { retired: { collection: { $in: due.map((retired) => retired.collection) } } } },
    );
  }

  /**
   * Folds the events into the views of collection `base`: loads every key of the batch at once,
   * skips events at or before a view's position (replays), and writes each changed view once with a
   * guard (`position < new position`) against a concurrent or later writer.
   */
  private async applyEvents<View>(projection: Projection<View>, base: string, events: readonly RecordedEvent[]): Promise<void> {
    const handles = new Set(projection.handles);
    const keyed: { key: string; event: RecordedEvent }[] = [];
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      const key = projection.keyOf(event);
      if (key !== null) keyed.push({ key, event });
    }
    if (keyed.length === 0) return;

    const keys = [...new Set(keyed.map(({ key }) => key))];
    const batch = new Map<string, BatchEntry>(
      keys.map((key) => [key, { key, view: null, position: null, stored: false, gone: false, changed: false }]),
    );
    for (const doc of await this.views(base)
      .find({ _id: { $in: keys } })
      .toArray()) {
      const entry = batch.get(doc._id);
      if (!entry) continue;
      entry.view = doc.view;
      entry.position = doc.position;
      entry.stored = true;
    }
    const missing = keys.filter((key) => !batch.get(key)?.stored);
    if (missing.length > 0) {
      for (const doc of await this.gone(base)
        .find({ _id: { $in: missing } })
        .toArray()) {
        const entry = batch.get(doc._id);
        if (!entry) continue;
        entry.position = doc.position;
        entry.gone = true;
      }
    }

    for (const { key, event } of keyed) {
      const entry = batch.get(key);
      if (!entry) continue;
      const position = toStoredPosition(event.position);
      if (entry.position !== null && position <= entry.position) continue;
      // The view came out of this projection's own evolve (or its stored copy), so it is its View.
      entry.view = projection.evolve(entry.view as View | null, event);
      entry.position = position;
      entry.changed = true;
    }

    const viewOps: AnyBulkWriteOperation<ViewDocument>[] = [];
    const goneOps: AnyBulkWriteOperation<GoneDocument>[] = [];
    for (const entry of batch.values()) {
      if (!entry.changed || entry.position === null) continue;
      const guard = { _id: entry.key, position: { $lt: entry.position } };
      if (entry.view === null) {
        if (entry.stored) viewOps.push({ deleteOne: { filter: guard } });
        goneOps.push({ replaceOne: { filter: guard, replacement: { position: entry.position }, upsert: true } });
      } else {
        const replacement = { position: entry.position, view: entry.view as Document, ...QUERY_FIELDS[projection.name](entry.view) };
        viewOps.push({ replaceOne: { filter: guard, replacement, upsert: true } });
        if (entry.gone) goneOps.push({ deleteOne: { filter: guard } });
      }
    }
    await bulkWriteGuarded(this.views(base), viewOps);
    await bulkWriteGuarded(this.gone(base), goneOps);
  }

  private async assertRebuilding(name: ProjectionName): Promise<{ shadow: string; checkpoint: CheckpointDocument }> {
    const checkpoint = await this.checkpointsCollection().findOne({ _id: name });
    const shadow = checkpoint?.rebuilding ? checkpoint.rebuildCollection : null;
    if (!checkpoint || !shadow) throw new Error(`no rebuild of ${name} is in progress (call beginRebuild first)`);
    return { shadow, checkpoint };
  }

  private views(base: string): Collection<ViewDocument> {
    return this.db.collection<ViewDocument>(base);
  }

  private gone(base: string): Collection<GoneDocument> {
    return this.db.collection<GoneDocument>(goneName(base));
  }

  private meta(): Collection<EventStoreIdentityDocument> {
    return this.db.collection<EventStoreIdentityDocument>('read_store_meta');
  }

  private checkpointsCollection(): Collection<CheckpointDocument> {
    return this.db.collection<CheckpointDocument>('read_model_checkpoints');
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the read store is closed');
  }
}
