import { dealLifecycle, hasEnded, type ProcessStatus } from '@e-contract/contracts';
import type { ReadStore } from './read-store.js';

const DAY_MS = 24 * 60 * 60_000;

/** The statuses in which a process waits for its signer (API.md, "After signing, reminders…"). */
export const WAITING_STATUSES: readonly ProcessStatus[] = [
  'invited',
  'identifying',
  'identification_failed',
  'identified',
  'edo_accepted',
  'code_sent',
];

/**
 * The deals that wait for their signer and may be due an automatic reminder — invited at least a
 * day ago, or due to end within a day, with fewer than two automatic reminders — as the deals read
 * model shows them (it may lag the log; the reminder reactor decides on the process stream).
 */
export function remindableProcessesOf(readStore: Pick<ReadStore, 'findDeals'>): {
  remindable(now: Date, page: number, pageSize: number): Promise<string[]>;
} {
  return {
    async remindable(now, page, pageSize) {
      const { items } = await readStore.findDeals({
        status: [...WAITING_STATUSES],
        sort: { field: 'expiresAt', descending: false },
        page,
        pageSize,
      });
      const time = now.getTime();
      return items
        .filter((deal) => {
          if (hasEnded(dealLifecycle(deal)) || deal.timeline.invited === null) return false;
          const expiresAt = Date.parse(deal.expiresAt);
          if (expiresAt <= time) return false;
          const automatic = (deal.history ?? []).filter((entry) => entry.fact === 'SignerReminded' && entry.actor.role === 'system');
          if (automatic.length >= 2) return false;
          return Date.parse(deal.timeline.invited) + DAY_MS <= time || expiresAt - DAY_MS <= time;
        })
        .map((deal) => deal.processId);
    },
  };
}
