import { eventStoreContract } from './event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const url = process.env['EVENTSTORE_URL'];

if (url) {
  // One client for the whole suite: specs share the live server, each on streams of its own.
  let shared: EventStoreDbEventStore | undefined;
  eventStoreContract(
    'EventStoreDbEventStore (EVENTSTORE_URL)',
    async () => (shared ??= EventStoreDbEventStore.connect(url)),
    async () => undefined,
  );
  afterAll(async () => {
    await shared?.close();
  });
} else {
  describe('EventStore contract: EventStoreDbEventStore', () => {
    it('runs against a live server', () => {
      pending('EventStoreDB contract skipped: EVENTSTORE_URL is not set');
    });
  });
}
