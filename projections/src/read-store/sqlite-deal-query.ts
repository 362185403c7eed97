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
  /** The filters other than `q` over the deals table `d`, joined by AND (empty: none). */
  conditions: string[];
  params: SqlValue[];
  orderBy: string;
  /** The FTS5 expression of `q`, `null` without search terms. */
  match: string | null;
}

/** `WHERE` of the given conditions, or nothing. */
export const whereOf = (conditions: readonly string[]): string => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/**
 * An FTS5 query in which every word is a quoted prefix term (`"7707"* "ромаш"*`, all required). The
 * words hold only letters, digits and marks (search-terms.ts), and quoting makes even FTS5 keywords
 * (`AND`, `NEAR`) plain words, so user input cannot form FTS5 syntax.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"*`).join(' ');
}

/** Translates a typed deal query into SQL pieces over a deals table (alias `d`); the store puts `q` in. */
export function dealSql(query: DealQuery): DealSql {
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
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  return {
    conditions,
    params,
    orderBy: `ORDER BY d.${SORT_COLUMNS[query.sort.field]} ${direction}, d.process_id ${direction}`,
    match: terms.length > 0 ? ftsMatchExpression(terms) : null,
  };
}
