import { createSelector } from '@ngrx/store';
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

/** Statuses after which nothing more happens. */
export const ENDED_STATUSES: ReadonlySet<Deal['status']> = new Set<Deal['status']>([
  'signed',
  'archived',
  'declined',
  'cancelled',
  'expired',
  'identification_failed',
]);
const DAY_MS = 24 * 60 * 60 * 1000;

/** `expired` when the deadline passed, `soon` when it is within 24 hours; nothing for ended deals. */
export function expiryMark(deal: Pick<Deal, 'status' | 'expiresAt'>, now: number): 'soon' | 'expired' | null {
  if (ENDED_STATUSES.has(deal.status)) return null;
  const left = Date.parse(deal.expiresAt) - now;
  if (Number.isNaN(left)) return null;
  if (left <= 0) return 'expired';
  return left <= DAY_MS ? 'soon' : null;
}
