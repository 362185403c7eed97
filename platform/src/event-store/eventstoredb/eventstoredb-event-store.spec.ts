import { eventStoreContract } from '../../testing/event-store.contract.js';
import { onLiveEventStoreDb } from '../../testing/live-eventstoredb.js';

onLiveEventStoreDb('EventStore contract', eventStoreContract);
