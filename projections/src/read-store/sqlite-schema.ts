import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PROJECTION_NAMES, type ProjectionName } from '../projection.js';
import { dealSearchFields, foldSearchText } from './search-terms.js';
import { viewOf } from './views.js';
import { WEBHOOK_SCHEMA } from './sqlite-webhook-store.js';

export type SqlValue = string | number | null;

/**
 * How one projection is kept: every table has `id` (rowid), `key` (the projection's `keyOf`),
 * `position` (zero-padded, see positions.ts) and `view` (JSON), plus the columns its queries filter
 * and sort on, copied out of the view. `<table>_gone` remembers deleted keys with their position, so
 * that an old event replayed after a deletion cannot bring the view back.
 */
export interface TableSpec {
  /**
   * `fromView`: for a column added after tables of this spec were first created, the SQL expression
   * over `view` that fills it in the rows already there (`addMissingColumns`).
   */
  readonly columns: readonly { name: string; type: 'TEXT' | 'INTEGER'; fromView?: string }[];
  readonly indexes: readonly (readonly string[])[];
  values(view: unknown): SqlValue[];
  /** Deals only: the texts of the FTS5 table `<table>_fts` (rowid = the row's id), see SEARCH_INDEX. */
  searchTexts?(view: unknown): [title: string, signerName: string, companyName: string, inn: string, scope: string];
}

/**
 * The filters a deal search can also answer from the FTS5 index: each deal's `scope` column holds one
 * token per filter value, so that `q` with a branch is one index intersection (and one cheap count)
 * rather than a look at every deal of the branch. Only values that do not change once a deal exists
 * are indexed — a status would rewrite the deal's index row on every step of the process.
 */
export const SCOPE_FILTERS = { branch: 'b', manager: 'm', kind: 'k', signerType: 't' } as const;
export type ScopeFilter = keyof typeof SCOPE_FILTERS;

/**
 * A scope token: U+E000 (a private-use character: a word character for FTS5's unicode61 tokenizer, a
 * separator for search-terms.ts, so no typed word can ever match or prefix one), the filter's letter,
 * then the value's UTF-8 bytes in hex (letters and digits only: one token whatever the value holds).
 */
export function scopeToken(filter: ScopeFilter, value: string): string {
  return `\uE000${SCOPE_FILTERS[filter]}${Buffer.from(value, 'utf8').toString('hex')}`;
}

/**
 * The deals' search index: contentless (the texts live in the deals table already) with
 * contentless_delete so rows can be replaced. A prefix query (every search word is one) reads one
 * doclist when a prefix index of its length exists, and otherwise merges the doclists of every word
 * it starts, anew for each query and each row looked up — 10–30 ms for a word in half the deals
 * («договор»). Prefix indexes of 1 to 8 characters cover what a board typed into letter by letter
 * asks for. The price, with the scope column: ≈ 490 MB per million deals instead of 170, and ≈ 32 µs
 * instead of 14 to index a deal — once per deal, as its texts and scope do not change. An existing table with another definition is re-indexed from its deals table when
 * the store opens (migrateSearchIndex).
 */
export const SEARCH_INDEX = {
  prefixLengths: [1, 2, 3, 4, 5, 6, 7, 8],
  definition: `fts5(title, signer_name, company_name, inn, scope, tokenize = "unicode61 remove_diacritics 2", content = '', contentless_delete = 1, prefix = '1 2 3 4 5 6 7 8')`,
} as const;

const text = (name: string) => ({ name, type: 'TEXT' as const });

export const TABLE_SPECS: { readonly [Name in ProjectionName]: TableSpec } = {
  deals: {
    columns: [
      text('process_id'),
      text('status'),
      text('kind'),
      text('signer_type'),
      text('branch_id'),
      text('manager_id'),
      text('created_at'),
      text('updated_at'),
      text('expires_at'),
      text('title'),
      // Since 2026-12 (issue 10): the other system's reference, `null` when the request named none.
      { name: 'external_id', type: 'TEXT', fromView: `json_extract(view, '$.externalId')` },
    ],
    // Shaped for the lists: equality columns first, then the sort column, then the tiebreaker, so that
    // `WHERE status = ? AND branch_id = ? ORDER BY updated_at DESC, process_id DESC LIMIT n` reads n
    // index entries and sorts nothing. SQLite walks an index backwards for descending sorts.
    indexes: [
      ['process_id'],
      ['status', 'branch_id', 'updated_at', 'process_id'],
      ['branch_id', 'updated_at', 'process_id'],
      ['status', 'updated_at', 'process_id'],
      ['manager_id', 'updated_at', 'process_id'],
      ['updated_at', 'process_id'],
      ['created_at', 'process_id'],
      ['expires_at', 'process_id'],
      // The expiry sweep: open statuses, expires_at at or before now, earliest first. Without it the
      // sweep walks expires_at through every deal that ever expired, signed and archived ones included.
      ['status', 'expires_at', 'process_id'],
      ['title', 'process_id'],
      // `GET /api/deals?externalId=`: a handful of deals per id, whatever the branch.
      ['external_id', 'updated_at', 'process_id'],
    ],
    values(view) {
      const deal = viewOf('deals', view);
      return [
        deal.processId,
        deal.status,
        deal.kind,
        deal.signer.type,
        deal.branchId,
        deal.manager.id,
        deal.createdAt,
        deal.updatedAt,
        deal.expiresAt,
        deal.title,
        deal.externalId ?? null,
      ];
    },
    searchTexts(view) {
      const deal = viewOf('deals', view);
      const fields = dealSearchFields(deal);
      const scope = [
        scopeToken('branch', deal.branchId),
        scopeToken('manager', deal.manager.id),
        scopeToken('kind', deal.kind),
        scopeToken('signerType', deal.signer.type),
      ];
      return [
        foldSearchText(fields.title),
        foldSearchText(fields.signerName),
        foldSearchText(fields.companyName),
        foldSearchText(fields.inn),
        scope.join(' '),
      ];
    },
  },
  audit_trail: {
    columns: [text('stream_id'), { name: 'revision', type: 'INTEGER' }],
    indexes: [['stream_id', 'revision']],
    values(view) {
      const entry = viewOf('audit_trail', view);
      return [entry.streamId, entry.revision];
    },
  },
  cabinet: {
    columns: [text('process_id'), text('person_inn'), text('updated_at')],
    indexes: [['process_id'], ['person_inn']],
    values(view) {
      const entry = viewOf('cabinet', view);
      return [entry.processId, entry.personInn, entry.updatedAt];
    },
  },
  stats: {
    columns: [text('process_id'), text('branch_id'), text('created_at')],
    indexes: [
      ['branch_id', 'created_at'],
      ['created_at', 'process_id'],
    ],
    values(view) {
      const entry = viewOf('stats', view);
      return [entry.processId, entry.branchId, entry.createdAt];
    },
  },
};

/** The live tables of a projection are named after it; a rebuild writes into `<name>__rebuild`. */
export const liveTable = (name: ProjectionName): string => name;
export const shadowTable = (name: ProjectionName): string => `${name}__rebuild`;

/** Every table a projection's data lives in (main, deletions, and for deals the FTS5 index). */
export function tablesOf(name: ProjectionName, base: string): string[] {
  return TABLE_SPECS[name].searchTexts ? [base, `${base}_gone`, `${base}_fts`] : [base, `${base}_gone`];
}

export const COMMON_SCHEMA = `
  CREATE TABLE IF NOT EXISTS read_model_checkpoints (
    name             TEXT PRIMARY KEY,
    position         TEXT,               -- zero-padded, NULL before the first event
    rebuilding       INTEGER NOT NULL DEFAULT 0,
    rebuild_position TEXT,               -- the shadow tables' checkpoint while rebuilding
    progress         REAL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS reactor_checkpoints (
    name     TEXT PRIMARY KEY,
    position TEXT NOT NULL
  ) WITHOUT ROWID;
  -- One row: the event log the checkpoints are positions in (ReadStore.claimEventStore).
  CREATE TABLE IF NOT EXISTS event_store_identity (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    kind      TEXT NOT NULL,
    id        TEXT NOT NULL
  );
`;

/**
 * Creates the tables of one projection under `base` unless they exist, and the secondary indexes its
 * spec names that the table lacks (an index added to the spec is built at the next opening). A
 * rebuild's shadow table is created without them (`indexes: false`): they are built once it is
 * filled (`createMissingIndexes`), faster than keeping each B-tree up to date row by row.
 */
export function createProjectionTables(
  db: Database.Database,
  name: ProjectionName,
  base: string,
  options: { indexes?: boolean } = {},
): void {
  const spec = TABLE_SPECS[name];
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(base) !== undefined;
  if (!exists) {
    const columns = spec.columns.map((column) => `${column.name} ${column.type}`).join(',\n      ');
    db.exec(`
      CREATE TABLE ${base} (
        id       INTEGER PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        position TEXT NOT NULL,
        view     TEXT NOT NULL,
        ${columns}
      )`);
  } else addMissingColumns(db, name, base);
  if (options.indexes !== false) createMissingIndexes(db, name, base);
  db.exec(`CREATE TABLE IF NOT EXISTS ${base}_gone (key TEXT PRIMARY KEY, position TEXT NOT NULL) WITHOUT ROWID`);
  const searchTexts = spec.searchTexts;
  if (searchTexts) {
    const existing = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(`${base}_fts`) as
      { sql: string } | undefined;
    if (!existing) db.exec(`CREATE VIRTUAL TABLE ${base}_fts USING ${SEARCH_INDEX.definition}`);
    else if (definitionOf(existing.sql) !== definitionOf(`USING ${SEARCH_INDEX.definition}`)) migrateSearchIndex(db, base, searchTexts);
  }
}

/**
 * Adds the columns of the spec that a table made by an earlier version lacks, filled from each row's
 * view (`fromView`): inside the caller's transaction, so other processes see the table before or
 * after. A row whose view has no value for the column costs a read, not a write.
 */
function addMissingColumns(db: Database.Database, name: ProjectionName, base: string): void {
  const existing = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(base) as { name: string }[]).map((c) => c.name));
  for (const column of TABLE_SPECS[name].columns) {
    if (existing.has(column.name)) continue;
    db.exec(`ALTER TABLE ${base} ADD COLUMN ${column.name} ${column.type}`);
    if (column.fromView) db.exec(`UPDATE ${base} SET ${column.name} = ${column.fromView} WHERE ${column.fromView} IS NOT NULL`);
  }
}

/**
 * Creates each secondary index of the spec that `base` has no index on exactly those columns for.
 * Index names carry a random generation: a table keeps its index names when it is renamed, so the
 * next rebuild's shadow must not reuse them.
 */
export function createMissingIndexes(db: Database.Database, name: ProjectionName, base: string): void {
  const existing = new Set(
    (db.prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`).all(base) as { name: string }[]).map(({ name: index }) =>
      (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index) as { name: string }[]).map((c) => c.name).join(','),
    ),
  );
  const generation = randomBytes(4).toString('hex');
  TABLE_SPECS[name].indexes.forEach((indexColumns, i) => {
    if (existing.has(indexColumns.join(','))) return;
    db.exec(`CREATE INDEX ix_${base}_${generation}_${i} ON ${base} (${indexColumns.join(', ')})`);
  });
}

/** The part of a virtual table's CREATE statement after USING, whitespace collapsed (the name changes on rename). */
const definitionOf = (sql: string): string => sql.slice(sql.indexOf('USING')).replace(/\s+/g, ' ');

/**
 * Replaces a search index of an older definition (before 2026-12: no `scope`, no 1-letter prefix
 * index) by the current one, filled from the deals table's views; inside the caller's transaction,
 * so other processes see the old index or the new one. About a minute per million deals, once.
 */
function migrateSearchIndex(db: Database.Database, base: string, searchTexts: NonNullable<TableSpec['searchTexts']>): void {
  db.exec(`DROP TABLE ${base}_fts`);
  db.exec(`CREATE VIRTUAL TABLE ${base}_fts USING ${SEARCH_INDEX.definition}`);
  const page = db.prepare(`SELECT id, view FROM ${base} WHERE id > ? ORDER BY id LIMIT 1000`);
  const insert = db.prepare(`INSERT INTO ${base}_fts (rowid, title, signer_name, company_name, inn, scope) VALUES (?, ?, ?, ?, ?, ?)`);
  for (let after = 0; ;) {
    const rows = page.all(after) as { id: number; view: string }[];
    if (rows.length === 0) break;
    for (const row of rows) insert.run(row.id, ...searchTexts(JSON.parse(row.view)));
    after = rows[rows.length - 1]!.id;
  }
  db.exec(`INSERT INTO ${base}_fts (${base}_fts) VALUES ('optimize')`);
}

export function createSchema(db: Database.Database): void {
  db.exec(COMMON_SCHEMA);
  db.exec(WEBHOOK_SCHEMA);
  for (const name of PROJECTION_NAMES) createProjectionTables(db, name, liveTable(name));
}

export function dropProjectionTables(db: Database.Database, name: ProjectionName, base: string): void {
  for (const table of tablesOf(name, base)) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
