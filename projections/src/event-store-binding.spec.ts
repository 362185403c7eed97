import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '@e-contract/platform/config';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { pino } from 'pino';
import { EventStoreMismatch, bindToEventStore } from './event-store-binding.js';
import { READ_MODELS_FILE, startProjections } from './projections-service.js';
import { SqliteReadStore } from './read-store/sqlite-read-store.js';
import { seedSigningLog } from './runner/seed-signing-log.js';
import { eventually } from './runner/runner-spec-kit.js';

const silent = pino({ level: 'silent' });

describe('the read store tied to one event log', () => {
  let dataDir: string;
  let config: Config;
  const eventsFile = () => join(dataDir, 'events.sqlite');
  /** The event store replaced by another one (a new file: another log whose positions look alike). */
  const replaceEventStore = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${eventsFile()}${suffix}`, { force: true });
  };
  const seed = async (processes: number) => {
    const events = SqliteEventStore.open(eventsFile());
    try {
      await seedSigningLog(events, { processes });
      return (await events.headPosition())!;
    } finally {
      await events.close();
    }
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-binding-'));
    config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records the log a new read store is started with, and starts again on it', async () => {
    const events = SqliteEventStore.open(eventsFile());
    const reads = new SqliteReadStore(join(dataDir, READ_MODELS_FILE));
    try {
      const identity = await bindToEventStore(reads, events);
      expect(await reads.eventStoreIdentity()).toEqual(identity);
      expect(await bindToEventStore(reads, events)).toEqual(identity);
    } finally {
      await reads.close();
      await events.close();
    }
  });

  it('refuses to start the projections on a read store built from another log, naming the fix', async () => {
    await seed(3);
    const first = await startProjections(config, { logger: silent });
    await eventually(async () => (await first.readStore.checkpoint('deals')) !== null, 5_000, 'the deals to be projected');
    await first.close();

    replaceEventStore();
    await seed(1);
    const refused = startProjections(config, { logger: silent });
    await expectAsync(refused).toBeRejectedWith(jasmine.any(EventStoreMismatch));
    await expectAsync(refused).toBeRejectedWithError(/npm run rebuild/);
  });

  it('npm run rebuild rebuilds every read model from the new log, records it and resets the reactors; then the projections start', async () => {
    await seed(3);
    const first = await startProjections(config, { logger: silent });
    await first.readStore.saveReactorCheckpoint('invitations', (await first.eventStore.headPosition())!);
    await first.close();

    replaceEventStore();
    const head = await seed(2);
    const cli = fileURLToPath(new URL('./rebuild-cli.js', import.meta.url));
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', EVENTSTORE_URL: '', MONGODB_URL: '' };
    const partial = spawnSync(process.execPath, [cli, '--only', 'deals'], { env, encoding: 'utf8' });
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain('run without --only');
    const full = spawnSync(process.execPath, [cli], { env, encoding: 'utf8' });
    expect(full.status).withContext(full.stderr).toBe(0);

    const second = await startProjections(config, { logger: silent });
    try {
      expect(await second.readStore.eventStoreIdentity()).toEqual(await second.eventStore.identity());
      expect(await second.readStore.reactorCheckpoint('invitations')).toBeNull();
      expect(await second.readStore.checkpoint('deals')).toBe(head);
      expect((await second.readStore.findDeals({ sort: { field: 'createdAt', descending: false }, page: 1, pageSize: 20 })).total).toBe(2);
    } finally {
      await second.close();
    }
  }, 60_000); // two runs of the rebuild CLI as processes
});
