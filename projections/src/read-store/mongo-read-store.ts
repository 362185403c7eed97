import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Document,
  type OneOrMore,
  type WriteError,
} from 'mongodb';
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
  type ProjectionCheckpoint,
  type ReadStore,
  type StatsQuery,
} from '../read-store.js';
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
import { fromStoredPosition, toStoredPosition } from './positions.js';
import { queryTerms } from './search-terms.js';
import { statsRange } from './time-bounds.js';
import { viewOf } from './views.js';

const DUPLICATE_KEY = 11000;

const liveName = (name: ProjectionName): string => name;
const shadowName = (name: ProjectionName): string => `${name}__rebuild`;
const goneName = (base: string): string => `${base}_gone`;

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
 * The read store on MongoDB (`MONGODB_URL`): a collection per projection (`deals`, `audit_trail`,
 * `cabinet`, `stats`), each with `<name>_gone` for deleted keys, plus `read_model_checkpoints` and
 * `reactor_checkpoints`, and `read_store_meta` (the event log the checkpoints belong to). No multi-document transactions (a standalone server has none): the views
 * are written first, each guarded by its position, then the checkpoint, so a crash in between only
 * makes the runner re-apply a batch that the guards turn into no-ops.
 */
export class MongoReadStore implements ReadStore {
  private closed = false;

  /** Connects and creates every index the queries need (a no-op for those that exist). */
  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    // ignoreUndefined: an optional view field left undefined stays absent instead of becoming null.
    const client = new MongoClient(url, { ignoreUndefined: true });
    await client.connect();
    const store = new MongoReadStore(client, client.db(options.dbName ?? databaseNameOf(url)));
    try {
      await store.createIndexes();
    } catch (error) {
      await client.close();
      throw error;
    }
    return store;
  }

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** The database in use (for tests that drop it). */
  get database(): Db {
    return this.db;
  }

  async applyBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    await this.applyEvents(projection, liveName(projection.name), events);
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

  async beginRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    const base = shadowName(name);
    // A rebuild that was interrupted (or is restarted) starts over from empty shadow collections.
    await this.db.dropCollection(base);
    await this.db.dropCollection(goneName(base));
    // Both must exist for the renames in finishRebuild, even if the rebuild writes nothing.
    await this.db.createCollection(base);
    await this.db.createCollection(goneName(base));
    await this.db.collection(base).createIndexes(INDEXES[name]);
    await this.checkpointsCollection().updateOne(
      { _id: name },
      { $set: { rebuilding: true, rebuildPosition: null, progress: 0 }, $setOnInsert: { position: null } },
      { upsert: true },
    );
  }

  async applyRebuildBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[], progress: number): Promise<void> {
    this.assertOpen();
    await this.assertRebuilding(projection.name);
    await this.applyEvents(projection, shadowName(projection.name), events);
    const last = events.at(-1);
    await this.checkpointsCollection().updateOne(
      { _id: projection.name },
      {
        $set: { progress: Math.min(1, Math.max(0, progress)) },
        ...(last ? { $max: { rebuildPosition: toStoredPosition(last.position) } } : {}),
      },
    );
  }

  async finishRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    const checkpoint = await this.assertRebuilding(name);
    // renameCollection with dropTarget swaps a collection in one step: readers see the old one or
    // the rebuilt one (with the indexes created on it in beginRebuild), never a half-built one.
    await this.db.renameCollection(shadowName(name), liveName(name), { dropTarget: true });
    await this.db.renameCollection(goneName(shadowName(name)), goneName(liveName(name)), { dropTarget: true });
    await this.checkpointsCollection().updateOne(
      { _id: name },
      { $set: { position: checkpoint.rebuildPosition ?? null, rebuilding: false, rebuildPosition: null, progress: null } },
    );
  }

  async findDeals(query: DealQuery): Promise<DealQueryResult> {
    this.assertOpen();
    const filter = dealFilter(query);
    const skip = (Math.max(1, query.page) - 1) * query.pageSize;
    const deals = this.views(liveName('deals'));
    // A search counts up to the cap + 1 (API.md: "`total` may stop counting at 10,000"), as the
    // embedded store does; a list without `q` counts every deal it selects.
    const cap = query.totalCap ?? SEARCH_TOTAL_CAP;
    const searching = queryTerms(query.q).length > 0;
    const [docs, counted] = await Promise.all([
      deals
        .find(filter, { projection: { _id: 0, view: 1 } })
        .sort(dealSort(query))
        .skip(skip)
        .limit(query.pageSize)
        .toArray(),
      deals.countDocuments(filter, searching ? { limit: cap + 1 } : {}),
    ]);
    const items = docs.map((doc) => viewOf('deals', doc.view));
    return searching ? { items, ...cappedTotal(counted, cap) } : { items, total: counted };
  }

  async getDeal(processId: string): Promise<Deal | null> {
    this.assertOpen();
    const doc = await this.views(liveName('deals')).findOne({ processId }, { projection: { _id: 0, view: 1 } });
    return doc ? viewOf('deals', doc.view) : null;
  }

  async getDeals(processIds: readonly string[]): Promise<Deal[]> {
    this.assertOpen();
    if (processIds.length === 0) return [];
    const docs = await this.views(liveName('deals'))
      .find({ processId: { $in: [...processIds] } }, { projection: { _id: 0, view: 1 } })
      .toArray();
    return docs.map((doc) => viewOf('deals', doc.view));
  }

  async trail(processId: string): Promise<TrailEntry[]> {
    this.assertOpen();
    const docs = await this.views(liveName('audit_trail'))
      .find({ streamId: signingStreamName(processId) }, { projection: { _id: 0, view: 1 } })
      .sort({ revision: 1 })
      .toArray();
    return docs.map((doc) => viewOf('audit_trail', doc.view));
  }

  async cabinet(processId: string, personInn: string | null): Promise<CabinetEntry[]> {
    this.assertOpen();
    const filter = personInn === null ? { processId } : { $or: [{ processId }, { personInn }] };
    const docs = await this.views(liveName('cabinet'))
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
    const docs = await this.views(liveName('stats'))
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
    await this.client.close();
  }

  private async createIndexes(): Promise<void> {
    for (const name of PROJECTION_NAMES) await this.db.collection(liveName(name)).createIndexes(INDEXES[name]);
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

  private async assertRebuilding(name: ProjectionName): Promise<CheckpointDocument> {
    const doc = await this.checkpointsCollection().findOne({ _id: name });
    if (!doc?.rebuilding) throw new Error(`no rebuild of ${name} is in progress (call beginRebuild first)`);
    return doc;
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

/**
 * An unordered bulk write of guarded upserts. When a document exists with a position at or after
 * the guard's, the filter matches nothing and the upsert tries to insert a second document with the
 * same `_id`: the server answers E11000 (duplicate key) for that operation. That is the guard
 * working (a newer write is already there), so those errors are ignored; any other is thrown.
 */
async function bulkWriteGuarded<Schema extends Document>(
  collection: Collection<Schema>,
  operations: AnyBulkWriteOperation<Schema>[],
): Promise<void> {
  if (operations.length === 0) return;
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    if (error instanceof MongoBulkWriteError && onlyStaleWrites(error)) return;
    throw error;
  }
}

function onlyStaleWrites(error: MongoBulkWriteError): boolean {
  if (error.err !== undefined || error.result?.getWriteConcernError() !== undefined) return false;
  const writeErrors: readonly WriteError[] = isWriteErrorList(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  return writeErrors.length > 0 && writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY);
}

function isWriteErrorList(value: OneOrMore<WriteError>): value is readonly WriteError[] {
  return Array.isArray(value);
}
