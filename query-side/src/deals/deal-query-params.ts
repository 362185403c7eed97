import { EXTERNAL_ID_MAX_LENGTH, PROCESS_KINDS, PROCESS_STATUSES, SIGNER_TYPES } from '@e-contract/contracts';
import type { AuthUser } from '@e-contract/platform/http';
import { DEAL_SORT_FIELDS, type DealQuery, type DealSortField } from '@e-contract/projections';
import { scopedBranchId } from '../http/branch-scope.js';
import { QueryParams } from '../http/query-params.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_PAGE = 1_000_000;
export const MAX_SEARCH_LENGTH = 200;
export const DEFAULT_DEAL_SORT: DealQuery['sort'] = { field: 'updatedAt', descending: true };

/** The filters of a deal list, without sorting and paging: what the live stream applies to each deal. */
export type DealFilter = Pick<
  DealQuery,
  'status' | 'kind' | 'signerType' | 'branchId' | 'managerId' | 'externalId' | 'q' | 'createdFrom' | 'createdTo'
>;

/**
 * API.md's list query (`GET /api/deals`) as a typed `DealQuery`: 400 naming each bad parameter
 * (`status`, `kind`, `signerType` take one value or comma-separated ones; dates as ISO 8601, a
 * date-only `createdTo` covering its day; `sort` a field of `DEAL_SORT_FIELDS`, `-` for descending;
 * `page` ≥ 1; `pageSize` 1..100). A manager is limited to their branch (`scopedBranchId`: 403 for
 * another one). Unknown parameters are ignored.
 */
export function parseDealQuery(query: Readonly<Record<string, unknown>>, caller: AuthUser): DealQuery {
  const params = new QueryParams(query);
  const filter = readDealFilter(params, caller);
  const sort = readSort(params);
  const page = params.integer('page', 1, 1, MAX_PAGE);
  const pageSize = params.integer('pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  params.throwIfInvalid();
  return { ...filter, sort, page, pageSize };
}

/** The list's filters alone (the stream: `sort`, `page` and `pageSize` are not read). */
export function parseDealFilter(query: Readonly<Record<string, unknown>>, caller: AuthUser): DealFilter {
  const params = new QueryParams(query);
  const filter = readDealFilter(params, caller);
  params.throwIfInvalid();
  return filter;
}

function readDealFilter(params: QueryParams, caller: AuthUser): DealFilter {
  const status = params.oneOrMany('status', PROCESS_STATUSES);
  const kind = params.oneOrMany('kind', PROCESS_KINDS);
  const signerType = params.oneOrMany('signerType', SIGNER_TYPES);
  const requestedBranch = params.single('branchId');
  const managerId = params.single('managerId');
  // Trimmed, as the command side stores it; an exact match otherwise.
  const externalId = params.single('externalId', EXTERNAL_ID_MAX_LENGTH);
  const q = params.single('q', MAX_SEARCH_LENGTH);
  const created = params.timeRange('createdFrom', 'createdTo');
  // Authorisation before validation: a manager asking for another branch hears 403 whatever else is wrong.
  const branchId = scopedBranchId(caller, requestedBranch);
  const filter: DealFilter = {};
  if (status) filter.status = status;
  if (kind) filter.kind = kind;
  if (signerType) filter.signerType = signerType;
  if (branchId !== undefined) filter.branchId = branchId;
  if (managerId !== undefined) filter.managerId = managerId;
  if (externalId !== undefined) filter.externalId = externalId;
  if (q !== undefined) filter.q = q;
  if (created.from !== undefined) filter.createdFrom = created.from;
  if (created.to !== undefined) filter.createdTo = created.to;
  return filter;
}

function readSort(params: QueryParams): DealQuery['sort'] {
  const value = params.single('sort', 64);
  if (value === undefined) return DEFAULT_DEAL_SORT;
  const descending = value.startsWith('-');
  const field = descending ? value.slice(1) : value;
  if (!(DEAL_SORT_FIELDS as readonly string[]).includes(field)) {
    params.fail('sort', 'isIn', `must be one of ${DEAL_SORT_FIELDS.join(', ')}, with "-" before it for descending`);
    return DEFAULT_DEAL_SORT;
  }
  return { field: field as DealSortField, descending };
}
