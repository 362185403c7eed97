import type { RecordedEvent } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import type { Deal } from '../read-models/deal.js';
import { dealsProjection, processIdOfFact } from '../read-models/deals-projection.js';

/** A fact of a process with the deal right before it (`null`: none yet) and right after it. */
export interface FactAround {
  event: RecordedEvent;
  before: Deal | null;
  after: Deal | null;
}

interface Folded {
  revision: number;
  deal: Deal | null;
  /** A deal of another branch: nothing of it is delivered to this lane, so it is not folded any more. */
  foreign: boolean;
}

/**
 * The deals around each fact a webhook lane looks at, folded with the deals projection's own fold —
 * so that `deal` is what `GET /api/deals/:id` showed right after the fact. A process's stream is read
 * once and its latest fold kept (at most `capacity` processes): the next fact of it is one `evolve`.
 * Deals of other branches are remembered as such and skipped.
 */
export class DealFolds {
  private readonly folded = new Map<string, Folded>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly branchId: string,
    private readonly capacity = 2_000,
  ) {}

  async around(events: readonly RecordedEvent[]): Promise<FactAround[]> {
    const facts: FactAround[] = [];
    for (const event of events) {
      if (processIdOfFact(event) === null) continue;
      let folded = this.folded.get(event.streamId);
      if (!folded?.foreign && folded?.revision !== event.revision - 1) folded = await this.foldUpTo(event.streamId, event.revision - 1);
      if (folded.foreign) {
        this.remember(event.streamId, folded);
        facts.push({ event, before: null, after: null });
        continue;
      }
      const after = dealsProjection.evolve(folded.deal, event);
      this.remember(event.streamId, { revision: event.revision, deal: after, foreign: this.isForeign(after) });
      facts.push({ event, before: folded.deal, after });
    }
    return facts;
  }

  private async foldUpTo(streamId: string, revision: number): Promise<Folded> {
    if (revision < 0) return { revision, deal: null, foreign: false };
    let deal: Deal | null = null;
    for (const event of await this.store.readStream(streamId, { maxCount: revision + 1 })) {
      if (event.revision > revision) break;
      deal = dealsProjection.evolve(deal, event);
      if (this.isForeign(deal)) return { revision, deal: null, foreign: true };
    }
    return { revision, deal, foreign: false };
  }

  private isForeign(deal: Deal | null): boolean {
    return deal !== null && deal.branchId !== this.branchId;
  }

  private remember(streamId: string, folded: Folded): void {
    this.folded.delete(streamId);
    this.folded.set(streamId, folded);
    if (this.folded.size > this.capacity) this.folded.delete(this.folded.keys().next().value!);
  }
}
