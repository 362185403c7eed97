import type { LogPosition } from '../log-position.js';

/** `GET /api/health`: 200 when the system can serve, 503 with the same shape naming what is down. */
export interface HealthReport {
  /** `starting` and `stopping`: the replica takes no requests (answered 503) while it starts or drains. */
  status: 'ok' | 'degraded' | 'starting' | 'stopping';
  eventStore: 'ok' | 'down';
  /** `null` where no read store runs (the command side alone). */
  readStore: 'ok' | 'down' | null;
  /** The lowest read-model checkpoint (`null` until every one has one) and the largest lag; `null` where no read models run. */
  projections: { position: LogPosition | null; lag: number } | null;
}
