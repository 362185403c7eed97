import { SIGNING_STREAM_PREFIX, compareLogPositions, type RecordedEvent } from '@e-contract/contracts';
import type { EventStore, EventSubscriber } from '@e-contract/platform/event-store';
import type { Logger } from 'pino';
import { runCheckpointedSubscription, type RetryPolicy } from '@e-contract/platform/consumers';

/**
 * Turns facts into side effects and then records the outcome as a fact of its own, through the
 * command handler. Delivery is at-least-once, so `handle` must be idempotent: a crash between the
 * side effect and its event repeats nothing visible (dedup keys for messages, a write-once
 * archive, the decider refusing a fact that is already recorded). `handle` throws only for what
 * may pass (a gateway down, a store busy): the batch is then handed out again after a wait.
 */
export interface Reactor {
  /** Names its checkpoint in the read store. */
  readonly name: string;
  /** The event types it reacts to; other events only move its checkpoint. */
  readonly handles: readonly string[];
  /** How many processes of a batch it handles at the same time; the runner's setting when absent. */
  readonly concurrency?: number;
  handle(event: RecordedEvent): Promise<void>;
}

/** Where each reactor's checkpoint is kept (the read store keeps them beside the read models' own). */
export interface ReactorCheckpoints {
  reactorCheckpoint(name: string): Promise<string | null>;
  saveReactorCheckpoint(name: string, position: string): Promise<void>;
}

export interface ReactorRunnerOptions {
  subscriber: EventSubscriber;
  /** The log whose head measures each reactor's lag in `/metrics` (the subscriber's store); no lag without it. */
  log?: Pick<EventStore, 'headPosition' | 'readAll'>;
  checkpoints: ReactorCheckpoints;
  logger: Logger;
  batchSize?: number;
  retry?: RetryPolicy;
  /** How many processes of one batch are handled at the same time (events of one process stay in order). Default 8. */
  concurrency?: number;
}

/** What a reactor has in hand: since when its oldest fact waits (ms since the epoch), `null` for nothing. */
export type BacklogListener = (reactor: string, since: number | null) => void;

export interface ReactorStatus {
  name: string;
  position: string | null;
  status: 'catching_up' | 'live' | 'retrying' | 'stopped';
  error?: string;
}

/**
 * Runs reactors, each on its own checkpointed subscription to the process streams with its
 * checkpoint in `checkpoints`, saved after every batch handled; each reports
 * `econtract_projection_*{name}` under its name.
 */
export class ReactorRunner {
  private readonly states = new Map<string, { controller: AbortController; loop: Promise<void>; status: ReactorStatus }>();
  private readonly backlogListeners = new Set<BacklogListener>();

  constructor(private readonly options: ReactorRunnerOptions) {}

  start(reactor: Reactor): void {
    if (this.states.has(reactor.name)) throw new Error(`reactor ${reactor.name} is already running`);
    const controller = new AbortController();
    const status: ReactorStatus = { name: reactor.name, position: null, status: 'catching_up' };
    const handles = new Set(reactor.handles);
    // Saves in order, never moving back (a catch-up's position and the next batch's may race).
    let saving: Promise<void> = Promise.resolve();
    const save = (position: string): Promise<void> => {
      const next = saving.then(async () => {
        if (status.position !== null && compareLogPositions(position, status.position) <= 0) return;
        await this.options.checkpoints.saveReactorCheckpoint(reactor.name, position);
        status.position = position;
      });
      saving = next.catch(() => undefined);
      return next;
    };
    const loop = runCheckpointedSubscription({
      name: `reactor:${reactor.name}`,
      subscriber: this.options.subscriber,
      streamPrefix: SIGNING_STREAM_PREFIX,
      // Only the facts it acts on are read, decoded and opened; its checkpoint moves with them.
      types: reactor.handles,
      signal: controller.signal,
      logger: this.options.logger,
      ...(this.options.batchSize === undefined ? {} : { batchSize: this.options.batchSize }),
      ...(this.options.retry === undefined ? {} : { retry: this.options.retry }),
      metrics: { name: reactor.name, ...(this.options.log ? { log: this.options.log } : {}) },
      loadCheckpoint: () => this.options.checkpoints.reactorCheckpoint(reactor.name),
      onStart: (checkpoint) => {
        status.position = checkpoint;
        status.status = 'catching_up';
      },
      handleBatch: async (batch) => {
        const wanted = batch.filter((event) => handles.has(event.type));
        // The oldest fact in hand is the oldest one not yet acted on: the next batch is read only after this one.
        if (wanted.length > 0) this.tellBacklog(reactor.name, Date.parse(wanted[0]!.metadata.occurredAt));
        try {
          await handleByProcess(wanted, (event) => reactor.handle(event), reactor.concurrency ?? this.options.concurrency ?? 8);
          await save(batch.at(-1)!.position);
        } finally {
          // Done, or waiting to retry: a reactor that waits out a failure is not a backlog to hold creations for.
          if (wanted.length > 0) this.tellBacklog(reactor.name, null);
        }
        status.status = 'catching_up';
        delete status.error;
      },
      onCaughtUp: (scannedTo) => {
        status.status = 'live';
        // Everything up to `scannedTo` it acts on has been handled: the facts it skips (it reads
        // only its own types) move its checkpoint too, or a restart would read them all again.
        if (scannedTo !== null)
          void save(scannedTo).catch((error: unknown) =>
            this.options.logger.warn({ err: error, reactor: reactor.name }, 'checkpoint not saved'),
          );
      },
      onRetry: (_attempt, error) => {
        status.status = 'retrying';
        status.error = error instanceof Error ? error.message : String(error);
      },
    });
    this.states.set(reactor.name, { controller, loop, status });
  }

  /**
   * Calls `listener` when a reactor takes a batch in hand, with the time the oldest fact of it was
   * recorded (milliseconds since the epoch), and with `null` when it is done with it or waits to
   * retry. The host holds creations back while the invitations are too far behind (create-admission.ts).
   */
  onBacklog(listener: BacklogListener): () => void {
    this.backlogListeners.add(listener);
    return () => this.backlogListeners.delete(listener);
  }

  private tellBacklog(reactor: string, since: number | null): void {
    for (const listener of this.backlogListeners) {
      try {
        listener(reactor, since === null || Number.isNaN(since) ? null : since);
      } catch (error) {
        this.options.logger.error({ err: error, reactor }, 'a backlog listener failed');
      }
    }
  }

  statuses(): ReactorStatus[] {
    return [...this.states.values()].map(({ status }) => ({ ...status }));
  }

  /** Stops every reactor; an event being handled is finished first. */
  async stop(): Promise<void> {
    const states = [...this.states.values()];
    for (const state of states) state.controller.abort();
    await Promise.all(states.map((state) => state.loop));
    for (const state of states) state.status.status = 'stopped';
    this.states.clear();
  }
}

/**
 * Handles the events of a batch: those of one stream one after another, in order; up to
 * `concurrency` streams at the same time. Rejects with the first failure after every started
 * event has settled (so that nothing runs on after the batch is retried).
 */
async function handleByProcess(
  events: readonly RecordedEvent[],
  handle: (event: RecordedEvent) => Promise<void>,
  concurrency: number,
): Promise<void> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const queue = byStream.get(event.streamId);
    if (queue) queue.push(event);
    else byStream.set(event.streamId, [event]);
  }
  const queues = [...byStream.values()];
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < queues.length) {
      const queue = queues[next++]!;
      for (const event of queue) {
        try {
          await handle(event);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
