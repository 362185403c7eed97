import type { Actor } from '../domain-values.js';
import type { LogPosition } from '../log-position.js';
import type { IsoTime } from './formats.js';

/** One event of a process stream, exactly as hashed (API.md, "Hash chain"): `GET /api/deals/:id/trail` → `TrailEntry[]`. */
export interface TrailEntry {
  streamId: string;
  position: LogPosition;
  revision: number;
  type: string;
  occurredAt: IsoTime;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
  hash: string;
  prevHash: string;
}

/** `GET /api/deals/:id/trail/verification` → 200: the hash chain recomputed. */
export interface TrailVerification {
  valid: boolean;
  events: number;
  head: string;
  brokenAt?: number;
  /** In plain English, when the chain is broken. */
  reason?: string;
}
