import { createSelector } from '@ngrx/store';
import { dealLifecycle, hasEnded } from '@e-contract/contracts/wire';
import type { Deal, DealSort, ProcessStatus } from '../shared/api/api-types';
import { NEEDS_ACTION_STATUSES } from './deal-filters';
import { dealsFeature } from './deals.feature';

export const { selectAll: selectDeals, selectEntities: selectDealEntities } = dealsFeature;
export const {
  selectTotal: selectDealsTotal,
  selectPage,
  selectPageSize,
  selectFilters,
  selectSort,
  selectStatusCounts,
  selectPosition,
  selectLoading,
  selectError,
  selectDealLoading,
  selectDealError,
  selectCommandPending,
  selectCommandError,
  selectCreatePending,
  selectCreateError,
  selectCompany,
} = dealsFeature;

export const selectPageCount = createSelector(selectDealsTotal, selectPageSize, (total, size) => Math.max(1, Math.ceil(total / size)));

export const selectDealById = (processId: string) =>
  createSelector(selectDealEntities, (entities): Deal | null => entities[processId] ?? null);

/** What the status machine needs of a deal to tell whether it has ended. */
export type DealState = Parameters<typeof dealLifecycle>[0];

/**
 * Nothing more will happen to the deal (contracts' status machine): signed, archived, declined,
 * cancelled or expired, or closed after the last allowed identification failure. A failed
 * identification with tries left has not ended: the signer may try again.
 */
export const dealHasEnded = (deal: DealState): boolean => hasEnded(dealLifecycle(deal));

const DAY_MS = 24 * 60 * 60 * 1000;

/** `expired` when the deadline passed, `soon` when it is within 24 hours; nothing for ended deals. */
export function expiryMark(deal: DealState, now: number): 'soon' | 'expired' | null {
  if (dealHasEnded(deal)) return null;
  const left = Date.parse(deal.expiresAt) - now;
  if (Number.isNaN(left)) return null;
  if (left <= 0) return 'expired';
  return left <= DAY_MS ? 'soon' : null;
}

type SortField = 'updatedAt' | 'createdAt' | 'expiresAt' | 'status' | 'title';

/** The board's field of a sort (`-title` → `title`) and whether it is descending. */
export function sortParts(sort: DealSort): { field: SortField; descending: boolean } {
  const descending = sort.startsWith('-');
  return { field: (descending ? sort.slice(1) : sort) as SortField, descending };
}

/**
 * The deals in the board's order, as the API orders them (the field's value by code points, then
 * the process id, both in the chosen direction): a deal the live stream adds or changes takes its
 * place in that order rather than the top.
 */
export function compareDeals(sort: DealSort): (a: Deal, b: Deal) => number {
  const { field, descending } = sortParts(sort);
  const sign = descending ? -1 : 1;
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (a, b) => sign * (cmp(a[field], b[field]) || cmp(a.processId, b.processId));
}

export const selectBoardDeals = createSelector(selectDeals, selectSort, (deals, sort) => [...deals].sort(compareDeals(sort)));

/** The chips above the board: every status with its count, the total, and «Требуют действий». */
export const selectStatusChips = createSelector(selectStatusCounts, (counts) => {
  if (counts === null) return null;
  const of = (status: ProcessStatus) => counts[status] ?? 0;
  return {
    total: Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0),
    needsAction: NEEDS_ACTION_STATUSES.reduce((sum, status) => sum + of(status), 0),
    byStatus: counts,
  };
});
