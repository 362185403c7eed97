import { MongoClient, ReadPreference, type Db, type DbOptions } from 'mongodb';

/**
 * The client of `MONGODB_URL` as the read store uses it. Retryable writes and reads are kept on
 * whatever the URL says: after a failover the driver retries a write once on the new primary (the
 * server applies it once), and a guarded upsert repeated is a no-op anyway. `ignoreUndefined`: an
 * optional view field left undefined stays absent instead of becoming null. The URL keeps the rest:
 * the hosts and `replicaSet` (or `mongodb+srv://`), credentials, TLS, timeouts.
 */
export function readStoreClient(url: string): MongoClient {
  return new MongoClient(url, { ignoreUndefined: true, retryWrites: true, retryReads: true });
}

/**
 * Every operation of the store goes through this database handle, whatever the URL says:
 * - reads from the primary — the runner reads a view, evolves it and writes it back under a
 *   position guard, which on a lagging secondary would fold onto a stale view; and the query side's
 *   read-your-writes (`X-Min-Position`) compares the checkpoint with views that must be as new;
 * - writes acknowledged by a majority (giving up after 10 s: the runner retries the batch), so that
 *   a failover never rolls back a view or a checkpoint that was acknowledged.
 * Pinned here rather than on the client: a URL's `readPreferenceTags` or `maxStalenessSeconds`
 * would make a client-level `primary` invalid.
 */
export const READ_STORE_DB_OPTIONS: DbOptions = {
  readPreference: ReadPreference.primary,
  writeConcern: { w: 'majority', wtimeoutMS: 10_000 },
};

export const readStoreDatabase = (client: MongoClient, dbName: string): Db => client.db(dbName, READ_STORE_DB_OPTIONS);
