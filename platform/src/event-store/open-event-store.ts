import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { threadMetrics } from '../metrics/thread-metrics.js';
import { withAppendMetrics } from './append-metrics.js';
import type { EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
import type { EventSubscriber } from './subscription.js';
import { openPersonalData, type PersonalDataConfig } from '../personal-data/open-personal-data.js';
import { withPersonalData, type SealingStore } from '../personal-data/with-personal-data.js';

/** The embedded event store's file in `<DATA_DIR>`. */
export const EMBEDDED_EVENT_STORE_FILE = 'events.sqlite';

/**
 * Opens the event store the configuration names: EventStoreDB when `EVENTSTORE_URL` is set, else the
 * SQLite file (with `embedded`'s options). Either way its appends are counted in this thread's
 * metrics (`withAppendMetrics`), and the SQLite store's group commits in its batch-size histogram;
 * personal fields are sealed in and opened out with the configured person-key store
 * (`withPersonalData`), which `close()` closes too.
 */
export function openEventStore(
  config: Pick<Config, 'eventStoreUrl'> & PersonalDataConfig,
  embedded: SqliteEventStoreOptions = {},
): EventStore & EventSubscriber & SealingStore {
  const vault = openPersonalData(config);
  const sealed = (store: EventStore & EventSubscriber) => withPersonalData(store, vault, { closesVault: true });
  if (config.eventStoreUrl) return sealed(withAppendMetrics(EventStoreDbEventStore.connect(config.eventStoreUrl)));
  mkdirSync(config.dataDir, { recursive: true });
  const batchSize = threadMetrics().eventStoreCommitBatchSize;
  return sealed(
    withAppendMetrics(
      SqliteEventStore.open(join(config.dataDir, EMBEDDED_EVENT_STORE_FILE), {
        onGroupCommit: (appends) => batchSize.observe(appends),
        ...embedded,
      }),
    ),
  );
}
