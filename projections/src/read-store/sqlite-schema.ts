import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PROJECTION_NAMES, type ProjectionName } from '../projection.js';
import { dealSearchFields, foldSearchText } from './search-terms.js';
import { viewOf } from './views.js';

export type SqlValue = string | number | null;

/**
 * How one projection is kept: every table has `id` (rowid), `key` (the projection's `keyOf`),
 * `position` (zero-padded, see positions.ts) and `view` (JSON), plus the columns its queries filter
 * and sort on, copied out of the view. `<table>_gone` remembers deleted keys with their position, so
 * that an old event replayed after a deletion cannot bring the view back.
 */
export interface TableSpec {
  readonly columns: readonly { name: string; type: 'TEXT' | 'INTEGER' }[];
  readonly indexes: readonly (readonly string[])[];
  values(view: unknown): SqlValue[];
  /** Deals only: the texts of the FTS5 table `<table>_fts` (rowid = the row's id). */
  searchTexts?(view: unknown): [title: string, signerName: string, companyName: string, inn: string];
}

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
      ['title', 'process_id'],
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
      ];
    },
    searchTexts(view) {
      const fields = dealSearchFields(viewOf('deals', view));
      return [
        foldSearchText(fields.title),
        foldSearchText(fields.signerName),
        foldSearchText(fields.companyName),
        foldSearchText(fields.inn),
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
`;

/**
 * Creates the tables of one projection under `base` unless they exist. Index names carry a random
 * generation: a table keeps its index names when it is renamed, so the next rebuild's shadow must
 * not reuse them.
 */
export function createProjectionTables(db: Database.Database, name: ProjectionName, base: string): void {
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
    const generation = randomBytes(4).toString('hex');
    spec.indexes.forEach((indexColumns, i) => {
      db.exec(`CREATE INDEX ix_${base}_${generation}_${i} ON ${base} (${indexColumns.join(', ')})`);
    });
  }
  db.exec(`CREATE TABLE IF NOT EXISTS ${base}_gone (key TEXT PRIMARY KEY, position TEXT NOT NULL) WITHOUT ROWID`);
  if (spec.searchTexts) {
    // Contentless (the texts live in the deals table already) with contentless_delete so rows can be
    // replaced; prefix indexes make short prefixes (an INN's first digits) one lookup instead of a
    // merge over every token that starts with them.
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS ${base}_fts USING fts5(
        title, signer_name, company_name, inn,
        tokenize = "unicode61 remove_diacritics 2",
        content = '', contentless_delete = 1, prefix = '2 3 4'
      )`);
  }
}

export function createSchema(db: Database.Database): void {
  db.exec(COMMON_SCHEMA);
  for (const name of PROJECTION_NAMES) createProjectionTables(db, name, liveTable(name));
}

export function dropProjectionTables(db: Database.Database, name: ProjectionName, base: string): void {
  for (const table of tablesOf(name, base)) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
