import type { DealListQuery, DealSort, ProcessStatus } from '../shared/api/api-types';

/** The board's filters: the list query without paging and sorting (also the stream's query). */
export type DealFilters = Omit<DealListQuery, 'page' | 'pageSize' | 'sort'>;

export const DEFAULT_PAGE_SIZE = 20;

/** The API's default order: the latest changed first. */
export const DEFAULT_SORT: DealSort = '-updatedAt';

/**
 * «Требуют действий»: the deals where the signer is stuck and the manager's move is next — a failed
 * identification (help the signer, or re-send), a decline (call back), an expired deadline (a new
 * request). One list filter: `status` with several values separated by commas (API.md).
 */
export const NEEDS_ACTION_STATUSES: readonly ProcessStatus[] = ['identification_failed', 'declined', 'expired'];

const statusesOf = (filters: DealFilters): ProcessStatus[] =>
  filters.status === undefined ? [] : Array.isArray(filters.status) ? filters.status : [filters.status];

/** Whether the filters show exactly the «Требуют действий» view. */
export function isNeedsActionView(filters: DealFilters): boolean {
  const statuses = statusesOf(filters);
  return statuses.length === NEEDS_ACTION_STATUSES.length && NEEDS_ACTION_STATUSES.every((status) => statuses.includes(status));
}

/** The one status the filters show, if they show exactly one. */
export function singleStatusOf(filters: DealFilters): ProcessStatus | null {
  const statuses = statusesOf(filters);
  return statuses.length === 1 ? statuses[0]! : null;
}

/** Whether any filter narrows the list (the empty board then says so, instead of inviting a first request). */
export const hasFilters = (filters: DealFilters): boolean =>
  Object.values(filters).some((value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0));
