import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { PersonKeyStore } from './key-store.js';
import { MongoPersonKeyStore } from './mongo-person-key-store.js';
import { CONTRACT_MASTER, personKeyStoreContract } from './person-key-store.contract.js';

const url = process.env['MONGODB_URL'];

if (url) {
  // One client for the suite; every spec on a database of its own, dropped after it.
  const client = new MongoClient(url);
  const run = randomUUID().slice(0, 8);
  let specs = 0;
  const databases = new Map<PersonKeyStore, string>();
  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
  });
  personKeyStoreContract(
    'MongoPersonKeyStore (MONGODB_URL)',
    () => {
      const name = `person_keys_spec_${run}_${++specs}`;
      const store = new MongoPersonKeyStore(client.db(name, { writeConcern: { w: 'majority' } }), CONTRACT_MASTER);
      databases.set(store, name);
      return Promise.resolve(store);
    },
    async (store) => {
      await client.db(databases.get(store)!).dropDatabase();
      databases.delete(store);
    },
  );
} else {
  describe('person-key store contract: MongoPersonKeyStore', () => {
    it('runs against a live server', () => {
      pending('MongoDB key-store contract skipped: MONGODB_URL is not set');
    });
  });
}
