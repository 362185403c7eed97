import type { ErasedValue, SealedValue } from '../personal-data.js';
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
  /** As stored: a sealed personal field is `{enc, person}` (API.md, "Operations": erasure). */
  ip: string | SealedValue | null;
  userAgent: string | SealedValue | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
  hash: string;
  prevHash: string;
  /**
   * The sealed fields opened for reading (`{"erased": true}` where the person's key is gone); present
   * in answers, never stored in the read model nor hashed.
   */
  plain?: { data: unknown; ip: string | ErasedValue | null; userAgent: string | ErasedValue | null };
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
