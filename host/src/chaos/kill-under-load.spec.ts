import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compareLogPositions } from '@e-contract/contracts';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import { WebhookReceiver } from '../integration/webhook-receiver.js';
import { apiClient, type ApiCall } from '../split/http-client.js';
import { freePort, startServiceProcess, type ServiceProcess } from '../split/service-process.js';
import { loginAs } from '../split/signing-walk.js';
import { Abandoned, LoadLedger, loadWalk } from './load-walk.js';

const run = promisify(execFile);
const DEMO_PASSWORD = 'kill-under-load-password';
const REBUILD_CLI = fileURLToPath(new URL('../../../projections/dist/rebuild-cli.js', import.meta.url));
/** The reactors that follow the log (the sweeps keep no checkpoint). */
const LOG_REACTORS = ['invitations', 'archive', 'signed-notices'];
/** How long the load runs, and the kills in it: one at a random moment of each slot of the load. */
const LOAD_MS = 40_000;
const KILLS = 5;
const SLOT_MS = LOAD_MS / KILLS;

/** A small seeded generator (mulberry32): a failing run can be repeated with its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 12, point 3: the whole system (`npm start`'s all-in-one process) under a steady load of
 * creations and full signings, killed with SIGKILL at random moments and restarted over the same
 * DATA_DIR. Afterwards: every acknowledged command's fact is in the log where its answer said,
 * once per `Idempotency-Key`; every chain verifies; the read models equal a clean rebuild, each
 * deal's history its trail, the statistics the list; every acknowledged creation's invitation was
 * sent, every signed process archived, every creation delivered to a webhook; and the reactors,
 * made to read the whole log again, send and record nothing twice.
 */
describe('kill -9 under load', () => {
  const seed = Number(process.env['CHAOS_SEED'] ?? Date.now() % 1_000_000);
  const random = seeded(seed);
  let dataDir: string;
  let port: number;
  let env: Record<string, string>;
  let system: ServiceProcess | null = null;
  let call: ApiCall;
  const receiver = new WebhookReceiver();
  const ledger = new LoadLedger();
  let auditor: string;
  let kills = 0;

  const start = async () => {
    system = await startServiceProcess('all-in-one', env, { port, readyWithinMs: 60_000 });
  };

  beforeAll(async () => {
    process.stderr.write(`kill -9 under load: seed ${seed} (CHAOS_SEED=${seed} repeats it)\n`);
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-chaos-'));
    port = await freePort();
    env = { DATA_DIR: dataDir, DEMO_PASSWORD, NODE_ENV: 'development', LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    await start();
    call = apiClient(system!.url);
    await receiver.start();
    const admin = await loginAs(call, 'admin', DEMO_PASSWORD);
    auditor = await loginAs(call, 'auditor', DEMO_PASSWORD);
    const integration = await call('POST', '/api/admin/integrations', { token: admin, json: { name: 'Учёт актов', branchId: 'msk' } });
    const webhook = await call('POST', '/api/webhooks', {
      token: integration.body.apiKey as string,
      json: { url: receiver.url, events: ['deal.created'] },
    });
    expect(webhook.status).toBe(201);
    receiver.secret = webhook.body.secret as string;

    const manager = await loginAs(call, 'manager', DEMO_PASSWORD);
    const endsAt = Date.now() + LOAD_MS;
    const running = () => Date.now() < endsAt;
    let walks = 0;
    const worker = async (signAll: boolean) => {
      while (running()) {
        const walkId = `${signAll ? 's' : 'c'}${++walks}-${seed}`;
        const phone = `+7901${String(1_000_000 + walks).slice(-7)}`;
        await loadWalk({ call, managerToken: manager, ledger, running, walkId, phone, signAll, resend: walks % 2 === 0 }).catch(
          (error: unknown) => {
            if (!(error instanceof Abandoned)) throw error;
          },
        );
      }
    };
    const startedAt = Date.now();
    const killer = async () => {
      for (let slot = 0; slot < KILLS; slot++) {
        // Somewhere in the slot's first three quarters, so that the restart fits in it.
        await sleep(Math.max(0, startedAt + slot * SLOT_MS + random() * SLOT_MS * 0.75 - Date.now()));
        await system!.stop('SIGKILL');
        kills += 1;
        await start();
      }
    };
    await Promise.all([worker(false), worker(false), worker(true), worker(true), killer()]);
  }, LOAD_MS + 180_000);

  afterAll(async () => {
    await system?.stop('SIGTERM');
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  type TrailFact = {
    type: string;
    revision: number;
    position: string;
    occurredAt: string;
    actor: { id: string; role: string };
    correlationId: string | null;
  };
  const trailOf = async (processId: string) => {
    const trail = await call('GET', `/api/deals/${processId}/trail`, { token: auditor });
    expect(trail.status).toBe(200);
    return trail.body as TrailFact[];
  };

  /** Every deal the system holds, by id (not only those the load saw acknowledged). */
  const allDeals = async (minPosition = '0') => {
    const deals: { processId: string; status: string }[] = [];
    for (let page = 1; ; page++) {
      const answer = await call('GET', `/api/deals?pageSize=100&page=${page}`, {
        token: auditor,
        headers: { 'x-min-position': minPosition },
      });
      expect(answer.status).toBe(200);
      deals.push(...(answer.body.items as { processId: string; status: string }[]));
      if (answer.body.items.length < 100) break;
    }
    return deals.sort((a, b) => a.processId.localeCompare(b.processId));
  };

  const eventually = async (what: string, check: () => Promise<boolean>, withinMs = 60_000) => {
    const deadline = Date.now() + withinMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms (seed ${seed})`);
      await sleep(250);
    }
  };

  it('killed the system several times while the load ran, and the load went on', () => {
    expect(kills).withContext(`seed ${seed}`).toBe(KILLS);
    expect(ledger.processes.length).toBeGreaterThan(10);
    expect(ledger.signed.size).toBeGreaterThan(1);
    process.stderr.write(
      `kill -9 under load: ${kills} kills, ${ledger.processes.length} processes, ${ledger.signed.size} signed, ` +
        `${ledger.acknowledged.length} commands acknowledged, ${ledger.retries} requests retried, ` +
        `${ledger.resent} commands sent again after their answer\n`,
    );
  });

  it('answers a command sent again with its key the first answer, across restarts too', () => {
    expect(ledger.resent).toBeGreaterThan(100);
    expect(ledger.resentAnsweredOtherwise).withContext(`seed ${seed}`).toEqual([]);
  });

  it('keeps every acknowledged fact where its answer said, exactly once, in chains that verify', async () => {
    for (const processId of ledger.processes) {
      const trail = await trailOf(processId);
      for (const acked of ledger.acknowledged.filter((a) => a.processId === processId)) {
        expect(trail[acked.revision]?.position).withContext(`${acked.command} of ${processId} (seed ${seed})`).toBe(acked.position);
        expect(trail[acked.revision]?.correlationId).withContext(`${acked.command} of ${processId}`).toBe(acked.key);
      }
      // Each command appends one fact, named by its key (the reactors' facts carry their cause's
      // correlation too, as the system): a retry after a kill that appended again shows here.
      const byKey = new Map<string, string[]>();
      for (const fact of trail.filter((f) => f.actor.role !== 'system' && f.correlationId !== null)) {
        byKey.set(fact.correlationId!, [...(byKey.get(fact.correlationId!) ?? []), fact.type]);
      }
      for (const [key, types] of byKey) expect(types.length).withContext(`facts of ${key} (seed ${seed})`).toBe(1);
      const count = (type: string) => trail.filter((event) => event.type === type).length;
      expect(count('SigningProcessCreated')).withContext(processId).toBe(1);
      // A signature whose answer a kill cut off may be in the log; an acknowledged one must be, once.
      expect(count('DocumentsSigned')).withContext(processId).toBeLessThanOrEqual(1);
      if (ledger.signed.has(processId)) expect(count('DocumentsSigned')).withContext(processId).toBe(1);
      expect(count('EdoAgreementAccepted')).withContext(processId).toBeLessThanOrEqual(1);
      const verification = await call('GET', `/api/deals/${processId}/trail/verification`, { token: auditor });
      expect(verification.body.valid).withContext(`${processId} (seed ${seed})`).toBeTrue();
    }
  }, 120_000);

  it('creates no process twice: one process at most per creation key sent', async () => {
    const deals = await allDeals();
    expect(deals.length).toBeGreaterThanOrEqual(ledger.processes.length);
    const processesOfKey = new Map<string, string[]>();
    for (const { processId } of deals) {
      const created = (await trailOf(processId))[0]!;
      expect(created.type).toBe('SigningProcessCreated');
      const key = created.correlationId ?? '';
      processesOfKey.set(key, [...(processesOfKey.get(key) ?? []), processId]);
    }
    for (const [key, processes] of processesOfKey) {
      expect(ledger.createKeys.has(key)).withContext(`${key} was sent (seed ${seed})`).toBeTrue();
      expect(processes.length).withContext(`processes of ${key} (seed ${seed})`).toBe(1);
    }
  }, 120_000);

  it('sends every acknowledged invitation, archives every signed process, delivers every creation to the webhook', async () => {
    await eventually('every invitation recorded as sent', async () => {
      for (const processId of ledger.processes) if (!(await trailOf(processId)).some((e) => e.type === 'SignerInvited')) return false;
      return true;
    });
    await eventually('every signed process archived', async () => {
      for (const processId of ledger.signed) if (!(await trailOf(processId)).some((e) => e.type === 'DocumentsArchived')) return false;
      return true;
    });
    await eventually('every creation delivered to the webhook', async () => {
      const delivered = new Set(receiver.delivered().map((d) => d.payload.data.deal.processId));
      return ledger.processes.every((processId) => delivered.has(processId));
    });
    expect(receiver.badSignatures).toEqual([]);
  }, 200_000);

  /** Caught up, and nothing new for 2 s: the reactors may still be catching up on the kills (invitations, archiving), and each fact they record moves the read models on. Answers the head. */
  const quiet = async (): Promise<string> => {
    let lastPosition = '';
    await eventually('the system quiet', async () => {
      const health = (await call('GET', '/api/health')).body as { projections?: { position: string; lag: number } };
      const still = health.projections?.lag === 0 && health.projections.position === lastPosition;
      lastPosition = health.projections?.position ?? '';
      if (!still) await sleep(2_000);
      return still;
    });
    return lastPosition;
  };

  const snapshot = async () => {
    const head = await call('GET', '/api/health');
    const deals = await allDeals(String(head.body.projections?.position ?? '0'));
    const stats = await call('GET', '/api/stats', { token: auditor });
    return { deals, stats: stats.body as { total: number; byStatus: Record<string, number> } };
  };

  it('answers each deal with its trail as history, and statistics that count the list', async () => {
    await quiet();
    const { deals, stats } = await snapshot();
    const byStatus: Record<string, number> = {};
    for (const deal of deals) byStatus[deal.status] = (byStatus[deal.status] ?? 0) + 1;
    expect(stats.total).withContext(`seed ${seed}`).toBe(deals.length);
    expect(Object.fromEntries(Object.entries(stats.byStatus).filter(([, n]) => n > 0)))
      .withContext(`seed ${seed}`)
      .toEqual(byStatus);
    for (const { processId } of deals) {
      const deal = await call('GET', `/api/deals/${processId}`, { token: auditor });
      const trail = await trailOf(processId);
      expect(deal.body.history)
        .withContext(`history of ${processId} (seed ${seed})`)
        .toEqual(trail.map((fact) => ({ fact: fact.type, at: fact.occurredAt, actor: { id: fact.actor.id, role: fact.actor.role } })));
    }
  }, 200_000);

  it('sends nothing twice and records nothing twice when the reactors read the whole log again', async () => {
    const head = await quiet();
    const before = await allDeals(head);
    const messages = (await call('GET', '/api/dev/outbox')).body as unknown[];
    await system!.stop('SIGTERM');
    const reads = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
    try {
      for (const name of LOG_REACTORS) await reads.saveReactorCheckpoint(name, '0');
    } finally {
      await reads.close();
    }
    await start();
    // Each reactor has read the log to the head again (its checkpoint moves past what it skips too).
    let seen: (string | null)[] = [];
    await eventually('the reactors read the log again', async () => {
      const again = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
      try {
        seen = await Promise.all(LOG_REACTORS.map((name) => again.reactorCheckpoint(name)));
        return seen.every((position) => position !== null && compareLogPositions(position, head) >= 0);
      } finally {
        await again.close();
      }
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}: checkpoints ${JSON.stringify(seen)}, head ${head}`);
    });
    // Every deal at the revision it had: no process got a fact again.
    expect(await allDeals(await quiet()))
      .withContext(`no fact recorded again (seed ${seed})`)
      .toEqual(before);
    expect(((await call('GET', '/api/dev/outbox')).body as unknown[]).length)
      .withContext('no message sent again')
      .toBe(messages.length);
  }, 200_000);

  it('holds read models equal to a clean rebuild from the log', async () => {
    await quiet();
    const before = await snapshot();
    await system!.stop('SIGTERM');
    await run(process.execPath, [REBUILD_CLI], { env: { ...process.env, ...env }, timeout: 120_000 });
    await start();
    await eventually(
      'the read models caught up after the rebuild',
      async () => (await call('GET', '/api/health')).body.projections?.lag === 0,
    );
    const after = await snapshot();
    expect(after.deals.length).toBe(before.deals.length);
    expect(after).toEqual(before);
  }, 200_000);
});
