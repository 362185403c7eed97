import { Subscription } from 'rxjs';
import type { RecordedEvent } from '@e-contract/contracts';
import type { EventSubscriber, SubscribeOptions } from '@e-contract/platform/event-store';
import { PollingProjectionProgress } from '../http/projection-progress.js';
import { FakeReadStore, eventually } from '../http/query-spec-kit.js';
import { SubscriptionDealChanges, type DealChange } from './deal-changes.js';

/** A log in memory with a live catch-up subscription (batches of what was appended together). */
class InMemoryLog implements EventSubscriber {
  private readonly batches: RecordedEvent[][] = [];
  private wake: (() => void) | null = null;
  active = 0;
  readonly asked: (string | null)[] = [];

  append(...events: { streamId: string; position: string }[]): void {
    this.batches.push(
      events.map((event) => ({
        eventId: event.position,
        revision: 0,
        type: 'Fact',
        data: {},
        metadata: {} as RecordedEvent['metadata'],
        ...event,
      })),
    );
    this.wake?.();
  }

  async *subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    this.asked.push(options.after);
    this.active += 1;
    try {
      let handed = 0;
      while (!options.signal.aborted) {
        while (handed < this.batches.length) {
          const batch = this.batches[handed++]!.filter(
            (event) =>
              (options.after === null || BigInt(event.position) > BigInt(options.after)) &&
              event.streamId.startsWith(options.streamPrefix ?? ''),
          );
          if (batch.length > 0) yield batch;
          if (options.signal.aborted) return;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          options.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    } finally {
      this.active -= 1;
    }
  }
}

describe('query-side: SubscriptionDealChanges', () => {
  let log: InMemoryLog;
  let store: FakeReadStore;
  let changes: SubscriptionDealChanges;
  let subscription: Subscription | undefined;

  beforeEach(() => {
    log = new InMemoryLog();
    store = new FakeReadStore();
    changes = new SubscriptionDealChanges(log, new PollingProjectionProgress(store, { intervalMs: 5 }));
  });
  afterEach(() => subscription?.unsubscribe());

  const collect = (after: string | null): DealChange[] => {
    const seen: DealChange[] = [];
    subscription = changes.changesAfter(after).subscribe((change) => seen.push(change));
    return seen;
  };

  it('emits the changes of signing streams strictly after the position, each with its process id', async () => {
    store.setCheckpoint('deals', '100');
    log.append({ streamId: 'signing-p1', position: '1' }, { streamId: 'signing-p2', position: '2' });
    log.append({ streamId: 'edo-person-abc', position: '3' }, { streamId: 'signing-p1', position: '4' });
    const seen = collect('1');
    await eventually(() => seen.length === 2);
    expect(seen).toEqual([
      { position: '2', processId: 'p2' },
      { position: '4', processId: 'p1' },
    ]);
    log.append({ streamId: 'signing-p3', position: '5' });
    await eventually(() => seen.length === 3);
    expect(seen[2]).toEqual({ position: '5', processId: 'p3' });
  });

  it('holds a batch back until the deals read model has applied it', async () => {
    store.setCheckpoint('deals', '1');
    const seen = collect('1');
    log.append({ streamId: 'signing-p1', position: '2' }, { streamId: 'signing-p2', position: '3' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(seen).toEqual([]);
    store.setCheckpoint('deals', '3');
    await eventually(() => seen.length === 2);
  });

  it('without a position, starts at the deals read model’s checkpoint', async () => {
    store.setCheckpoint('deals', '7');
    collect(null);
    await eventually(() => log.asked.length === 1);
    expect(log.asked).toEqual(['7']);
  });

  it('ends the subscription when unsubscribed', async () => {
    store.setCheckpoint('deals', '0');
    collect('0');
    await eventually(() => log.active === 1);
    subscription!.unsubscribe();
    await eventually(() => log.active === 0);
  });
});
