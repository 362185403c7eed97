import type { DealQuery, DealSortField } from '../read-store.js';
import { scopeToken, type ScopeFilter, type SqlValue } from './sqlite-schema.js';
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
  /** Those of `conditions` the search index's scope tokens do not answer (status, times), with their params. */
  unscoped: { conditions: string[]; params: SqlValue[] };
  orderBy: string;
  /** `null` without search terms. */
  search: DealSearch | null;
}

export interface DealSearch {
  /** The words of `q` (search-terms.ts). */
  terms: string[];
  /** The FTS5 expression of the words and of the scoped filters. */
  match: string;
  /** The FTS5 expression of the words alone. */
  termsMatch: string;
  /** The FTS5 expression of the scoped filters alone, `null` without any. */
  scopeMatch: string | null;
}

/** `WHERE` of the given conditions, or nothing. */
export const whereOf = (conditions: readonly string[]): string => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * An FTS5 query in which every word is a quoted prefix term (`"7707"* AND "ромаш"*`, all required).
 * The words hold only letters, digits and marks (search-terms.ts), and quoting makes even FTS5
 * keywords (`AND`, `NEAR`) plain words, so user input cannot form FTS5 syntax. `scope`: further
 * required sub-expressions (scope tokens of the filters, see sqlite-schema.ts).
 */
export function ftsMatchExpression(terms: readonly string[], scope: readonly string[] = []): string {
  return [...terms.map((term) => `${quoted(term)}*`), ...scope].join(' AND ');
}

/** Translates a typed deal query into SQL pieces over a deals table (alias `d`); the store puts `q` in. */
export function dealSql(query: DealQuery): DealSql {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const unscoped: DealSql['unscoped'] = { conditions: [], params: [] };
  const scope: string[] = [];
  const add = (condition: string, values: readonly SqlValue[], scoped?: ScopeFilter) => {
    conditions.push(condition);
    params.push(...values);
    if (scoped) {
      const tokens = values.map((value) => quoted(scopeToken(scoped, String(value))));
      scope.push(tokens.length === 1 ? tokens[0]! : `(${tokens.join(' OR ')})`);
    } else {
      unscoped.conditions.push(condition);
      unscoped.params.push(...values);
    }
  };
  const oneOf = (column: string, values: readonly string[] | undefined, scoped?: ScopeFilter) => {
    // An empty list is read as "no filter", as an absent one.
    if (!values || values.length === 0) return;
    add(`d.${column} IN (${values.map(() => '?').join(', ')})`, values, scoped);
  };
  const equals = (column: string, value: string | undefined, scoped: ScopeFilter) => {
    if (value !== undefined) add(`d.${column} = ?`, [value], scoped);
  };
  oneOf('status', query.status);
  oneOf('kind', query.kind, 'kind');
  oneOf('signer_type', query.signerType, 'signerType');
  equals('branch_id', query.branchId, 'branch');
  equals('manager_id', query.managerId, 'manager');
  // Not in the search index's scope: an external id selects a handful of deals by itself.
  if (query.externalId !== undefined) add('d.external_id = ?', [query.externalId]);
  const created = createdRange(query);
  if (created.from !== undefined) add('d.created_at >= ?', [created.from]);
  if (created.to !== undefined) add('d.created_at <= ?', [created.to]);
  if (created.before !== undefined) add('d.created_at < ?', [created.before]);
  if (query.expiresBefore !== undefined) add('d.expires_at <= ?', [toStoredTime(query.expiresBefore, 'expiresBefore')]);
  const terms = queryTerms(query.q);
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  return {
    conditions,
    params,
    unscoped,
    orderBy: `ORDER BY d.${SORT_COLUMNS[query.sort.field]} ${direction}, d.process_id ${direction}`,
    search:
      terms.length > 0
        ? {
            terms,
            match: ftsMatchExpression(terms, scope),
            termsMatch: ftsMatchExpression(terms),
            scopeMatch: scope.length > 0 ? ftsMatchExpression([], scope) : null,
          }
        : null,
  };
}
