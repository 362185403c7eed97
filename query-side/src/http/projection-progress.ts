import type { ProjectionName, ReadStore } from '@e-contract/projections';
import { hasReached } from './log-position.js';

/**
 * How far each read model has applied the log: what read-your-writes (`X-Min-Position`) and the deal
 * stream wait on. Positions are decimal strings; a checkpoint is `null` before the first event.
 */
export interface ProjectionProgress {
  checkpoint(name: ProjectionName): Promise<string | null>;
  /**
   * Resolves `true` as soon as the read model's checkpoint is at or past `position`, `false` after
   * `timeoutMs` (or at once when `signal` aborts). Never rejects.
   */
  waitFor(name: ProjectionName, position: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}

export const DEFAULT_PROGRESS_POLL_MS = 25;

interface Poll {
  timer: NodeJS.Timeout | undefined;
}

interface Waiter {
  position: string;
  settle(reached: boolean): void;
}

/**
 * `ProjectionProgress` over `ReadStore.checkpoint`: while anyone waits on a read model, one poll per
 * read model (every 25 ms, shared by all its waiters — not one loop per request). In the same process
 * as the projection runner, `notify` wakes the waiters at once, so the poll is only the fallback for a
 * runner in another process:
 *
 *   runner.onApplied((name, position) => progress.notify(name, position));
 */
export class PollingProjectionProgress implements ProjectionProgress {
  private readonly waiters = new Map<ProjectionName, Set<Waiter>>();
  private readonly polls = new Map<ProjectionName, Poll>();
  private readonly intervalMs: number;

  constructor(
    private readonly store: Pick<ReadStore, 'checkpoint'>,
    options: { intervalMs?: number } = {},
  ) {
    this.intervalMs = options.intervalMs ?? DEFAULT_PROGRESS_POLL_MS;
  }

  checkpoint(name: ProjectionName): Promise<string | null> {
    return this.store.checkpoint(name);
  }

  async waitFor(name: ProjectionName, position: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return false;
    if (hasReached(await this.store.checkpoint(name), position)) return true;
    if (signal?.aborted) return false;
    return new Promise<boolean>((resolve) => {
      const waiters = this.waitersOf(name);
      const waiter: Waiter = {
        position,
        settle: (reached) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0) this.stopPolling(name);
          resolve(reached);
        },
      };
      const onAbort = () => waiter.settle(false);
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
      this.startPolling(name);
    });
  }

  /**
   * The projection runner's wake-up hook: `name` has applied everything up to `position` (called
   * after the batch is stored). Wakes the waiters it satisfies without a round trip to the store.
   */
  notify(name: ProjectionName, position: string): void {
    this.wake(name, position);
  }

  /** How many waits are pending (for specs and metrics). */
  get pending(): number {
    let count = 0;
    for (const waiters of this.waiters.values()) count += waiters.size;
    return count;
  }

  private wake(name: ProjectionName, checkpoint: string | null): void {
    for (const waiter of [...(this.waiters.get(name) ?? [])]) {
      if (hasReached(checkpoint, waiter.position)) waiter.settle(true);
    }
  }

  private waitersOf(name: ProjectionName): Set<Waiter> {
    let waiters = this.waiters.get(name);
    if (!waiters) {
      waiters = new Set();
      this.waiters.set(name, waiters);
    }
    return waiters;
  }

  private startPolling(name: ProjectionName): void {
    if (this.polls.has(name)) return;
    const poll: Poll = { timer: undefined };
    const schedule = () => {
      poll.timer = setTimeout(() => void tick(), this.intervalMs);
      poll.timer.unref();
    };
    const tick = async () => {
      try {
        this.wake(name, await this.store.checkpoint(name));
      } catch {
        // A failing store is retried at the next tick; the waiters time out if it stays down.
      }
      if (this.polls.get(name) === poll) schedule(); // stopped (or replaced) meanwhile: end this loop
    };
    this.polls.set(name, poll);
    schedule();
  }

  private stopPolling(name: ProjectionName): void {
    clearTimeout(this.polls.get(name)?.timer);
    this.polls.delete(name);
  }
}
