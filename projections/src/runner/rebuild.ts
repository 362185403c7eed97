import { SIGNING_STREAM_PREFIX, type RecordedEvent } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import type { Projection } from '../projection.js';
import type { ReadStore } from '../read-store.js';

export interface RebuildProgress {
  /** Events read from the log so far. */
  events: number;
  /** The last position read. */
  position: string | null;
  /** How far through the log, 0..1 (by position, against the head when the rebuild started). */
  fraction: number;
}

export interface RebuildReport {
  projections: string[];
  /** Events read from the log (of every stream; the projections apply those of process streams). */
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** The position the rebuilt read models reflect (their new checkpoint), `null` for an empty log. */
  position: string | null;
}

export interface RebuildOptions {
  /** Events per `readAll` page (default 5,000). */
  pageSize?: number;
  onProgress?(progress: RebuildProgress): void;
  /**
   * Called once the rebuild has read up to the head, before the final pages: the runner pauses the
   * live lane here, so that the last events applied to the copy are the last of the log when the
   * copy is swapped in. Events appended meanwhile are read after it returns.
   */
  beforeFinish?(): Promise<void>;
  signal?: AbortSignal;
}

export class RebuildAborted extends Error {
  override readonly name = 'RebuildAborted';
  constructor() {
    super('the rebuild was stopped before it finished; the live read models are unchanged');
  }
}

/**
 * Rebuilds read models from the whole log: `beginRebuild` (a shadow copy), the log in pages of
 * `readAll` into `applyRebuildBatch` — one pass for all the projections given — then
 * `finishRebuild`, which swaps each copy in at once. Readers see the old read model until then.
 */
export async function rebuildProjections(
  eventStore: Pick<EventStore, 'readAll' | 'headPosition'>,
  readStore: ReadStore,
  projections: readonly Projection<unknown>[],
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const pageSize = options.pageSize ?? 5_000;
  const startedAt = process.hrtime.bigint();
  const head = await eventStore.headPosition();
  const first = (await eventStore.readAll({ maxCount: 1 }))[0]?.position ?? null;
  const fractionAt = progressScale(first, head);
  for (const projection of projections) await readStore.beginRebuild(projection.name);

  let after: string | undefined;
  let events = 0;
  let applied: string | null = null;
  let paused = options.beforeFinish === undefined;
  for (;;) {
    if (options.signal?.aborted) throw new RebuildAborted();
    const page: RecordedEvent[] = await eventStore.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize });
    const last = page.at(-1);
    if (last) {
      const relevant = page.filter((event) => event.streamId.startsWith(SIGNING_STREAM_PREFIX));
      const fraction = fractionAt(last.position);
      if (relevant.length > 0) {
        for (const projection of projections) await readStore.applyRebuildBatch(projection, relevant, fraction);
        applied = relevant.at(-1)!.position;
      }
      after = last.position;
      events += page.length;
      options.onProgress?.({ events, position: after, fraction });
    }
    if (page.length < pageSize) {
      if (paused) break;
      await options.beforeFinish?.();
      paused = true;
    }
  }
  if (options.signal?.aborted) throw new RebuildAborted();
  for (const projection of projections) await readStore.finishRebuild(projection.name);
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return {
    projections: projections.map((p) => p.name),
    events,
    seconds,
    eventsPerSecond: seconds > 0 ? events / seconds : events,
    position: applied,
  };
}

/** Maps a position to 0..1 between the first event and the head (positions may be sparse, as on EventStoreDB). */
function progressScale(first: string | null, head: string | null): (position: string) => number {
  if (first === null || head === null || BigInt(head) <= BigInt(first)) return () => 1;
  const start = BigInt(first);
  const span = Number(BigInt(head) - start);
  return (position) => Math.min(1, Math.max(0, Number(BigInt(position) - start) / span));
}
