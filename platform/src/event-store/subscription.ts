import type { RecordedEvent } from '@e-contract/contracts';

export interface SubscribeOptions {
  /** Hand out events strictly after this global position; `null` starts at the beginning of the log. */
  after: string | null;
  /** Only events of streams whose name starts with this (e.g. `signing-`). */
  streamPrefix?: string;
  /**
   * Only events of these types (a reactor that acts on two facts need not read, decode and open
   * the rest); the others are left out as `streamPrefix` leaves streams out: they count as looked
   * at for `onCaughtUp`. Absent: every type.
   */
  types?: readonly string[];
  /** At most this many events per batch (default 500). */
  batchSize?: number;
  /** Aborting ends the iteration (it returns; it does not throw). */
  signal: AbortSignal;
  /**
   * Called each time the subscription has handed out everything there is for now, with the
   * position up to which it has looked at the log — events the filter left out included. A
   * consumer whose last event is older than the head can so tell "caught up" from "behind".
   */
  onCaughtUp?: (scannedTo: string | null) => void;
}

/**
 * A catch-up subscription to the global log: batches in global order — first everything after
 * `after`, then new events as they are appended — until `signal` aborts. The next batch is read
 * only when the consumer asks for it, so a slow consumer slows the subscription, never the reverse.
 * Delivery is at-least-once across restarts: a consumer stores the position of the last batch it
 * has handled and subscribes again from there.
 */
export interface EventSubscriber {
  subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]>;
}

export const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 500;

/**
 * Resolves after `ms`, or earlier when `wake` is called or `signal` aborts. Returns the function
 * that wakes it, registered through `register` before the wait starts.
 */
export function sleepUnlessWoken(ms: number, signal: AbortSignal, register: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    register(done);
  });
}

/**
 * A store that tells of its own appends and can be told of others' (the embedded SQLite store):
 * two connections to one file in two threads wake each other's subscriptions with these instead of
 * waiting for a poll. EventStoreDB pushes to every subscriber and needs none of it.
 */
export interface LocalAppendSignals {
  onAppended(listener: (lastPosition: string) => void): () => void;
  notifyAppended(lastPosition: string): void;
}

export const hasLocalAppendSignals = (store: object): store is LocalAppendSignals =>
  typeof (store as Partial<LocalAppendSignals>).onAppended === 'function' &&
  typeof (store as Partial<LocalAppendSignals>).notifyAppended === 'function';
