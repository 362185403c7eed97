import { eventStoreContract } from './event-store.contract.js';
import { onLiveEventStoreDb } from './live-eventstoredb.js';

onLiveEventStoreDb('EventStore contract', eventStoreContract);
