import { PROCESS_STATUSES, type ProcessStatus } from './domain-values.js';
import type { Deal, DealIdentification } from './wire/deals.js';

/**
 * The status machine's vocabulary, in one place for the decider, the read models, the reactors and
 * the UI. A process is *open* while the signer may still act on it; it has *ended* once signed,
 * archived, declined, cancelled or expired — or *closed* after the last allowed identification
 * failure, though its status then stays `identification_failed`.
 */
export const ENDED_STATUSES = ['signed', 'archived', 'declined', 'cancelled', 'expired'] as const satisfies readonly ProcessStatus[];
export type EndedStatus = (typeof ENDED_STATUSES)[number];

/** The statuses a signer, a manager or a deadline can still move on (`identification_failed` included: the signer may retry). */
export const OPEN_STATUSES = PROCESS_STATUSES.filter(
  (status): status is Exclude<ProcessStatus, EndedStatus> => !(ENDED_STATUSES as readonly ProcessStatus[]).includes(status),
);
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Signed, whether or not archived yet. */
export const SIGNED_STATUSES = ['signed', 'archived'] as const satisfies readonly ProcessStatus[];

/** Where the signer's cabinet puts a process (API.md, `GET /api/cabinet/documents`). */
export type CabinetBucket = 'awaiting' | 'signed' | 'closed';

export const isEndedStatus = (status: ProcessStatus): status is EndedStatus =>
  (ENDED_STATUSES as readonly ProcessStatus[]).includes(status);
export const isSignedStatus = (status: ProcessStatus): boolean => (SIGNED_STATUSES as readonly ProcessStatus[]).includes(status);

/** What the status rules need of a process: its status, whether it closed, and its deadline. */
export interface ProcessLifecycle {
  status: ProcessStatus;
  /** Closed after the last allowed identification failure. */
  closed: boolean;
  expiresAt: string;
}

/** Nothing more will happen to it. */
export const hasEnded = (process: Pick<ProcessLifecycle, 'status' | 'closed'>): boolean => process.closed || isEndedStatus(process.status);

/** The overdue rule: still open, and its deadline (`expiresAt`) is at or before `now`. */
export const isOverdue = (process: ProcessLifecycle, now: Date | number): boolean =>
  !hasEnded(process) && Date.parse(process.expiresAt) <= (typeof now === 'number' ? now : now.getTime());

/** The cabinet bucket of a process. */
export const cabinetBucketOf = (process: Pick<ProcessLifecycle, 'status' | 'closed'>): CabinetBucket =>
  isSignedStatus(process.status) ? 'signed' : hasEnded(process) ? 'closed' : 'awaiting';

/** A deal's lifecycle as the API shows it: the deal says `closed` in `identification.closed`. */
export const dealLifecycle = (
  deal: Pick<Deal, 'status' | 'expiresAt'> & { identification: Pick<DealIdentification, 'closed'> },
): ProcessLifecycle => ({ status: deal.status, closed: deal.identification.closed, expiresAt: deal.expiresAt });
