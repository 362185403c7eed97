import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateSecrets } from '../auth/secrets.js';
import type { Config } from '../config/config.js';
import { MasterKey } from './envelope-cipher.js';
import type { PersonKeyStore } from './key-store.js';
import { MongoPersonKeyStore } from './mongo-person-key-store.js';
import { PersonalDataVault } from './personal-data-vault.js';
import { EMBEDDED_KEY_STORE_FILE, SqlitePersonKeyStore } from './sqlite-person-key-store.js';

export type PersonalDataConfig = Pick<Config, 'dataDir' | 'mongodbUrl' | 'production'>;

/**
 * The vault the configuration names: its keys in MongoDB when `MONGODB_URL` is set, else in
 * `<DATA_DIR>/person-keys.sqlite`; wrapped by `PERSONAL_DATA_MASTER_KEY` (generated once into
 * `<DATA_DIR>/secrets.json` in embedded mode, required in production).
 */
export function openPersonalData(config: PersonalDataConfig, env: NodeJS.ProcessEnv = process.env): PersonalDataVault {
  const master = new MasterKey(loadOrCreateSecrets(config.dataDir, env, config.production).personalDataMasterKey);
  let keyStore: PersonKeyStore;
  if (config.mongodbUrl) keyStore = MongoPersonKeyStore.connect(config.mongodbUrl, master);
  else {
    mkdirSync(config.dataDir, { recursive: true });
    keyStore = SqlitePersonKeyStore.open(join(config.dataDir, EMBEDDED_KEY_STORE_FILE), master);
  }
  return new PersonalDataVault(keyStore, master);
}
