import type { EventStore, EventStoreIdentity } from '@e-contract/platform/event-store';
import type { ReadStore } from './read-store.js';

const nameOf = (identity: EventStoreIdentity): string => `${identity.kind} ${identity.id}`;

/** The read store's checkpoints are positions in another event log than the one configured. */
export class EventStoreMismatch extends Error {
  override readonly name = 'EventStoreMismatch';
  constructor(
    readonly recorded: EventStoreIdentity,
    readonly configured: EventStoreIdentity,
  ) {
    super(
      `The read store was built from another event log (${nameOf(recorded)}) than the one configured now ` +
        `(${nameOf(configured)}): its checkpoints are positions in that log and mean nothing in this one. ` +
        `If the event store was switched or replaced on purpose (EVENTSTORE_URL, a new events.sqlite), rebuild every read model ` +
        `from the new log with \`npm run rebuild\` (with the services stopped; it records the new log), or point MONGODB_URL ` +
        `(or DATA_DIR) at a new, empty read store. Otherwise, fix EVENTSTORE_URL / DATA_DIR.`,
    );
  }
}

/**
 * Ties the read store to the event log before anything reads or moves a checkpoint: a new read
 * store records this log; one that recorded another refuses (`EventStoreMismatch`) — a switched
 * `EVENTSTORE_URL` must not take SQLite row numbers for EventStoreDB log positions, nor one
 * cluster's positions for another's. A read store from before identities were recorded adopts the
 * log it is first started with.
 */
export async function bindToEventStore(
  readStore: Pick<ReadStore, 'claimEventStore'>,
  eventStore: Pick<EventStore, 'identity'>,
): Promise<EventStoreIdentity> {
  const configured = await eventStore.identity();
  const recorded = await readStore.claimEventStore(configured);
  if (recorded.kind !== configured.kind || recorded.id !== configured.id) throw new EventStoreMismatch(recorded, configured);
  return configured;
}
