import { OPEN_STATUSES, dealLifecycle, hasEnded } from '@e-contract/contracts';
import type { ReadStore } from './read-store.js';

/**
 * The open deals whose deadline has passed, the earliest first, as the deals read model shows them
 * (it may lag the log; the expiry reactor's decider has the last word). Deals closed after the last
 * identification failure are left out: they have ended, though their status stays
 * `identification_failed`.
 */
export function overdueProcessesOf(readStore: Pick<ReadStore, 'findDeals'>): {
  overdue(now: Date, page: number, pageSize: number): Promise<string[]>;
} {
  return {
    async overdue(now, page, pageSize) {
      const { items } = await readStore.findDeals({
        status: [...OPEN_STATUSES],
        expiresBefore: now.toISOString(),
        sort: { field: 'expiresAt', descending: false },
        page,
        pageSize,
      });
      return items.filter((deal) => !hasEnded(dealLifecycle(deal))).map((deal) => deal.processId);
    },
  };
}
