import { EventStoreDbEventStore } from '../event-store/eventstoredb/eventstoredb-event-store.js';

/**
 * Runs a contract suite on the live EventStoreDB named by `EVENTSTORE_URL` (one shared client; each
 * spec uses streams of its own), or registers one pending spec saying why it was skipped.
 */
export function onLiveEventStoreDb(
  suite: string,
  contract: (adapterName: string, makeStore: () => Promise<EventStoreDbEventStore>, disposeStore: () => Promise<void>) => void,
): void {
  const url = process.env['EVENTSTORE_URL'];
  if (!url) {
    describe(`${suite}: EventStoreDbEventStore`, () => {
      it('runs against a live server', () => {
        pending(`${suite} on EventStoreDB skipped: EVENTSTORE_URL is not set`);
      });
    });
    return;
  }
  let shared: EventStoreDbEventStore | undefined;
  contract(
    'EventStoreDbEventStore (EVENTSTORE_URL)',
    async () => (shared ??= EventStoreDbEventStore.connect(url)),
    async () => undefined,
  );
  afterAll(async () => {
    await shared?.close();
  });
}
