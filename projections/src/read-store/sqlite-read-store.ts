import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import { PROJECTION_NAMES, type Projection, type ProjectionName } from '../projection.js';
import type { CabinetEntry } from '../read-models/cabinet-entry.js';
import type { Deal } from '../read-models/deal.js';
import type { Stats, StatsEntry } from '../read-models/stats-entry.js';
import { summarizeStats } from '../read-models/stats-math.js';
import type { TrailEntry } from '../read-models/trail-entry.js';
import type { DealQuery, DealQueryResult, ProjectionCheckpoint, ReadStore, StatsQuery } from '../read-store.js';
import { fromStoredPosition, laterStoredPosition, toStoredPosition } from './positions.js';
import { dealSql, whereOf, type DealSql } from './sqlite-deal-query.js';
import {
  createProjectionTables,
  createSchema,
  dropProjectionTables,
  liveTable,
  shadowTable,
  TABLE_SPECS,
  tablesOf,
  type SqlValue,
  type TableSpec,
} from './sqlite-schema.js';
import { statsRange } from './time-bounds.js';
import { viewOf } from './views.js';

export interface SqliteReadStoreOptions {
  /**
   * Searches with up to this many matches collect and sort them; beyond, they walk an index (see
   * searchDeals). Default 20,000 (about 80 ms of sorting on the reference machine).
   */
  searchCollectLimit?: number;
}

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
  private readonly searchCollectLimit: number;
  private closed = false;

  /** Opens (creating when missing) `<dataDir>/read-models.sqlite`. */
  static openInDataDir(dataDir: string, options: SqliteReadStoreOptions = {}): SqliteReadStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteReadStore(join(dataDir, 'read-models.sqlite'), options);
  }

  /** @param filePath a database file (created when missing), or `:memory:` for tests. */
  constructor(filePath: string, options: SqliteReadStoreOptions = {}) {
    this.searchCollectLimit = options.searchCollectLimit ?? 20_000;
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    // NORMAL, not FULL: a power loss may lose the last commits, but read models are derived data —
    // the runner re-applies the log from the checkpoint that did survive (and can rebuild them all).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -65536'); // 64 MiB of page cache
    // Reads through a memory map (up to 2 GiB, SQLite's limit) instead of a read() per page: a search
    // touches a few hundred scattered rows, and at a million deals this halves its time. The price
    // (an I/O error surfaces as a signal, not an error code) is fine for data that can be rebuilt.
    this.db.pragma('mmap_size = 2147418112');
    // One writer at a time from the check to the last CREATE: two processes opening a new file at
    // once (the projections service and the query side) both saw "no deals table" and one failed
    // with "table deals already exists".
    this.db.transaction(() => createSchema(this.db)).immediate();
  }

  async applyBatch<View>(projection: Projection<View>, events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.applyEvents(projection, liveTable(projection.name), events);
      const last = events.at(-1);
      if (last) this.moveCheckpoint(projection.name, 'position', toStoredPosition(last.position));
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
      createProjectionTables(this.db, name, shadowTable(name));
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
  }

  async findDeals(query: DealQuery): Promise<DealQueryResult> {
    this.assertOpen();
    const table = liveTable('deals');
    const sql = dealSql(query);
    const offset = (Math.max(1, query.page) - 1) * query.pageSize;
    if (sql.match !== null) return this.searchDeals(table, sql, sql.match, query.pageSize, offset);
    const where = whereOf(sql.conditions);
    const total = (this.statement(`SELECT count(*) AS n FROM ${table} d ${where}`).get(...sql.params) as { n: number }).n;
    const rows = this.statement(`SELECT d.view FROM ${table} d ${where} ${sql.orderBy} LIMIT ? OFFSET ?`).all(
      ...sql.params,
      query.pageSize,
      offset,
    ) as { view: string }[];
    return { items: rows.map((row) => viewOf('deals', JSON.parse(row.view))), total };
  }

  /**
   * A list with `q`. The FTS index is read once, up to `searchCollectLimit` matches: when that is
   * all of them (a name, an INN, a company: the usual search), the matches are filtered, sorted by
   * the deal columns and counted in one query. When there are more (a word found in half the
   * deals), sorting them all would take seconds at a million deals: then SQLite walks the sort index
   * (or the filter index) and tests each row against the set of matches, stopping after the page.
   */
  private searchDeals(table: string, sql: DealSql, match: string, limit: number, offset: number): DealQueryResult {
    const matchIds = this.statement(`SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ? LIMIT ?`)
      .pluck()
      .all(match, this.searchCollectLimit + 1) as number[];
    let pageIds: number[];
    let total: number;
    if (matchIds.length <= this.searchCollectLimit) {
      const ids = JSON.stringify(matchIds);
      const where = whereOf([...sql.conditions, 'd.id IN (SELECT value FROM json_each(?))']);
      const rows = this.statement(`SELECT d.id, count(*) OVER () AS total FROM ${table} d ${where} ${sql.orderBy} LIMIT ? OFFSET ?`).all(
        ...sql.params,
        ids,
        limit,
        offset,
      ) as { id: number; total: number }[];
      pageIds = rows.map((row) => row.id);
      // A page past the end has no row to carry the count.
      total =
        rows[0]?.total ?? (this.statement(`SELECT count(*) AS n FROM ${table} d ${where}`).get(...sql.params, ids) as { n: number }).n;
    } else {
      const matches = `(SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)`;
      const counted =
        sql.conditions.length === 0
          ? // Every deal has one FTS row: counting the matches needs no deal row.
            this.statement(`SELECT count(*) AS n FROM ${table}_fts WHERE ${table}_fts MATCH ?`).get(match)
          : this.statement(`SELECT count(*) AS n FROM ${table} d ${whereOf([...sql.conditions, `d.id IN ${matches}`])}`).get(
              ...sql.params,
              match,
            );
      total = (counted as { n: number }).n;
      // `+d.id`: no rowid lookup per match, but a membership test of rows read in index order.
      const where = whereOf([...sql.conditions, `+d.id IN ${matches}`]);
      pageIds = this.statement(`SELECT d.id FROM ${table} d ${where} ${sql.orderBy} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...sql.params, match, limit, offset) as number[];
    }
    return { items: this.dealsByIds(table, pageIds), total };
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
        this.statement(`INSERT INTO ${table}_fts (rowid, title, signer_name, company_name, inn) VALUES (?, ?, ?, ?, ?)`).run(id, ...texts);
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
