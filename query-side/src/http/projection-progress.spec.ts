import { FakeReadStore } from './query-spec-kit.js';
import { PollingProjectionProgress } from './projection-progress.js';

describe('query-side: PollingProjectionProgress', () => {
  let store: FakeReadStore;
  let progress: PollingProjectionProgress;

  beforeEach(() => {
    store = new FakeReadStore();
    progress = new PollingProjectionProgress(store, { intervalMs: 10 });
  });

  it('resolves true at once when the checkpoint is at or past the position (as numbers: 10 > 9)', async () => {
    store.setCheckpoint('deals', '10');
    expect(await progress.waitFor('deals', '9', 100)).toBeTrue();
    expect(await progress.waitFor('deals', '10', 100)).toBeTrue();
    expect(await progress.waitFor('deals', '0', 100)).toBeTrue();
  });

  it('polls until the checkpoint reaches the position', async () => {
    const waiting = progress.waitFor('deals', '3', 1_000);
    setTimeout(() => store.setCheckpoint('deals', '3'), 30);
    expect(await waiting).toBeTrue();
    expect(progress.pending).toBe(0);
  });

  it('is woken by notify without waiting for the next poll', async () => {
    progress = new PollingProjectionProgress(store, { intervalMs: 60_000 });
    const waiting = progress.waitFor('cabinet', '5', 1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    progress.notify('deals', '5'); // another read model: no effect
    progress.notify('cabinet', '4'); // not far enough
    expect(progress.pending).toBe(1);
    progress.notify('cabinet', '6');
    expect(await waiting).toBeTrue();
  });

  it('resolves false after the timeout, or when aborted, and forgets the waiter', async () => {
    expect(await progress.waitFor('deals', '1', 30)).toBeFalse();
    const abort = new AbortController();
    const waiting = progress.waitFor('deals', '1', 5_000, abort.signal);
    setTimeout(() => abort.abort(), 10);
    expect(await waiting).toBeFalse();
    expect(progress.pending).toBe(0);
  });

  it('shares one poll among the waiters of a read model', async () => {
    const reads = () => store.checkpointReads;
    const waits = [progress.waitFor('deals', '1', 200), progress.waitFor('deals', '2', 200), progress.waitFor('deals', '3', 200)];
    const before = reads();
    await new Promise((resolve) => setTimeout(resolve, 55));
    expect(reads() - before).toBeLessThanOrEqual(7); // ~5 ticks, not 3 × 5
    store.setCheckpoint('deals', '3');
    expect(await Promise.all(waits)).toEqual([true, true, true]);
  });
});
