import {
  SIGNING_STREAM_PREFIX,
  laterPosition,
  positionsBehind,
  type ProjectionRunStatus,
  type ProjectionStatusRow,
  type RecordedEvent,
} from '@e-contract/contracts';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import type { Logger } from 'pino';
import type { Projection, ProjectionName } from '../projection.js';
import type { ReadStore } from '../read-store.js';
import { runCheckpointedSubscription, type RetryPolicy } from '@e-contract/platform/consumers';
import { threadMetrics } from '@e-contract/platform/metrics';
import { rebuildProjections, type RebuildProgress, type RebuildReport } from './rebuild.js';

/**
 * - `catching_up`: applying what the log holds beyond the checkpoint;
 * - `live`: has applied everything up to the head and waits for new events;
 * - `retrying`: the last batch failed, the lane waits and subscribes again from its checkpoint;
 * - `rebuilding`: a rebuild is filling a copy (the live lane goes on until the copy is swapped in);
 * - `stopped`: not running (before `start`, after `stop`).
 */
export type ProjectionLaneStatus = ProjectionRunStatus;

/**
 * One row of `GET /api/admin/projections` (the wire type in contracts), as the runner fills it.
 * `lag` is the head of the log minus the position this projection has looked at (its checkpoint, or
 * further when the events after it were of other streams), in log positions: 0 is caught up. On the
 * embedded store positions are consecutive integers, so this is a number of events; on EventStoreDB
 * positions are byte offsets in the transaction log, so it is bytes.
 */
export interface ProjectionPosition extends ProjectionStatusRow {
  name: ProjectionName;
  status: ProjectionLaneStatus;
}

export type AppliedListener = (name: ProjectionName, lastPosition: string) => void;

export class UnknownProjection extends Error {
  override readonly name = 'UnknownProjection';
  constructor(readonly projection: string) {
    super(`no read model is called ${projection}`);
  }
}

export class RebuildInProgress extends Error {
  override readonly name = 'RebuildInProgress';
  constructor(readonly projection: string) {
    super(`${projection} is already being rebuilt`);
  }
}

export interface ProjectionRunnerOptions {
  eventStore: Pick<EventStore, 'readAll' | 'headPosition'> & EventSubscriber;
  readStore: ReadStore;
  projections: readonly Projection<unknown>[];
  logger: Logger;
  /** Most events per `applyBatch` (default 500). */
  batchSize?: number;
  retry?: RetryPolicy;
  /** `readAll` page size of a rebuild (default 5,000). */
  rebuildPageSize?: number;
  /** Slows every batch down (the kill test keeps a batch in flight with it). */
  batchDelayMs?: number;
}

interface Lane {
  projection: Projection<unknown>;
  controller: AbortController | null;
  loop: Promise<void> | null;
  /** Last position applied (the checkpoint as far as this runner knows). */
  position: string | null;
  /** Last position the subscription has looked at, filtered-out events included. */
  scanned: string | null;
  status: ProjectionLaneStatus;
  error?: string;
  rebuild: { progress: number } | null;
}

/**
 * Keeps every read model up to date: one checkpointed catch-up subscription per projection (so a
 * slow or failing read model holds up no other), `readStore.applyBatch` per batch. Delivery is
 * at-least-once — after a crash the batch in flight is applied again — and the read store's
 * position guard makes that a no-op. Errors are logged and the lane retries from its checkpoint,
 * waiting longer after each failure in a row (250 ms doubling to 30 s); nothing here stops the process.
 * Each lane reports `econtract_projection_*{name}`; a rebuild swapped in counts in `_rebuilds_total`.
 */
export class ProjectionRunner {
  private readonly lanes = new Map<ProjectionName, Lane>();
  private readonly listeners = new Set<AppliedListener>();
  /** Rebuilds under way, each with the controller that stops it. */
  private readonly rebuilds = new Map<Promise<unknown>, AbortController>();
  private running = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    for (const projection of options.projections) {
      this.lanes.set(projection.name, {
        projection,
        controller: null,
        loop: null,
        position: null,
        scanned: null,
        status: 'stopped',
        rebuild: null,
      });
    }
  }

  get names(): ProjectionName[] {
    return [...this.lanes.keys()];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const lane of this.lanes.values()) this.startLane(lane);
  }

  /** Stops every lane (a batch in flight finishes first) and any rebuild (its copy is not swapped in). */
  async stop(): Promise<void> {
    this.running = false;
    for (const controller of this.rebuilds.values()) controller.abort();
    await Promise.all([...this.lanes.values()].map((lane) => this.stopLane(lane)));
    await Promise.allSettled(this.rebuilds.keys());
  }

  /**
   * Called after every batch applied (and after a rebuild is swapped in) with the read model's
   * new checkpoint: the query side wakes read-your-writes waits and SSE streams with it.
   * Returns the function that unsubscribes.
   */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last position applied to a read model as this runner knows it (no I/O), `null` before the first. */
  position(name: ProjectionName): string | null {
    return this.lanes.get(name)?.position ?? null;
  }

  /** The admin view: each read model's checkpoint, lag and status. */
  async positions(): Promise<ProjectionPosition[]> {
    const [head, stored] = await Promise.all([this.options.eventStore.headPosition(), this.options.readStore.checkpoints()]);
    const storedByName = new Map(stored.map((checkpoint) => [checkpoint.name, checkpoint.position]));
    return [...this.lanes.values()].map((lane) => {
      const name = lane.projection.name;
      const position = storedByName.has(name) ? (storedByName.get(name) ?? null) : lane.position;
      const lookedAt = laterPosition(laterPosition(position, lane.position), lane.scanned);
      const lag = positionsBehind(head, lookedAt);
      const row: ProjectionPosition = { name, position, lag, status: lane.rebuild ? 'rebuilding' : lane.status };
      if (lane.rebuild) row.progress = lane.rebuild.progress;
      if (lane.status === 'retrying' && lane.error !== undefined) row.error = lane.error;
      return row;
    });
  }

  /**
   * Starts rebuilding one read model in the background (for `POST /api/admin/projections/:name/rebuild`
   * → 202); throws at once for an unknown name or a rebuild already running. The outcome is logged;
   * the progress shows in `positions()`.
   */
  requestRebuild(name: string): void {
    const lane = this.laneForRebuild(name);
    this.runRebuild(lane).catch((error: unknown) => {
      this.options.logger.error({ err: error, projection: name }, 'rebuild failed; the read model was left as it was');
    });
  }

  /**
   * Rebuilds one read model from the whole log while the system keeps serving: the copy is filled
   * from `readAll` pages while the live lane keeps the current read model up to date; at the head
   * the live lane pauses, the copy takes the last events and is swapped in, and the live lane goes
   * on from the copy's checkpoint.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    return this.runRebuild(this.laneForRebuild(name), onProgress);
  }

  /** Whether a rebuild of this read model is under way. */
  isRebuilding(name: string): boolean {
    return this.lanes.get(name as ProjectionName)?.rebuild != null;
  }

  private laneForRebuild(name: string): Lane {
    const lane = this.lanes.get(name as ProjectionName);
    if (!lane) throw new UnknownProjection(name);
    if (lane.rebuild) throw new RebuildInProgress(name);
    lane.rebuild = { progress: 0 };
    return lane;
  }

  private runRebuild(lane: Lane, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    const stopping = new AbortController();
    const rebuild = this.rebuildLane(lane, stopping.signal, onProgress);
    this.rebuilds.set(rebuild, stopping);
    const forget = () => this.rebuilds.delete(rebuild);
    rebuild.then(forget, forget);
    return rebuild;
  }

  private async rebuildLane(lane: Lane, signal: AbortSignal, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    const { logger } = this.options;
    const name = lane.projection.name;
    logger.info({ projection: name }, 'rebuild started');
    try {
      const report = await rebuildProjections(this.options.eventStore, this.options.readStore, [lane.projection], {
        ...(this.options.rebuildPageSize === undefined ? {} : { pageSize: this.options.rebuildPageSize }),
        signal,
        onProgress: (progress) => {
          if (lane.rebuild) lane.rebuild.progress = progress.fraction;
          onProgress?.(progress);
        },
        beforeFinish: () => this.stopLane(lane),
      });
      lane.position = report.position;
      lane.scanned = null;
      threadMetrics().projectionRebuilds.labels(name).inc();
      if (report.position !== null) this.emit(name, report.position);
      logger.info({ projection: name, events: report.events, seconds: report.seconds, position: report.position }, 'rebuild finished');
      return report;
    } finally {
      lane.rebuild = null;
      if (this.running && lane.loop === null) this.startLane(lane);
    }
  }

  private startLane(lane: Lane): void {
    const controller = new AbortController();
    const { projection } = lane;
    lane.controller = controller;
    lane.status = 'catching_up';
    lane.loop = runCheckpointedSubscription({
      name: `projection:${projection.name}`,
      subscriber: this.options.eventStore,
      streamPrefix: SIGNING_STREAM_PREFIX,
      signal: controller.signal,
      logger: this.options.logger,
      ...(this.options.batchSize === undefined ? {} : { batchSize: this.options.batchSize }),
      ...(this.options.retry === undefined ? {} : { retry: this.options.retry }),
      ...(this.options.batchDelayMs === undefined ? {} : { batchDelayMs: this.options.batchDelayMs }),
      metrics: { name: projection.name, log: this.options.eventStore },
      loadCheckpoint: () => this.options.readStore.checkpoint(projection.name),
      onStart: (checkpoint) => {
        lane.position = checkpoint;
        lane.status = 'catching_up';
      },
      handleBatch: async (batch: readonly RecordedEvent[]) => {
        await this.options.readStore.applyBatch(projection, batch);
        const last = batch.at(-1)!.position;
        lane.position = last;
        lane.scanned = laterPosition(lane.scanned, last);
        lane.status = 'catching_up';
        delete lane.error;
        this.emit(projection.name, last);
      },
      onCaughtUp: (scannedTo) => {
        lane.scanned = laterPosition(lane.scanned, scannedTo);
        lane.status = 'live';
      },
      onRetry: (_attempt, error) => {
        lane.status = 'retrying';
        lane.error = error instanceof Error ? error.message : String(error);
      },
    });
  }

  private async stopLane(lane: Lane): Promise<void> {
    lane.controller?.abort();
    await lane.loop;
    lane.controller = null;
    lane.loop = null;
    lane.status = 'stopped';
  }

  private emit(name: ProjectionName, lastPosition: string): void {
    for (const listener of this.listeners) {
      try {
        listener(name, lastPosition);
      } catch (error) {
        this.options.logger.error({ err: error, projection: name }, 'an onApplied listener failed');
      }
    }
  }
}
