import { Observable } from 'rxjs';
import { SIGNING_STREAM_PREFIX, processIdOfStream } from '@e-contract/contracts';
import type { EventSubscriber } from '@e-contract/platform/event-store';
import type { ProjectionProgress } from '../http/projection-progress.js';

/** One change of one deal: the position of the event that changed it. */
export interface DealChange {
  position: string;
  processId: string;
}

/**
 * Where the live stream learns that deals changed. A change is emitted only once the deals read
 * model has applied its position, so that reading the deal then shows (at least) that change.
 */
export interface DealChanges {
  /**
   * Every change strictly after `position`, in log order, then the new ones as they happen, until
   * unsubscribed. `null`: from now on — after the deals read model's current checkpoint, i.e.
   * everything a list read at this moment would not yet show.
   */
  changesAfter(position: string | null): Observable<DealChange>;
}

export interface SubscriptionDealChangesOptions {
  /** How long one wait for the deals read model lasts before it is renewed (the wait itself is unbounded). */
  waitSliceMs?: number;
}

/**
 * `DealChanges` over the event store's catch-up subscription (`signing-` streams): for each batch it
 * waits until the deals checkpoint has reached the batch's last event, then emits each event as a
 * change. The subscription ends (the iterator's `signal` aborts) when the observer unsubscribes.
 */
export class SubscriptionDealChanges implements DealChanges {
  private readonly waitSliceMs: number;

  constructor(
    private readonly subscriber: EventSubscriber,
    private readonly progress: ProjectionProgress,
    options: SubscriptionDealChangesOptions = {},
  ) {
    this.waitSliceMs = options.waitSliceMs ?? 30_000;
  }

  changesAfter(position: string | null): Observable<DealChange> {
    return new Observable<DealChange>((observer) => {
      const stop = new AbortController();
      const { signal } = stop;
      const run = async () => {
        const after = position ?? (await this.progress.checkpoint('deals'));
        for await (const batch of this.subscriber.subscribe({ after, streamPrefix: SIGNING_STREAM_PREFIX, signal })) {
          const last = batch.at(-1);
          if (!last) continue;
          // A read model that is behind (or retrying) holds the stream back rather than letting it push stale deals.
          while (!(await this.progress.waitFor('deals', last.position, this.waitSliceMs, signal))) {
            if (signal.aborted) return;
          }
          for (const event of batch) {
            const processId = processIdOfStream(event.streamId);
            if (processId !== null) observer.next({ position: event.position, processId });
          }
        }
        observer.complete();
      };
      run().catch((error: unknown) => observer.error(error));
      return () => stop.abort();
    });
  }
}
