import type { AllStreamResolvedEvent, ReadPosition } from '@eventstore/db-client';
import { lookAtTail, type TailLookOptions } from './esdb-tail.js';

/** `$all` as `[streamId, type, position]`, oldest first; read backwards in pages as the server does. */
function backwards(log: [string, string, number][]) {
  const reads: ReadPosition[] = [];
  const records = log.map(([streamId, type, position]) => ({
    event: { streamId, type, position: { commit: BigInt(position), prepare: BigInt(position) } },
  })) as unknown as AllStreamResolvedEvent[];
  return {
    reads,
    page(pageSize: number) {
      return async (from: ReadPosition) => {
        reads.push(from);
        const newestFirst = [...records].reverse();
        const start = typeof from === 'object' ? newestFirst.findIndex((r) => r.event!.position.commit <= from.commit) : 0;
        return start < 0 ? [] : newestFirst.slice(start, start + pageSize);
      };
    },
  };
}

describe('lookAtTail: has a subscription whose buffer ran dry reached the head of $all?', () => {
  const options = (patch: Partial<TailLookOptions>): TailLookOptions => ({
    scanned: 0n,
    wanted: (record) => record.streamId.startsWith('signing-'),
    pageSize: 2,
    maxPages: 8,
    ...patch,
  });

  it('reaches the head when the log ends with records the filter skips (other streams, system records)', async () => {
    const log = backwards([
      ['signing-a', 'A', 100],
      ['edo-person-x', 'Pointer', 200],
      ['idempotency-y', 'Answer', 300],
      ['$stats-node', '$statistics-collected', 400],
    ]);
    expect(await lookAtTail(log.page(2), options({ scanned: 100n }))).toEqual({ caughtUp: true, head: 300n });
  });

  it('is behind while a wanted record after its position is still on its way', async () => {
    const log = backwards([
      ['signing-a', 'A', 100],
      ['signing-b', 'B', 200],
      ['other', 'O', 300],
    ]);
    expect(await lookAtTail(log.page(2), options({ scanned: 100n }))).toEqual({ caughtUp: false, head: 300n });
  });

  it('stops reading at its own position, and is caught up on an empty log or nothing new', async () => {
    const log = backwards([
      ['signing-a', 'A', 100],
      ['other', 'O', 200],
      ['other', 'O', 300],
      ['other', 'O', 400],
      ['other', 'O', 500],
    ]);
    expect(await lookAtTail(log.page(2), options({ scanned: 400n }))).toEqual({ caughtUp: true, head: 500n });
    expect(log.reads.length).toBe(1);
    expect(await lookAtTail(backwards([]).page(2), options({ scanned: -1n }))).toEqual({ caughtUp: true, head: null });
    expect(await lookAtTail(log.page(2), options({ scanned: 500n }))).toEqual({ caughtUp: true, head: null });
  });

  it('gives up after maxPages without claiming to be caught up', async () => {
    const log = backwards(Array.from({ length: 20 }, (_, i) => ['other', 'O', (i + 1) * 100] as [string, string, number]));
    expect(await lookAtTail(log.page(2), options({ scanned: 100n, maxPages: 3 }))).toEqual({ caughtUp: false, head: 2000n });
    expect(log.reads.length).toBe(3);
  });
});
