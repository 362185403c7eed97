import type { RecordedEvent } from '@e-contract/contracts';
import type { EventSubscriber } from '../event-store/subscription.js';
import type { Logger } from 'pino';
import { threadMetrics, type LagLog, type LaneMetrics } from '../metrics/index.js';

export interface RetryPolicy {
  /** Wait before the first retry. */
  initialDelayMs: number;
  /** The wait doubles with each failure in a row, up to this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 250, maxDelayMs: 30_000 };

/** The wait before retry number `attempt` (1, 2, …): doubling, capped, with ±20 % jitter so that lanes do not retry in step. */
export function retryDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface CheckpointedSubscriptionOptions {
  /** For the logs. */
  name: string;
  subscriber: EventSubscriber;
  streamPrefix?: string;
  /** Only events of these types (`SubscribeOptions.types`). */
  types?: readonly string[];
  batchSize?: number;
  signal: AbortSignal;
  logger: Logger;
  retry?: RetryPolicy;
  /** Where to start: the position of the last batch handled, read again at every (re)start. */
  loadCheckpoint(): Promise<string | null>;
  /** Handles one batch and stores its last position as the checkpoint. Throwing retries from the checkpoint. */
  handleBatch(batch: readonly RecordedEvent[]): Promise<void>;
  /** The subscription has handed out everything up to `scannedTo` (filtered-out events included). */
  onCaughtUp?(scannedTo: string | null): void;
  /** The lane failed and waits `delayMs` before subscribing again from its checkpoint. */
  onRetry?(attempt: number, error: unknown, delayMs: number): void;
  /** (Re)subscribed from `checkpoint`. */
  onStart?(checkpoint: string | null): void;
  /** Slows every batch down by this much (for the kill test: a batch stays in flight). */
  batchDelayMs?: number;
  /**
   * Reports the lane as `econtract_projection_*{name}` (position, events applied, errors; the lag
   * against `log` when scraped). `name` as `/api/admin/projections` names the read model or reactor.
   */
  metrics?: { name: string; log?: LagLog };
}

/**
 * Runs a checkpointed catch-up subscription until `signal` aborts: subscribe after the stored
 * checkpoint, hand each batch to `handleBatch` (which moves the checkpoint), and on any error —
 * of the store, the subscription or the handler — log it, wait (doubling, capped) and subscribe
 * again from the checkpoint. Delivery is therefore at-least-once: a batch that failed or was
 * interrupted by a crash is handed out again, so `handleBatch` must be idempotent. Never rejects.
 */
export async function runCheckpointedSubscription(options: CheckpointedSubscriptionOptions): Promise<void> {
  const lane = options.metrics ? threadMetrics().lanes.lane(options.metrics.name, options.metrics.log ?? null) : null;
  const onCaughtUp = lane
    ? (scannedTo: string | null) => {
        lane.caughtUp(scannedTo);
        options.onCaughtUp?.(scannedTo);
      }
    : options.onCaughtUp;
  try {
    await runLane(options, lane, onCaughtUp);
  } finally {
    lane?.stopped();
  }
}

async function runLane(
  options: CheckpointedSubscriptionOptions,
  lane: LaneMetrics | null,
  onCaughtUp: ((scannedTo: string | null) => void) | undefined,
): Promise<void> {
  const { signal, logger, name } = options;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const checkpoint = await options.loadCheckpoint();
      lane?.started(checkpoint);
      options.onStart?.(checkpoint);
      const batches = options.subscriber.subscribe({
        after: checkpoint,
        signal,
        ...(options.streamPrefix === undefined ? {} : { streamPrefix: options.streamPrefix }),
        ...(options.types === undefined ? {} : { types: options.types }),
        ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
        ...(onCaughtUp ? { onCaughtUp } : {}),
      });
      for await (const batch of batches) {
        if (options.batchDelayMs) await sleep(options.batchDelayMs, signal);
        if (signal.aborted) break;
        await options.handleBatch(batch);
        const last = batch.at(-1);
        if (last) lane?.applied(batch.length, last.position);
        failures = 0;
      }
    } catch (error) {
      if (signal.aborted) break;
      failures += 1;
      lane?.failed();
      const delayMs = retryDelay(failures, options.retry);
      logger.error({ err: error, lane: name, attempt: failures, retryInMs: delayMs }, 'subscription failed; retrying from its checkpoint');
      try {
        options.onRetry?.(failures, error, delayMs);
      } catch {
        // a status hook must not stop the lane
      }
      await sleep(delayMs, signal);
    }
  }
}
