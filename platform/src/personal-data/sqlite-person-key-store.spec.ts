import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersonKeyStore } from './key-store.js';
import { CONTRACT_MASTER, personKeyStoreContract } from './person-key-store.contract.js';
import { SqlitePersonKeyStore } from './sqlite-person-key-store.js';

const dirs = new Map<PersonKeyStore, string>();

personKeyStoreContract(
  'SqlitePersonKeyStore (embedded)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'e-contract-keys-'));
    const store = SqlitePersonKeyStore.open(join(dir, 'person-keys.sqlite'), CONTRACT_MASTER);
    dirs.set(store, dir);
    return Promise.resolve(store);
  },
  async (store) => {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
    dirs.delete(store);
  },
);

describe('SqlitePersonKeyStore', () => {
  it('keeps keys wrapped on disk, and leaves no trace of a destroyed key in the file or its write-ahead log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'e-contract-keys-'));
    const file = join(dir, 'person-keys.sqlite');
    try {
      const store = SqlitePersonKeyStore.open(file, CONTRACT_MASTER);
      const person = await store.personOf(CONTRACT_MASTER.innLookup('500100732259'));
      const db = (store as unknown as { db: { prepare(sql: string): { get(ref: string): { wrapped: Buffer } } } }).db;
      const wrapped = db.prepare('SELECT wrapped FROM person_keys WHERE person_ref = ?').get(person.personRef).wrapped;
      expect(fileBytes(file).includes(person.key)).toBeFalse();
      await store.destroy([person.personRef], { erasedAt: '2026-12-03T10:00:00.000Z', erasedBy: 'admin-1', reason: 'срок истёк' });
      await store.close();
      const bytes = fileBytes(file);
      expect(bytes.includes(wrapped)).toBeFalse();
      expect(bytes.includes(person.key)).toBeFalse();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const fileBytes = (file: string): Buffer =>
  Buffer.concat([readFileSync(file), existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
