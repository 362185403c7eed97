import type { ProcessKind, ProcessStatus } from '@e-contract/contracts';

/** One process as the KPI statistics count it (API.md, `GET /api/stats`). */
export interface StatsEntry {
  processId: string;
  branchId: string;
  kind: ProcessKind;
  status: ProcessStatus;
  createdAt: string;
  /** `YYYY-MM-DD` of `createdAt` in UTC. */
  createdDay: string;
  signedAt: string | null;
  /** Seconds from creation to signature, `null` until signed. */
  secondsToSign: number | null;
  position: string;
}

/** API.md's stats answer; durations in seconds, `median`/`p90` `null` while nothing is signed. */
export interface Stats {
  total: number;
  byStatus: Partial<Record<ProcessStatus, number>>;
  timeToSign: { median: number | null; p90: number | null; within10MinShare: number | null };
  byDay: { day: string; created: number; signed: number }[];
  byBranch: { branchId: string; created: number; signed: number; median: number | null }[];
}
