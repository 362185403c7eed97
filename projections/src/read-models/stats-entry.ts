import type { ProcessKind, ProcessStatus } from '@e-contract/contracts';

/** API.md's stats answer: the wire type in contracts. */
export type { Stats } from '@e-contract/contracts';

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
