import { edoPersonStreamName, systemActor } from '@e-contract/contracts';
import { CorruptEvent } from '@e-contract/contracts/events';
import { sha256Hex } from '@e-contract/contracts/node';
import { chainEvents } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { EdoAcceptanceIndex } from './edo-acceptance-index.js';

describe('EdoAcceptanceIndex', () => {
  const inn = '500100732259';
  const pointer = { processId: 'p1', revision: 6, version: '2026-01', sha256: 'e'.repeat(64) };
  let store: SqliteEventStore;
  let index: EdoAcceptanceIndex;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    index = new EdoAcceptanceIndex(store, () => new Date('2026-11-25T08:00:00.000Z'));
  });
  afterEach(() => store.close());

  it("finds the person's acceptance of a version", async () => {
    await index.record(inn, pointer, null, null);
    expect(await index.latest(inn, '2026-01', 'e'.repeat(64))).toEqual(pointer);
    expect(await index.latest(inn, '2025-01', 'e'.repeat(64))).toBeNull();
  });

  it('refuses a pointer that does not read as one, naming its stream and revision', async () => {
    const streamId = edoPersonStreamName(sha256Hex(inn));
    const context = {
      actor: systemActor('edo-agreement'),
      occurredAt: '2026-11-25T08:00:00.000Z',
      ip: null,
      userAgent: null,
      correlationId: null,
      causationId: null,
    };
    const events = chainEvents(streamId, null, [{ type: 'EdoAcceptanceIndexed', data: { ...pointer, revision: 'six' }, context }]);
    await store.appendToStream(streamId, events, 'no_stream');
    const error = await index.latest(inn, '2026-01', 'e'.repeat(64)).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CorruptEvent);
    expect(error).toEqual(jasmine.objectContaining({ streamId, revision: 0, paths: ['data.revision'] }));
  });
});
