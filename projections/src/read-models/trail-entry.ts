import type { Actor } from '@e-contract/contracts';

/** One event of a process stream, exactly as hashed (API.md, "Hash chain"): immutable once written. */
export interface TrailEntry {
  streamId: string;
  position: string;
  revision: number;
  type: string;
  occurredAt: string;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
  hash: string;
  prevHash: string;
}
