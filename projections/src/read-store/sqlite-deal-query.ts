import type { DealQuery, DealSortField } from '../read-store.js';
import type { SqlValue } from './sqlite-schema.js';
import { queryTerms } from './search-terms.js';
import { createdRange, toStoredTime } from './time-bounds.js';

const SORT_COLUMNS: { readonly [Field in DealSortField]: string } = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  expiresAt: 'expires_at',
  status: 'status',
  title: 'title',
};

export interface DealSql {
  /** `WHERE …` (or empty) over the deals table `d`, `q` read through the set of FTS matches. */
  where: string;
  /**
   * The same filter with `q` as a probe of the FTS index per row: SQLite then walks the sort index
   * and stops after a page, which beats collecting and sorting the matches when they are many.
   * Equals `where` without `q`.
   */
  whereProbing: string;
  params: SqlValue[];
  orderBy: string;
  /** The FTS5 expression of `q`, `null` without search terms. */
  match: string | null;
  /** Whether anything besides `q` filters. */
  filtered: boolean;
}

/**
 * An FTS5 query in which every word is a quoted prefix term (`"7707"* "ромаш"*`, all required). The
 * words hold only letters, digits and marks (search-terms.ts), and quoting makes even FTS5 keywords
 * (`AND`, `NEAR`) plain words, so user input cannot form FTS5 syntax.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"*`).join(' ');
}

/** Translates a typed deal query into SQL over the table `table` (alias `d`) and its `<table>_fts`. */
export function dealSql(query: DealQuery, table: string): DealSql {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    // An empty list is read as "no filter", as an absent one.
    if (!values || values.length === 0) return;
    conditions.push(`d.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const equals = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    conditions.push(`d.${column} = ?`);
    params.push(value);
  };
  oneOf('status', query.status);
  oneOf('kind', query.kind);
  oneOf('signer_type', query.signerType);
  equals('branch_id', query.branchId);
  equals('manager_id', query.managerId);
  const created = createdRange(query);
  if (created.from !== undefined) {
    conditions.push('d.created_at >= ?');
    params.push(created.from);
  }
  if (created.to !== undefined) {
    conditions.push('d.created_at <= ?');
    params.push(created.to);
  }
  if (created.before !== undefined) {
    conditions.push('d.created_at < ?');
    params.push(created.before);
  }
  if (query.expiresBefore !== undefined) {
    conditions.push('d.expires_at <= ?');
    params.push(toStoredTime(query.expiresBefore, 'expiresBefore'));
  }
  const terms = queryTerms(query.q);
  const match = terms.length > 0 ? ftsMatchExpression(terms) : null;
  const whereWith = (condition: string | null) => {
    const all = condition === null ? conditions : [...conditions, condition];
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
  };
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  return {
    where: whereWith(match === null ? null : `d.id IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)`),
    whereProbing: whereWith(
      match === null ? null : `EXISTS (SELECT 1 FROM ${table}_fts WHERE ${table}_fts MATCH ? AND ${table}_fts.rowid = d.id)`,
    ),
    params: match === null ? params : [...params, match],
    orderBy: `ORDER BY d.${SORT_COLUMNS[query.sort.field]} ${direction}, d.process_id ${direction}`,
    match,
    filtered: conditions.length > 0,
  };
}
