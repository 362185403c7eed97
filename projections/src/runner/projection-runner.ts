import {
  SIGNING_STREAM_PREFIX,
  compareLogPositions,
  earlierPosition,
  laterPosition,
  positionsBehind,
  type ProjectionRunStatus,
  type ProjectionStatusRow,
  type RecordedEvent,
} from '@e-contract/contracts';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import type { Logger } from 'pino';
import type { Projection, ProjectionName } from '../projection.js';
import type { ProjectionBatch, ReadStore } from '../read-store.js';
import { runCheckpointedSubscription, type RetryPolicy } from '@e-contract/platform/consumers';
import { threadMetrics, type LaneMetrics } from '@e-contract/platform/metrics';
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
  /**
   * Whether the shared reading applies this read model's batches. A read model whose batch failed
   * leaves it for a subscription of its own (with its own retries), and a rebuilt one starts on its
   * own; either comes back once it has caught up with the shared reading.
   */
  shared: boolean;
  /** The metrics series while `shared` (its own subscription reports itself). */
  metrics: LaneMetrics | null;
  /** Its own subscription, while not `shared`. */
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

/** The one subscription that reads the log for every shared read model. */
interface SharedReading {
  controller: AbortController;
  loop: Promise<void>;
  /** How far it has handed out the log: a read model that has looked this far may rejoin without a gap. */
  scanned: string | null;
  /** The batch being applied, which a read model leaving the reading waits for. */
  inFlight: Promise<void> | null;
}

/**
 * Keeps every read model up to date. One checkpointed catch-up subscription reads the log for all
 * of them — each event read, decoded and opened once, not once per read model — and each batch is
 * applied to every read model from its own checkpoint, in one `readStore.applyBatches`. A read
 * model whose part fails is taken out at once: the others are applied without it and go on, and it
 * retries on a subscription of its own from its checkpoint, waiting longer after each failure in a
 * row (250 ms doubling to 30 s), until it catches up and rejoins. So a failing read model holds up
 * no other, and nothing here stops the process. Delivery is at-least-once — after a crash the batch
 * in flight is applied again — and the read store's position guard makes that a no-op.
 * Each read model reports `econtract_projection_*{name}`; a rebuild swapped in counts in `_rebuilds_total`.
 */
export class ProjectionRunner {
  private readonly lanes = new Map<ProjectionName, Lane>();
  private readonly listeners = new Set<AppliedListener>();
  /** Rebuilds under way, each with the controller that stops it. */
  private readonly rebuilds = new Map<Promise<unknown>, AbortController>();
  private running = false;
  private reading: SharedReading | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    for (const projection of options.projections) {
      this.lanes.set(projection.name, {
        projection,
        shared: false,
        metrics: null,
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
    for (const lane of this.lanes.values()) this.share(lane);
    this.reading = this.startReading();
  }

  /** Stops every lane (a batch in flight finishes first) and any rebuild (its copy is not swapped in). */
  async stop(): Promise<void> {
    this.running = false;
    for (const controller of this.rebuilds.values()) controller.abort();
    const reading = this.reading;
    this.reading = null;
    reading?.controller.abort();
    await reading?.loop;
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
      if (this.running && !lane.shared && lane.loop === null) this.startLane(lane);
    }
  }

  /** Puts a read model in the shared reading (its own subscription, if any, is told to stop). */
  private share(lane: Lane): void {
    lane.controller?.abort();
    lane.shared = true;
    lane.metrics = threadMetrics().lanes.lane(lane.projection.name, this.options.eventStore);
    lane.metrics.started(lane.position);
  }

  /** What the shared reading and a read model's own subscription have in common. */
  private subscription(signal: AbortSignal) {
    const { eventStore, logger, batchSize, retry, batchDelayMs } = this.options;
    return {
      subscriber: eventStore,
      streamPrefix: SIGNING_STREAM_PREFIX,
      signal,
      logger,
      ...(batchSize === undefined ? {} : { batchSize }),
      ...(retry === undefined ? {} : { retry }),
      ...(batchDelayMs === undefined ? {} : { batchDelayMs }),
    };
  }

  private startReading(): SharedReading {
    const controller = new AbortController();
    const reading: SharedReading = { controller, loop: Promise.resolve(), scanned: null, inFlight: null };
    const shared = () => [...this.lanes.values()].filter((lane) => lane.shared);
    reading.loop = runCheckpointedSubscription({
      name: 'projections',
      ...this.subscription(controller.signal),
      // From the earliest checkpoint of the read models it applies to; each skips what it has.
      loadCheckpoint: async () => {
        const lanes = shared();
        if (lanes.length === 0) return reading.scanned;
        const stored = await Promise.all(lanes.map((lane) => this.options.readStore.checkpoint(lane.projection.name)));
        let from: string | null | undefined;
        lanes.forEach((lane, i) => {
          lane.position = laterPosition(lane.position, stored[i] ?? null);
          from = from === undefined ? lane.position : earlierPosition(from, lane.position);
        });
        return from ?? null;
      },
      onStart: (checkpoint) => {
        reading.scanned = checkpoint;
        for (const lane of shared()) {
          lane.status = 'catching_up';
          lane.metrics?.started(lane.position);
        }
      },
      handleBatch: async (batch) => {
        const lanes = shared();
        // Handed out from here on: a read model rejoining now must have looked at least this far.
        reading.scanned = laterPosition(reading.scanned, batch.at(-1)!.position);
        const applying = this.applyShared(lanes, batch);
        reading.inFlight = applying;
        try {
          await applying;
        } finally {
          reading.inFlight = null;
        }
      },
      onCaughtUp: (scannedTo) => {
        reading.scanned = laterPosition(reading.scanned, scannedTo);
        for (const lane of shared()) {
          lane.scanned = laterPosition(lane.scanned, scannedTo);
          lane.status = 'live';
          lane.metrics?.caughtUp(scannedTo);
        }
      },
      onRetry: (_attempt, error) => {
        for (const lane of shared()) {
          lane.status = 'retrying';
          lane.error = error instanceof Error ? error.message : String(error);
          lane.metrics?.failed();
        }
      },
    });
    return reading;
  }

  /**
   * Applies a batch of the shared reading to each read model from its own position, in one
   * `applyBatches`; when that fails, to each alone, and a read model whose part still fails leaves
   * for a subscription of its own.
   */
  private async applyShared(lanes: readonly Lane[], batch: readonly RecordedEvent[]): Promise<void> {
    const parts = lanes.map((lane) => ({ lane, events: eventsAfter(batch, lane.position) })).filter((part) => part.events.length > 0);
    const batches = (list: typeof parts): ProjectionBatch[] => list.map(({ lane, events }) => ({ projection: lane.projection, events }));
    let applied = parts;
    try {
      await this.options.readStore.applyBatches(batches(parts));
    } catch {
      applied = [];
      for (const part of parts) {
        try {
          await this.options.readStore.applyBatches(batches([part]));
          applied.push(part);
        } catch (error) {
          this.leaveReading(part.lane, error);
        }
      }
    }
    const last = batch.at(-1)!.position;
    for (const { lane, events } of applied) {
      const position = events.at(-1)!.position;
      lane.position = laterPosition(lane.position, position);
      lane.scanned = laterPosition(lane.scanned, last);
      lane.status = 'catching_up';
      delete lane.error;
      lane.metrics?.applied(events.length, position);
      this.emit(lane.projection.name, position);
    }
  }

  /** A read model whose part failed goes on alone, retrying from its checkpoint. */
  private leaveReading(lane: Lane, error: unknown): void {
    lane.shared = false;
    lane.metrics?.failed();
    lane.metrics = null;
    lane.status = 'retrying';
    lane.error = error instanceof Error ? error.message : String(error);
    this.options.logger.error({ err: error, projection: lane.projection.name }, 'a read model failed its batch; it retries on its own');
    if (this.running && !lane.rebuild) this.startLane(lane);
  }

  /** Whether a read model on its own has looked at the log as far as the shared reading. */
  private mayRejoin(lane: Lane): boolean {
    const reading = this.reading;
    if (!this.running || !reading || lane.shared || lane.rebuild) return false;
    const lookedAt = laterPosition(lane.position, lane.scanned);
    return reading.scanned === null || (lookedAt !== null && compareLogPositions(lookedAt, reading.scanned) >= 0);
  }

  /** The read model's own subscription: after a failure in the shared reading, or a rebuild. */
  private startLane(lane: Lane): void {
    const controller = new AbortController();
    const { projection } = lane;
    lane.controller = controller;
    lane.status = 'catching_up';
    const loop = runCheckpointedSubscription({
      name: `projection:${projection.name}`,
      ...this.subscription(controller.signal),
      metrics: { name: projection.name, log: this.options.eventStore },
      loadCheckpoint: () => this.options.readStore.checkpoint(projection.name),
      onStart: (checkpoint) => {
        lane.position = laterPosition(lane.position, checkpoint);
        lane.status = 'catching_up';
      },
      handleBatch: async (batch: readonly RecordedEvent[]) => {
        await this.options.readStore.applyBatch(projection, batch);
        const last = batch.at(-1)!.position;
        lane.position = laterPosition(lane.position, last);
        lane.scanned = laterPosition(lane.scanned, last);
        lane.status = 'catching_up';
        delete lane.error;
        this.emit(projection.name, last);
      },
      onCaughtUp: (scannedTo) => {
        lane.scanned = laterPosition(lane.scanned, scannedTo);
        lane.status = 'live';
        // Caught up with the shared reading: from its next batch on, the reading applies this one too.
        if (this.mayRejoin(lane)) this.share(lane);
      },
      onRetry: (_attempt, error) => {
        lane.status = 'retrying';
        lane.error = error instanceof Error ? error.message : String(error);
      },
    });
    // A subscription told to stop when the read model rejoined may still be finishing: stopping waits for both.
    const running = lane.loop ? Promise.all([lane.loop, loop]).then(() => undefined) : loop;
    lane.loop = running;
    void running.then(() => {
      if (lane.loop === running) {
        lane.loop = null;
        lane.controller = null;
      }
    });
  }

  /** Stops the read model's own subscription, or takes it out of the shared reading once its batch in flight is applied. */
  private async stopLane(lane: Lane): Promise<void> {
    if (lane.shared) {
      lane.shared = false;
      lane.metrics?.stopped();
      lane.metrics = null;
      await this.reading?.inFlight?.catch(() => undefined);
    }
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

/** The events of `batch` after `position` (all of them for `null`). */
function eventsAfter(batch: readonly RecordedEvent[], position: string | null): readonly RecordedEvent[] {
  if (position === null) return batch;
  const first = batch.findIndex((event) => compareLogPositions(event.position, position) > 0);
  return first === -1 ? [] : first === 0 ? batch : batch.slice(first);
}
