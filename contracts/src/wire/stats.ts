import type { ProcessStatus } from '../domain-values.js';

/** `GET /api/stats` → 200. Durations in seconds; `median` and `p90` are `null` while nothing is signed. */
export interface Stats {
  total: number;
  /** Only the statuses that occur (a missing status means 0). */
  byStatus: Partial<Record<ProcessStatus, number>>;
  timeToSign: { median: number | null; p90: number | null; within10MinShare: number | null };
  byDay: { day: string; created: number; signed: number }[];
  byBranch: { branchId: string; created: number; signed: number; median: number | null }[];
}
