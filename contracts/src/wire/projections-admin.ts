import type { LogPosition } from '../log-position.js';

/** What a read model is doing, as the projection runner beside it sees it. */
export type ProjectionRunStatus = 'catching_up' | 'live' | 'retrying' | 'rebuilding' | 'stopped';

/** What a read model is doing, as its stored checkpoint says (all a query side running alone can see). */
export type ProjectionCheckpointStatus = 'running' | 'rebuilding' | 'idle';

/** One row of `GET /api/admin/projections`. */
export interface ProjectionStatusRow {
  name: string;
  /** The read model's checkpoint, `null` before its first event. */
  position: LogPosition | null;
  /** How far behind the head of the log it is (0: caught up). */
  lag: number;
  status: ProjectionRunStatus | ProjectionCheckpointStatus;
  /** While rebuilding: how far, 0..1. */
  progress?: number;
  /** While retrying: the last error's message. */
  error?: string;
}

/** `POST /api/admin/projections/:name/rebuild` → 202. */
export interface RebuildStarted {
  name: string;
  status: 'rebuilding';
}
