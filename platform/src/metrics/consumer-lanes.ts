import { laterPosition, positionsBehind, type RecordedEvent } from '@e-contract/contracts';
import type { MetricInstruments } from './metric-definitions.js';

/**
 * What a lane's lag is measured against: the head of the log, and the oldest event after a position
 * (the event store port's `headPosition` and `readAll`).
 */
export interface LagLog {
  headPosition(): Promise<string | null>;
  readAll(options: { after?: string; maxCount?: number }): Promise<RecordedEvent[]>;
}

/** What a checkpointed consumer tells its metrics; cheap calls, none of them waits. */
export interface LaneMetrics {
  /** (Re)subscribed from `checkpoint`. */
  started(checkpoint: string | null): void;
  /** A batch of `events` was applied; `last` is its last position, now the checkpoint. */
  applied(events: number, last: string): void;
  /** The subscription has looked at the log up to `scannedTo` (filtered-out events included). */
  caughtUp(scannedTo: string | null): void;
  /** A batch failed; the lane retries from its checkpoint. */
  failed(): void;
  /** The lane stopped: its last values stay, its log is no longer read. */
  stopped(): void;
}

interface LaneState {
  position: string | null;
  scanned: string | null;
  log: LagLog | null;
}

/**
 * The read models' and reactors' lanes of this thread, as `econtract_projection_*{name}`. Position,
 * events applied and errors move as batches go; the lag is measured when `/metrics` is scraped: the
 * head of the log minus what the lane has looked at (events), and the age of the oldest event it
 * has not looked at yet (seconds).
 */
export class ConsumerLanes {
  private readonly lanes = new Map<string, LaneState>();
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly metrics: Pick<
      MetricInstruments,
      'projectionPosition' | 'projectionLagEvents' | 'projectionLagSeconds' | 'projectionEventsApplied' | 'projectionErrors'
    >,
    private readonly now: () => number = Date.now,
  ) {}

  /** The metrics of the lane `name` (as `/api/admin/projections` names it); a lane started again takes over its series. */
  lane(name: string, log: LagLog | null): LaneMetrics {
    const state: LaneState = { position: null, scanned: null, log };
    this.lanes.set(name, state);
    const position = this.metrics.projectionPosition.labels(name);
    const applied = this.metrics.projectionEventsApplied.labels(name);
    const errors = this.metrics.projectionErrors.labels(name);
    // Present from the start, so that a dashboard shows 0 rather than nothing for a quiet lane.
    applied.inc(0);
    errors.inc(0);
    return {
      started: (checkpoint) => {
        state.position = checkpoint;
        position.set(numeric(checkpoint));
      },
      applied: (events, last) => {
        state.position = last;
        state.scanned = laterPosition(state.scanned, last);
        position.set(numeric(last));
        applied.inc(events);
      },
      caughtUp: (scannedTo) => {
        state.scanned = laterPosition(state.scanned, scannedTo);
      },
      failed: () => errors.inc(),
      stopped: () => {
        state.log = null;
      },
    };
  }

  /** Measures every lane's lag; concurrent callers (both lag gauges of one scrape) share one measurement. */
  refresh(): Promise<void> {
    this.refreshing ??= this.measure().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async measure(): Promise<void> {
    const heads = new Map<LagLog, Promise<string | null>>();
    await Promise.all(
      [...this.lanes].map(async ([name, state]) => {
        const log = state.log;
        if (!log) return;
        try {
          if (!heads.has(log)) heads.set(log, log.headPosition());
          const head = await heads.get(log)!;
          const lookedAt = laterPosition(state.position, state.scanned);
          const behind = positionsBehind(head, lookedAt);
          this.metrics.projectionLagEvents.set({ name }, behind);
          this.metrics.projectionLagSeconds.set({ name }, behind === 0 ? 0 : await this.ageOfNextEvent(log, lookedAt));
        } catch {
          // A store that does not answer now leaves the last values; health reports the store itself.
        }
      }),
    );
  }

  private async ageOfNextEvent(log: LagLog, after: string | null): Promise<number> {
    const [next] = await log.readAll({ ...(after === null ? {} : { after }), maxCount: 1 });
    const occurredAt = next ? Date.parse(next.metadata.occurredAt) : NaN;
    return Number.isNaN(occurredAt) ? 0 : Math.max(0, (this.now() - occurredAt) / 1000);
  }
}

/** A log position as a gauge value (exact up to 2^53; EventStoreDB's byte offsets beyond that lose the last digits). */
const numeric = (position: string | null): number => (position === null ? 0 : Number(position));
