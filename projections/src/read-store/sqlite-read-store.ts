import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import type { EventStoreIdentity } from '@e-contract/platform/event-store';
import { PROJECTION_NAMES, type Projection, type ProjectionName } from '../projection.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import type { Deal } from '../read-models/deal.js';
import type { Stats, StatsEntry } from '../read-models/stats-entry.js';
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
import { fromStoredPosition, laterStoredPosition, toStoredPosition } from './positions.js';
import { chooseSearchPlans, matchCountLimit, needsFiltered, type SearchPagePlan } from './search-plan.js';
import { dealSql, whereOf, type DealSearch, type DealSql } from './sqlite-deal-query.js';
import {
  createMissingIndexes,
  createProjectionTables,
  createSchema,
  dropProjectionTables,
  liveTable,
  SEARCH_INDEX,
  shadowTable,
  TABLE_SPECS,
  tablesOf,
  type SqlValue,
  type TableSpec,
} from './sqlite-schema.js';
import { statsRange } from './time-bounds.js';
import { viewOf } from './views.js';
import { WalCheckpointer } from './sqlite-wal-checkpointer.js';
import { SqliteWebhookStore } from './sqlite-webhook-store.js';
import type { WebhookStore } from '../webhooks/webhook-store.js';

export interface SqliteReadStoreOptions {
  /** Always this page plan where it applies (specs and benchmarks); by default the cheapest one is estimated. */
  searchPlan?: SearchPagePlan;
  /** A search reads up to this many matches' ids at once (default 2,000); with more, its plans evaluate it in SQL. */
  searchFetchLimit?: number;
  /**
   * Where the WAL is checkpointed: `'on-commit'` (SQLite's default: the committing connection, once
   * the WAL passed 1,000 pages) or `'thread'` (a `WalCheckpointer` thread, so that the loop applying
   * the projections never stalls on a checkpoint's fsync). A `:memory:` store has no WAL.
   */
  walCheckpoints?: 'on-commit' | 'thread';
}

/** A search counts the deals of its scoped filters up to this many (a branch's, a manager's)… */
const SCOPE_COUNT_LIMIT = 30_000;
/** … and, when the plan depends on them, the deals of all its filters up to this many. */
const FILTER_COUNT_LIMIT = 50_000;
/** How long such a count is reused (search plans only; a stale one costs time, never a wrong row). */
const ESTIMATE_TTL_MS = 60_000;

/** The matches of a search for a plan's query: a subquery of one column `id`, and its one parameter. */
interface Matches {
  sql: string;
  value: string;
}

/** How long opening waits for another process's schema change (an index migration) before failing. */
const SCHEMA_WAIT_MS = 15 * 60_000;

interface ViewRow {
  id: number;
  position: string;
  view: string;
}

interface CheckpointRow {
  name: string;
  position: string | null;
  rebuilding: number;
  rebuild_position: string | null;
  progress: number | null;
}

/** A view as loaded and evolved within one batch. */
interface BatchEntry {
  key: string;
  /** The row id when the view is stored, `null` when it is new or deleted. */
  id: number | null;
  view: unknown;
  /** Zero-padded position of the last event applied to this key (stored or in this batch). */
  position: string | null;
  /** The FTS texts as stored, to skip rewriting the index when they did not change. */
  storedSearch: string | null;
  /** A deletion is remembered in `<table>_gone`. */
  gone: boolean;
  changed: boolean;
}

/**
 * The embedded read store: one SQLite file (`<DATA_DIR>/read-models.sqlite`), separate from the event
 * store, in WAL mode so that reads run beside the projection runner's writes.
 */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly sortPlans = new Map<string, boolean>();
  private readonly estimates = new Map<string, { value: number; at: number }>();
  private readonly searchPlan: SearchPagePlan | undefined;
  private readonly searchFetchLimit: number;
  private readonly checkpointer: WalCheckpointer | null = null;
  private closed = false;
  /** Webhook delivery's tables, on this connection. */
  readonly webhooks: WebhookStore;

  /** Opens (creating when missing) `<dataDir>/read-models.sqlite`. */
  static openInDataDir(dataDir: string, options: SqliteReadStoreOptions = {}): SqliteReadStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteReadStore(join(dataDir, 'read-models.sqlite'), options);
  }

  /** @param filePath a database file (created when missing), or `:memory:` for tests. */
  constructor(filePath: string, options: SqliteReadStoreOptions = {}) {
    this.searchPlan = options.searchPlan;
    this.searchFetchLimit = options.searchFetchLimit ?? 2_000;
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    // NORMAL, not FULL: a power loss may lose the last commits, but read models are derived data —
    // the runner re-applies the log from the checkpoint that did survive (and can rebuild them all).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    if (options.walCheckpoints === 'thread' && filePath !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(filePath);
    }
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -65536'); // 64 MiB of page cache
    // Reads through a memory map (up to 2 GiB, SQLite's limit) instead of a read() per page: a search
    // touches a few hundred scattered rows, and at a million deals this halves its time. The price
    // (an I/O error surfaces as a signal, not an error code) is fine for data that can be rebuilt.
    this.db.pragma('mmap_size = 2147418112');
    // One writer at a time from the check to the last CREATE: two processes opening a new file at
    // once (the projections service and the query side) both saw "no deals table" and one failed
    // with "table deals already exists". Re-indexing an older search index takes about a minute per
    // million deals (sqlite-schema.ts): a process opening meanwhile waits for it, past busy_timeout.
    const deadline = Date.now() + SCHEMA_WAIT_MS;
    for (;;) {
      try {
        this.db.transaction(() => createSchema(this.db)).immediate();
        break;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      }
    }
    this.webhooks = new SqliteWebhookStore(this.db);
  }

  async applyBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[]): Promise<void> {
    return this.applyBatches([{ projection: projection as Projection<unknown>, events }]);
  }

  /** One transaction for every part: one commit instead of one per read model. */
  async applyBatches(parts: readonly ProjectionBatch[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const { projection, events } of parts) {
        this.applyEvents(projection, liveTable(projection.name), events);
        const last = events.at(-1);
        if (last) this.moveCheckpoint(projection.name, 'position', toStoredPosition(last.position));
      }
    })();
  }

  /**
   * `applyBatch` for a large import into a projection (a first load, a benchmark's seed): drops the
   * table's secondary indexes, applies the batches, then builds the indexes once, which is several
   * times faster than a million random inserts into each B-tree. Lists read meanwhile are slow.
   */
  async bulkLoad<View>(
    projection: Projection<View>,
    batches: Iterable<readonly RecordedEvent[]> | AsyncIterable<readonly RecordedEvent[]>,
  ): Promise<void> {
    this.assertOpen();
    const table = liveTable(projection.name);
    const indexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
      .all(table) as { name: string; sql: string }[];
    for (const index of indexes) this.db.exec(`DROP INDEX ${index.name}`);
    try {
      for await (const events of batches) await this.applyBatch(projection, events);
    } finally {
      for (const index of indexes) this.db.exec(index.sql);
      if (TABLE_SPECS[projection.name].searchTexts) this.db.exec(`INSERT INTO ${table}_fts (${table}_fts) VALUES ('optimize')`);
    }
  }

  async checkpoint(name: ProjectionName): Promise<string | null> {
    this.assertOpen();
    const row = this.statement(`SELECT position FROM read_model_checkpoints WHERE name = ?`).get(name) as
      { position: string | null } | undefined;
    return row?.position == null ? null : fromStoredPosition(row.position);
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    this.assertOpen();
    const rows = this.statement(`SELECT * FROM read_model_checkpoints`).all() as CheckpointRow[];
    const byName = new Map(rows.map((row) => [row.name, row]));
    return PROJECTION_NAMES.map((name): ProjectionCheckpoint => {
      const row = byName.get(name);
      const position = row?.position == null ? null : fromStoredPosition(row.position);
      if (row?.rebuilding) return { name, position, status: 'rebuilding', progress: row.progress ?? 0 };
      return { name, position, status: position === null ? 'idle' : 'running' };
    });
  }

  async eventStoreIdentity(): Promise<EventStoreIdentity | null> {
    this.assertOpen();
    const row = this.statement(`SELECT kind, id FROM event_store_identity`).get() as EventStoreIdentity | undefined;
    return row ? { kind: row.kind, id: row.id } : null;
  }

  async claimEventStore(identity: EventStoreIdentity, options: { replace?: boolean } = {}): Promise<EventStoreIdentity> {
    this.assertOpen();
    return this.db
      .transaction(() => {
        const recorded = this.statement(`SELECT kind, id FROM event_store_identity`).get() as EventStoreIdentity | undefined;
        if (recorded && !options.replace) return { kind: recorded.kind, id: recorded.id };
        if (recorded && (recorded.kind !== identity.kind || recorded.id !== identity.id))
          this.statement(`DELETE FROM reactor_checkpoints`).run();
        this.statement(`INSERT OR REPLACE INTO event_store_identity (singleton, kind, id) VALUES (1, ?, ?)`).run(
          identity.kind,
          identity.id,
        );
        return { kind: identity.kind, id: identity.id };
      })
      .immediate();
  }

  async reactorCheckpoint(name: string): Promise<string | null> {
    this.assertOpen();
    const row = this.statement(`SELECT position FROM reactor_checkpoints WHERE name = ?`).get(name) as { position: string } | undefined;
    return row ? fromStoredPosition(row.position) : null;
  }

  async saveReactorCheckpoint(name: string, position: string): Promise<void> {
    this.assertOpen();
    this.statement(
      `INSERT INTO reactor_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    ).run(name, toStoredPosition(position));
  }

  async beginRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      // A rebuild that was interrupted (or is restarted) starts over from empty shadow tables.
      dropProjectionTables(this.db, name, shadowTable(name));
      // Without secondary indexes: finishRebuild builds them once the copy is filled.
      createProjectionTables(this.db, name, shadowTable(name), { indexes: false });
      this.statement(
        `INSERT INTO read_model_checkpoints (name, rebuilding, rebuild_position, progress) VALUES (?, 1, NULL, 0)
         ON CONFLICT (name) DO UPDATE SET rebuilding = 1, rebuild_position = NULL, progress = 0`,
      ).run(name);
    })();
  }

  async applyRebuildBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[], progress: number): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.assertRebuilding(projection.name);
      this.applyEvents(projection, shadowTable(projection.name), events);
      const last = events.at(-1);
      if (last) this.moveCheckpoint(projection.name, 'rebuild_position', toStoredPosition(last.position));
      this.statement(`UPDATE read_model_checkpoints SET progress = ? WHERE name = ?`).run(
        Math.min(1, Math.max(0, progress)),
        projection.name,
      );
    })();
  }

  async finishRebuild(name: ProjectionName): Promise<void> {
    this.assertOpen();
    // DDL is transactional in SQLite: readers see either the old tables or the rebuilt ones.
    this.db.transaction(() => {
      this.assertRebuilding(name);
      createMissingIndexes(this.db, name, shadowTable(name));
      const live = tablesOf(name, liveTable(name));
      const shadow = tablesOf(name, shadowTable(name));
      for (const table of live) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      shadow.forEach((table, i) => this.db.exec(`ALTER TABLE ${table} RENAME TO ${live[i]}`));
      this.statement(
        `UPDATE read_model_checkpoints SET position = rebuild_position, rebuilding = 0, rebuild_position = NULL, progress = NULL WHERE name = ?`,
      ).run(name);
    })();
    // Statements prepared against the dropped tables re-prepare themselves; drop the cache anyway.
    this.statements.clear();
    this.sortPlans.clear();
    this.estimates.clear();
  }

  async findDeals(query: DealQuery): Promise<DealQueryResult> {
    this.assertOpen();
    const table = liveTable('deals');
    const sql = dealSql(query);
    if (sql.search !== null) return this.searchDeals(table, sql, sql.search, query);
    const offset = (Math.max(1, query.page) - 1) * query.pageSize;
    const where = whereOf(sql.conditions);
    const rows = this.statement(`SELECT d.view FROM ${table} d ${where} ${sql.orderBy} LIMIT ? OFFSET ?`).all(
      ...sql.params,
      query.pageSize,
      offset,
    ) as { view: string }[];
    const items = rows.map((row) => viewOf('deals', JSON.parse(row.view)));
    // The whole read model is counted exactly; a filtered list up to the cap, as a search (read-store.ts).
    if (sql.conditions.length === 0)
      return { items, total: (this.statement(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n };
    const cap = query.totalCap ?? SEARCH_TOTAL_CAP;
    const counted = this.countFiltered(table, sql, cap + 1);
    return { items, ...cappedTotal(counted, cap) };
  }

  /**
   * A list with `q`. The search index answers the words together with the scoped filters (branch,
   * manager, kind, signer type: sqlite-schema.ts). A few counts in the indexes — the scope's deals,
   * the filters' deals when they matter, the matches — choose how to read the page and how to count
   * it (search-plan.ts): collect the matches' rows (a name, an INN), or walk the index of the sort
   * and test each row against a set of the matches (thousands of them) or with a lookup in the search
   * index (`ооо`, one letter: most deals). The total stops at the cap + 1.
   *
   * Up to `searchFetchLimit` matches are read once, as ids, and the plans use those; beyond, the search is
   * evaluated again inside the plan's query (its rows would cost more in JavaScript than in SQLite).
   */
  private searchDeals(table: string, sql: DealSql, search: DealSearch, query: DealQuery): DealQueryResult {
    const fts = `${table}_fts`;
    const limit = query.pageSize;
    const offset = (Math.max(1, query.page) - 1) * query.pageSize;
    const reach = offset + limit;
    const cap = query.totalCap ?? SEARCH_TOTAL_CAP;
    const unscoped = sql.unscoped.conditions.length > 0;

    const fetched = this.statement(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?`)
      .pluck()
      .all(search.match, this.searchFetchLimit + 1) as number[];
    const few = fetched.length <= this.searchFetchLimit;
    // The matches as a subquery of one column `id`: the ids read, or the search again.
    const source: Matches = few
      ? { sql: `SELECT value AS id FROM json_each(?)`, value: JSON.stringify(fetched) }
      : { sql: `SELECT rowid AS id FROM ${fts} WHERE ${fts} MATCH ?`, value: search.match };
    const lookup = { sql: `EXISTS (SELECT 1 FROM ${fts} f WHERE f.${fts} MATCH ? AND f.rowid = d.id)`, value: search.termsMatch };
    const pageOf = (condition: string) =>
      `SELECT d.id FROM ${table} d ${whereOf([...sql.conditions, condition])} ${sql.orderBy} LIMIT ? OFFSET ?`;
    // `+d.id`: SQLite may not read the rows by id from the set; it walks an index and tests each row.
    const setPage = pageOf(`+d.id IN (${source.sql})`);
    const lookupPage = pageOf(lookup.sql);
    const parameters = sql.params.length + 3;
    const sorts = { set: this.sortsInMemory(setPage, parameters), lookup: this.sortsInMemory(lookupPage, parameters) };

    // A scope of many deals is taken as all of them (`max(id)`: no count of a million rows).
    const all = (this.statement(`SELECT max(id) AS n FROM ${table}`).get() as { n: number | null }).n ?? 0;
    const scopeMatch = search.scopeMatch;
    const scope =
      scopeMatch === null ? all + 1 : this.estimate(`scope ${scopeMatch}`, () => this.countMatches(fts, scopeMatch, SCOPE_COUNT_LIMIT + 1));
    const deals = scope > SCOPE_COUNT_LIMIT ? all : scope;
    let filtered: number | undefined;
    if (needsFiltered(sorts, unscoped)) {
      // Past the limit: "many", taken as twice the limit (a status among a million deals).
      const rows = this.estimate(`filters ${sql.conditions.join(' AND ')} ${JSON.stringify(sql.params)}`, () =>
        this.countFiltered(table, sql, FILTER_COUNT_LIMIT + 1),
      );
      filtered = rows > FILTER_COUNT_LIMIT ? Math.min(2 * FILTER_COUNT_LIMIT, Math.max(rows, deals)) : rows;
    }
    let matches = fetched.length;
    let evaluation = 0;
    if (!few) {
      // Collect and set evaluate the search again when the ids were not read: as long as this took.
      const counting = process.hrtime.bigint();
      const upTo = matchCountLimit({ reach, deals, cap, sorts, ...(filtered === undefined ? {} : { filtered }) });
      matches = this.countMatches(fts, search.match, upTo);
      evaluation = Number(process.hrtime.bigint() - counting) / 1e3;
    }
    const lookups = search.terms.every((term) => [...term].length <= Math.max(...SEARCH_INDEX.prefixLengths));
    const plans = chooseSearchPlans(
      {
        reach,
        deals,
        matches,
        evaluation,
        lookups,
        words: search.terms.length,
        sorts,
        unscoped,
        cap,
        ...(filtered === undefined ? {} : { filtered }),
      },
      this.searchPlan,
    );

    let pageIds: number[];
    let total: number;
    if (plans.page === 'collect') {
      // CROSS JOIN: from the matches to their rows, never an index of the filters tested against them.
      const rows = this.statement(
        `SELECT d.id, count(*) OVER () AS total FROM (${source.sql}) m CROSS JOIN ${table} d ON d.id = m.id
         ${whereOf(sql.conditions)} ${sql.orderBy} LIMIT ? OFFSET ?`,
      ).all(source.value, ...sql.params, limit, offset) as { id: number; total: number }[];
      pageIds = rows.map((row) => row.id);
      // A page past the end has no row to carry the count.
      total = rows[0]?.total ?? this.countSearch(table, sql, source, 'join', cap);
    } else {
      const member = plans.page === 'set' ? source : lookup;
      pageIds = this.statement(plans.page === 'set' ? setPage : lookupPage)
        .pluck()
        .all(...sql.params, member.value, limit, offset) as number[];
      // Every filter scoped: the index count is the total (it stopped above the cap, or counted all).
      total =
        plans.count === 'index' || plans.count === 'window'
          ? matches
          : this.countSearch(table, sql, plans.count === 'lookup' ? lookup : source, plans.count, cap);
    }
    return { items: this.dealsByIds(table, pageIds), ...cappedTotal(total, cap) };
  }

  private countMatches(fts: string, match: string, upTo: number): number {
    return (
      this.statement(`SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?)`).get(match, upTo) as { n: number }
    ).n;
  }

  /**
   * A count that only steers a plan (never a result), remembered for a minute: a manager's board
   * asks about the same branch at every letter typed.
   */
  private estimate(key: string, count: () => number): number {
    const now = Date.now();
    const known = this.estimates.get(key);
    if (known !== undefined && now - known.at < ESTIMATE_TTL_MS) return known.value;
    if (this.estimates.size >= 1_000) this.estimates.clear();
    const value = count();
    this.estimates.set(key, { value, at: now });
    return value;
  }

  /** The deals of the filters alone (no search), counted up to `upTo`. */
  private countFiltered(table: string, sql: DealSql, upTo: number): number {
    return (
      this.statement(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} d ${whereOf(sql.conditions)} LIMIT ?)`).get(
        ...sql.params,
        upTo,
      ) as { n: number }
    ).n;
  }

  /**
   * The deals of the filters and the search, counted up to the cap + 1: from the matches to their rows
   * (`join`), or the filters' rows tested against the set of matches (`set`) or by a lookup each.
   */
  private countSearch(table: string, sql: DealSql, matches: Matches, plan: 'set' | 'lookup' | 'join', cap: number): number {
    const statement =
      plan === 'join'
        ? this.statement(
            `SELECT count(*) AS n FROM (SELECT 1 FROM (${matches.sql}) m CROSS JOIN ${table} d ON d.id = m.id ${whereOf(sql.conditions)} LIMIT ?)`,
          )
        : this.statement(
            `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} d ${whereOf([...sql.conditions, plan === 'set' ? `+d.id IN (${matches.sql})` : matches.sql])} LIMIT ?)`,
          );
    const values = plan === 'join' ? [matches.value, ...sql.params] : [...sql.params, matches.value];
    return (statement.get(...values, cap + 1) as { n: number }).n;
  }

  /**
   * Whether SQLite would sort (a temp B-tree) rather than read the rows in the order asked: then a
   * walk would test every filtered row. Asked once per statement (EXPLAIN QUERY PLAN, dummy values).
   */
  private sortsInMemory(sql: string, parameters: number): boolean {
    let answer = this.sortPlans.get(sql);
    if (answer === undefined) {
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<null>(parameters).fill(null)) as { detail: string }[];
      answer = plan.some((step) => step.detail.includes('TEMP B-TREE'));
      this.sortPlans.set(sql, answer);
    }
    return answer;
  }

  /** The deal views of the given row ids, in that order. */
  private dealsByIds(table: string, ids: readonly number[]): Deal[] {
    if (ids.length === 0) return [];
    const rows = this.statement(`SELECT id, view FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
      id: number;
      view: string;
    }[];
    const views = new Map(rows.map((row) => [row.id, row.view]));
    return ids.flatMap((id) => {
      const view = views.get(id);
      return view === undefined ? [] : [viewOf('deals', JSON.parse(view))];
    });
  }

  async getDeal(processId: string): Promise<Deal | null> {
    this.assertOpen();
    const row = this.statement(`SELECT view FROM ${liveTable('deals')} WHERE process_id = ?`).get(processId) as
      { view: string } | undefined;
    return row ? viewOf('deals', JSON.parse(row.view)) : null;
  }

  async getDeals(processIds: readonly string[]): Promise<Deal[]> {
    this.assertOpen();
    if (processIds.length === 0) return [];
    const rows = this.statement(`SELECT view FROM ${liveTable('deals')} WHERE process_id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(processIds),
    ) as { view: string }[];
    return rows.map((row) => viewOf('deals', JSON.parse(row.view)));
  }

  async trail(processId: string): Promise<TrailEntry[]> {
    this.assertOpen();
    const rows = this.statement(`SELECT view FROM ${liveTable('audit_trail')} WHERE stream_id = ? ORDER BY revision`).all(
      signingStreamName(processId),
    ) as { view: string }[];
    return rows.map((row) => viewOf('audit_trail', JSON.parse(row.view)));
  }

  async cabinet(processId: string, personInn: string | null): Promise<CabinetEntry[]> {
    this.assertOpen();
    const table = liveTable('cabinet');
    const rows = (
      personInn === null
        ? this.statement(`SELECT view FROM ${table} WHERE process_id = ?`).all(processId)
        : this.statement(`SELECT view FROM ${table} WHERE process_id = ? OR person_inn = ? ORDER BY updated_at DESC, process_id`).all(
            processId,
            personInn,
          )
    ) as { view: string }[];
    return rows.map((row) => viewOf('cabinet', JSON.parse(row.view)));
  }

  async stats(query: StatsQuery): Promise<Stats> {
    this.assertOpen();
    const conditions: string[] = [];
    const params: SqlValue[] = [];
    if (query.branchId !== undefined) {
      conditions.push('branch_id = ?');
      params.push(query.branchId);
    }
    const range = statsRange(query);
    for (const [operator, bound] of [
      ['>=', range.from],
      ['<=', range.to],
      ['<', range.before],
    ] as const) {
      if (bound === undefined) continue;
      conditions.push(`created_at ${operator} ?`);
      params.push(bound);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.statement(`SELECT view FROM ${liveTable('stats')} ${where} ORDER BY created_at, process_id`).all(...params) as {
      view: string;
    }[];
    const entries: StatsEntry[] = rows.map((row) => viewOf('stats', JSON.parse(row.view)));
    return summarizeStats(entries);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return this.statement('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
    await this.checkpointer?.close();
  }

  /**
   * Folds the events into the views of `table`, all inside the caller's transaction: loads each key's
   * view once, skips events at or before the view's position (replays), then writes what changed.
   */
  private applyEvents<View>(projection: Projection<View>, table: string, events: readonly RecordedEvent[]): void {
    const spec = TABLE_SPECS[projection.name];
    const handles = new Set(projection.handles);
    const batch = new Map<string, BatchEntry>();
    for (const event of events) {
      if (!handles.has(event.type)) continue;
      const key = projection.keyOf(event);
      if (key === null) continue;
      let entry = batch.get(key);
      if (!entry) {
        entry = this.load(table, key, spec);
        batch.set(key, entry);
      }
      const position = toStoredPosition(event.position);
      if (entry.position !== null && position <= entry.position) continue;
      // The view came out of this projection's own evolve (or its JSON), so it is its View.
      entry.view = projection.evolve(entry.view as View | null, event);
      entry.position = position;
      entry.changed = true;
    }
    for (const entry of batch.values()) if (entry.changed) this.save(projection.name, table, entry);
  }

  private load(table: string, key: string, spec: TableSpec): BatchEntry {
    const row = this.statement(`SELECT id, position, view FROM ${table} WHERE key = ?`).get(key) as ViewRow | undefined;
    if (row) {
      const view: unknown = JSON.parse(row.view);
      const storedSearch = spec.searchTexts ? spec.searchTexts(view).join('\u0000') : null;
      return { key, id: row.id, view, position: row.position, storedSearch, gone: false, changed: false };
    }
    const gone = this.statement(`SELECT position FROM ${table}_gone WHERE key = ?`).get(key) as { position: string } | undefined;
    return { key, id: null, view: null, position: gone?.position ?? null, storedSearch: null, gone: gone !== undefined, changed: false };
  }

  private save(name: ProjectionName, table: string, entry: BatchEntry): void {
    const spec = TABLE_SPECS[name];
    const position = entry.position;
    if (position === null) return;
    if (entry.view === null) {
      if (entry.id !== null) {
        this.statement(`DELETE FROM ${table} WHERE id = ?`).run(entry.id);
        if (spec.searchTexts) this.statement(`DELETE FROM ${table}_fts WHERE rowid = ?`).run(entry.id);
      }
      this.statement(
        `INSERT INTO ${table}_gone (key, position) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET position = excluded.position`,
      ).run(entry.key, position);
      return;
    }
    const columns = spec.columns.map((column) => column.name);
    const upsert = this.statement(
      `INSERT INTO ${table} (key, position, view, ${columns.join(', ')}) VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})
       ON CONFLICT (key) DO UPDATE SET position = excluded.position, view = excluded.view,
         ${columns.map((column) => `${column} = excluded.${column}`).join(', ')}
       RETURNING id`,
    );
    const { id } = upsert.get(entry.key, position, JSON.stringify(entry.view), ...spec.values(entry.view)) as { id: number };
    if (entry.gone) this.statement(`DELETE FROM ${table}_gone WHERE key = ?`).run(entry.key);
    if (spec.searchTexts) {
      const texts = spec.searchTexts(entry.view);
      if (entry.id === null || texts.join('\u0000') !== entry.storedSearch) {
        if (entry.id !== null) this.statement(`DELETE FROM ${table}_fts WHERE rowid = ?`).run(entry.id);
        this.statement(`INSERT INTO ${table}_fts (rowid, title, signer_name, company_name, inn, scope) VALUES (?, ?, ?, ?, ?, ?)`).run(
          id,
          ...texts,
        );
      }
    }
  }

  /** Moves a checkpoint column forward only: a replayed older batch never winds it back. */
  private moveCheckpoint(name: ProjectionName, column: 'position' | 'rebuild_position', position: string): void {
    const row = this.statement(`SELECT ${column} AS position FROM read_model_checkpoints WHERE name = ?`).get(name) as
      { position: string | null } | undefined;
    const next = laterStoredPosition(row?.position ?? null, position);
    this.statement(
      `INSERT INTO read_model_checkpoints (name, ${column}) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET ${column} = excluded.${column}`,
    ).run(name, next);
  }

  private assertRebuilding(name: ProjectionName): void {
    const row = this.statement(`SELECT rebuilding FROM read_model_checkpoints WHERE name = ?`).get(name) as
      { rebuilding: number } | undefined;
    if (!row?.rebuilding) throw new Error(`no rebuild of ${name} is in progress (call beginRebuild first)`);
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the read store is closed');
  }
}
