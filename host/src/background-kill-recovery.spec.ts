import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIGNING_STREAM_PREFIX, signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { ALL_PROJECTIONS } from '@e-contract/projections';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import { rebuildProjections } from '@e-contract/projections/runner';
import { dumpReadModels, eventually, seedSigningLog, type SeedOutcome } from '@e-contract/projections/testing';

const MAIN = fileURLToPath(new URL('./background-main.js', import.meta.url));
const PROCESSES = 3_000;
const OUTCOMES: SeedOutcome[] = [
  'created',
  'cancelled',
  'declined',
  'identification_failed',
  'code_sent',
  'full',
  'full',
  'full',
  'full',
  'full',
];

/**
 * The projections service killed for real (SIGKILL, no shutdown code runs) while batches are in
 * flight, then restarted: once its checkpoints reach the head again, every read model must equal a
 * clean rebuild of the same log — nothing lost, nothing applied twice — and the invitation reactor,
 * interrupted too, must have sent and recorded each invitation exactly once.
 */
describe('background process (projections and reactors) kill recovery', () => {
  let dataDir: string;
  let events: SqliteEventStore;
  let observer: SqliteReadStore | undefined;
  let clean: SqliteReadStore | undefined;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-kill-'));
    events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await observer?.close();
    await clean?.close();
    await events.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startService = (): ChildProcess => {
    const started = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        EVENTSTORE_URL: '',
        MONGODB_URL: '',
        LOG_LEVEL: 'warn',
        // Its health and metrics listener: any free port.
        PORT: '0',
        // Small batches with a pause before each: a kill lands while a batch is read but not yet applied.
        PROJECTIONS_BATCH_SIZE: '40',
        PROJECTIONS_BATCH_DELAY_MS: '4',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[background] ${chunk.toString('utf8')}`));
    return started;
  };
  const exited = (process: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (process.exitCode !== null || process.signalCode !== null) resolve({ code: process.exitCode, signal: process.signalCode });
      else process.once('exit', (code, signal) => resolve({ code, signal }));
    });
  /** The last event of a process stream: where every read model's checkpoint must end. */
  const lastSigningPosition = async (): Promise<bigint> => {
    let after: string | undefined;
    let last = 0n;
    for (;;) {
      const page: RecordedEvent[] = await events.readAll({ ...(after === undefined ? {} : { after }), maxCount: 10_000 });
      for (const event of page) if (event.streamId.startsWith(SIGNING_STREAM_PREFIX)) last = BigInt(event.position);
      if (page.length < 10_000) return last;
      after = page.at(-1)!.position;
    }
  };
  const checkpoints = async (): Promise<bigint[]> => {
    const rows = await observer!.checkpoints();
    return rows.map((row) => (row.position === null ? 0n : BigInt(row.position)));
  };

  it('loses and doubles nothing when killed with SIGKILL mid-way and restarted', async () => {
    const seeded = await seedSigningLog(events, {
      processes: PROCESSES,
      outcomeOf: (i) => OUTCOMES[i % OUTCOMES.length]!,
      startAt: new Date(Date.now() - 3 * 86_400_000),
    });
    const invitationsDue = seeded.processIds.filter((_, i) => OUTCOMES[i % OUTCOMES.length] === 'created');
    const head = BigInt((await events.headPosition())!);

    child = startService();
    await eventually(() => existsSync(join(dataDir, 'read-models.sqlite')), 10_000, 'the read store file');
    observer = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
    // Kill once every read model is somewhere in the middle of the log.
    await eventually(
      async () => {
        const positions = await checkpoints();
        return positions.every((p) => p > head / 5n) || positions.some((p) => p >= (head * 4n) / 5n);
      },
      60_000,
      'the projections to be half-way',
    );
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');
    const atKill = await checkpoints();
    expect(atKill.some((p) => p < head))
      .withContext(`checkpoints at the kill: ${atKill.join(', ')} of ${head}`)
      .toBeTrue();
    const restartedAt = Date.now();

    child = startService();
    await eventually(
      async () => {
        const target = await lastSigningPosition();
        const positions = await checkpoints();
        if (!positions.every((p) => p === target)) return false;
        const invited = await Promise.all(
          invitationsDue.map(async (id) => (await events.readStream(signingStreamName(id))).some((e) => e.type === 'SignerInvited')),
        );
        return invited.every(Boolean) && (await lastSigningPosition()) === target;
      },
      90_000,
      'the restarted service to reach the head',
    );
    if (process.env['KILL_TEST_VERBOSE']) {
      const reached = await lastSigningPosition();
      process.stdout.write(
        `\nkill test: ${seeded.events} events seeded (head ${head}); checkpoints at SIGKILL ${atKill.join(', ')}; ` +
          `after restart all at ${reached} (invitations appended by the reactor included) in ${Date.now() - restartedAt} ms\n`,
      );
    }
    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);

    clean = new SqliteReadStore(join(dataDir, 'clean-rebuild.sqlite'));
    await rebuildProjections(events, clean, ALL_PROJECTIONS);
    const recovered = await dumpReadModels(observer, seeded.processIds);
    const rebuilt = await dumpReadModels(clean, seeded.processIds);
    expect(recovered.deals.length).toBe(PROCESSES);
    expect(recovered.deals).toEqual(rebuilt.deals);
    expect(recovered.trails).toEqual(rebuilt.trails);
    expect(recovered.cabinets).toEqual(rebuilt.cabinets);
    expect(recovered.stats).toEqual(rebuilt.stats);

    // Every event of every process stream is in the trail exactly once, in revision order.
    for (const processId of seeded.processIds) {
      const stream = await events.readStream(signingStreamName(processId));
      expect(recovered.trails[processId]!.map((entry) => entry.revision)).toEqual(stream.map((e) => e.revision));
    }
    // Each due invitation was recorded once and sent once (SMS), though the reactor was killed too.
    for (const processId of invitationsDue) {
      const stream = await events.readStream(signingStreamName(processId));
      expect(stream.filter((e) => e.type === 'SignerInvited').length).toBe(1);
    }
    const outbox = readFileSync(join(dataDir, 'dev-outbox.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { channel: string; kind: string; inviteToken: string });
    const sms = outbox.filter((message) => message.channel === 'sms' && message.kind === 'invitation');
    expect(sms.length).toBe(invitationsDue.length);
    expect(new Set(sms.map((message) => message.inviteToken)).size).toBe(invitationsDue.length);
    // The log starts three days ago, so waiting signers are reminded too: each reminder sent once, as recorded.
    let reminded = 0;
    for (const processId of seeded.processIds) {
      reminded += (await events.readStream(signingStreamName(processId))).filter((e) => e.type === 'SignerReminded').length;
    }
    expect(outbox.filter((message) => message.channel === 'sms' && message.kind === 'reminder').length).toBe(reminded);
  }, 180_000);
});
