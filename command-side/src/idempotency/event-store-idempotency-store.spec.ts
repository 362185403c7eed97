import { CorruptEvent } from '@e-contract/contracts/events';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { EventStoreIdempotencyStore } from './event-store-idempotency-store.js';

describe('EventStoreIdempotencyStore', () => {
  const now = new Date('2026-11-25T08:00:00.000Z');
  const answer = { requestSha256: 'a'.repeat(64), status: 201, body: { processId: 'p1' }, recordedAt: now.toISOString() };
  let store: SqliteEventStore;
  let answers: EventStoreIdempotencyStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    answers = new EventStoreIdempotencyStore(store, () => now);
  });
  afterEach(() => store.close());

  it('gives back the answer it kept', async () => {
    await answers.save('caller:endpoint', 'key-1', answer);
    expect(await answers.find('caller:endpoint', 'key-1')).toEqual(answer);
  });

  it('refuses a kept answer that does not read as one, naming its stream and revision', async () => {
    await answers.save('caller:endpoint', 'key-1', { ...answer, recordedAt: 'yesterday' });
    const [stored] = await store.readAll();
    const error = await answers.find('caller:endpoint', 'key-1').then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CorruptEvent);
    expect(error).toEqual(jasmine.objectContaining({ streamId: stored!.streamId, revision: 0, paths: ['data.recordedAt'] }));
  });
});
