import { END, type AllStreamResolvedEvent, type ReadPosition } from '@eventstore/db-client';

/** A record of `$all` as the tail look needs it. */
type TailRecord = Pick<NonNullable<AllStreamResolvedEvent['event']>, 'streamId' | 'type' | 'position'>;

/** Reads one page of `$all` backwards from `from` (`END` the first time), newest first. */
export type BackwardsPage = (from: ReadPosition) => Promise<readonly AllStreamResolvedEvent[]>;

export interface TailLook {
  /** Every record after the subscription's position up to the head is one it does not want. */
  caughtUp: boolean;
  /** The newest non-system record (the port's head), `null` when there is none after `scanned`. */
  head: bigint | null;
}

export interface TailLookOptions {
  /** The position up to which the subscription has looked (its last event or filter checkpoint). */
  scanned: bigint;
  /** Whether the subscription's server-side filter lets the record through. */
  wanted(record: TailRecord): boolean;
  /** Records per page. */
  pageSize: number;
  /** Give up (not caught up) after this many pages: the server's checkpoints will move `scanned` on. */
  maxPages: number;
}

/** `$`-prefixed types and streams: stream metadata, system projections' links, statistics. */
export const isSystemRecord = (record: { type: string; streamId: string }): boolean =>
  record.type.startsWith('$') || record.streamId.startsWith('$');

/**
 * Whether a catch-up subscription whose buffer ran dry has really reached the head of `$all`.
 *
 * Client 6.2.1 tells neither the head nor, on `caughtUp`, a position, and a server-side filter
 * reports how far it searched only every 32 records (`checkpointReached`): a subscription whose last
 * event is followed by records it filters out never learns that it has seen them, and a buffer that
 * ran dry may only mean that the network is slower than the consumer. So look at the end of the log:
 * read `$all` backwards until `scanned`. A record the filter wants there has not been handed out
 * yet — not caught up. None: everything up to the newest record has been looked at, and the newest
 * non-system record is the port's head (`headPosition`), which the subscription has now reached.
 */
export async function lookAtTail(readBackwards: BackwardsPage, options: TailLookOptions): Promise<TailLook> {
  let from: ReadPosition = END;
  let head: bigint | null = null;
  for (let pages = 1; ; pages += 1) {
    const page = await readBackwards(from);
    for (const resolved of page) {
      const record = resolved.event;
      if (!record) continue;
      if (record.position.commit <= options.scanned) return { caughtUp: true, head };
      if (head === null && !isSystemRecord(record)) head = record.position.commit;
      if (options.wanted(record)) return { caughtUp: false, head };
    }
    const oldest = page.at(-1)?.event;
    if (page.length < options.pageSize || !oldest) return { caughtUp: true, head };
    if (pages >= options.maxPages) return { caughtUp: false, head };
    // Go on from the oldest record seen; should the server include it again, it is skipped above
    // only if at or before `scanned` — otherwise it is looked at twice, which changes nothing.
    from = oldest.position;
  }
}
