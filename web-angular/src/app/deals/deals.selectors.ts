import { createSelector } from '@ngrx/store';
import { dealLifecycle, hasEnded } from '@e-contract/contracts/wire';
import type { Deal } from '../shared/api/api-types';
import { dealsFeature } from './deals.feature';

export const { selectAll: selectDeals, selectEntities: selectDealEntities } = dealsFeature;
export const {
  selectTotal: selectDealsTotal,
  selectPage,
  selectPageSize,
  selectFilters,
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
