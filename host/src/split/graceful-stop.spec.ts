import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signingStreamName } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { EMBEDDED_EVENT_STORE_FILE } from '@e-contract/platform/event-store/open';
import { loadConfig } from '@e-contract/platform/config';
import { openReadStore } from '@e-contract/projections/service';
import { seedSigningLog } from '@e-contract/projections/testing';
import { apiClient, halfSentRequest } from './http-client.js';
import { startServiceProcess, type ServiceName } from './service-process.js';
import { PDF } from './signing-walk.js';

const DEMO_PASSWORD = 'graceful-stop-password';

/**
 * Issue 9, "Graceful life": SIGTERM stops a service within 10 s and loses no acknowledged command —
 * the requests in flight are answered, new ones get 503 (health: `stopping`), and every command
 * answered 201 is in the log, every one refused is not.
 */
for (const name of ['command-side', 'all-in-one'] satisfies ServiceName[]) {
  describe(`${name} on SIGTERM`, () => {
    let dataDir: string;

    beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), `e-contract-stop-${name}-`))));
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('answers what is in flight, refuses what comes after, stops within 10 s and keeps every acknowledged command', async () => {
      const service = await startServiceProcess(name, { DATA_DIR: dataDir, DEMO_PASSWORD });
      try {
        const call = apiClient(service.url);
        const token = (await call('POST', '/api/auth/login', { json: { login: 'manager', password: DEMO_PASSWORD } })).body.token as string;
        const document = await call('POST', '/api/documents', { token, body: PDF, headers: { 'content-type': 'application/pdf' } });
        expect(document.status).toBe(201);

        const upload = halfSentRequest(`${service.url}/api/documents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
          body: PDF,
        });
        const creates = Array.from({ length: 20 }, () => {
          const processId = randomUUID();
          return call('POST', '/api/signing-processes', { token, json: createBody(processId, document.body.documentId) }).then(
            (answer) => ({ processId, status: answer.status }),
            () => ({ processId, status: 0 }),
          );
        });
        await new Promise((resolve) => setTimeout(resolve, 30)); // the upload's first half has arrived
        const stopped = service.stop('SIGTERM');

        const health = await untilStopping(service.url);
        expect(health.status).toBe(503);
        expect(health.body.status).toBe('stopping');
        const refused = await call('POST', '/api/signing-processes', { token, json: createBody(randomUUID(), document.body.documentId) });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('1');

        const uploaded = await upload.finish();
        expect(uploaded.status).withContext(uploaded.body).toBe(201);
        const answers = await Promise.all(creates);
        const exit = await stopped;
        expect(exit.code).withContext(service.output().slice(-3000)).toBe(0);
        expect(exit.ms).toBeLessThan(10_000);

        const acknowledged = answers.filter((a) => a.status === 201);
        expect(answers.every((a) => a.status === 201 || a.status === 503))
          .withContext(JSON.stringify(answers.map((a) => a.status)))
          .toBeTrue();
        expect(acknowledged.length).toBeGreaterThan(0);
        const store = SqliteEventStore.open(join(dataDir, EMBEDDED_EVENT_STORE_FILE));
        try {
          for (const answer of answers) {
            const created = (await store.readStream(signingStreamName(answer.processId))).filter((e) => e.type === 'SigningProcessCreated');
            expect(created.length)
              .withContext(`${answer.processId} answered ${answer.status}`)
              .toBe(answer.status === 201 ? 1 : 0);
          }
        } finally {
          await store.close();
        }
      } finally {
        await service.stop('SIGKILL');
      }
    }, 30_000);
  });
}

/** Health on a connection of its own, until the service says it is stopping (it begins at once on SIGTERM). */
async function untilStopping(url: string): Promise<{ status: number; body: { status: string } }> {
  for (let i = 0; i < 100; i++) {
    const answer = await apiClient(url)('GET', '/api/health', { headers: { connection: 'close' } });
    if (answer.status === 503) return answer;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('never stopping');
}

const createBody = (processId: string, documentId: string) => ({
  processId,
  kind: 'contract',
  title: 'Договор ГПХ № 42',
  documents: [{ documentId, title: 'Договор' }],
  signer: { type: 'individual', fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+79001234567' },
});

describe('query side on SIGTERM', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'e-contract-stop-query-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers a read that waits for its write, ends the live stream, refuses new reads, and stops within 10 s', async () => {
    const env = { DATA_DIR: dataDir, DEMO_PASSWORD };
    const commandSide = await startServiceProcess('command-side', env);
    const background = await startServiceProcess('background', env);
    const querySide = await startServiceProcess('query-side', env);
    try {
      const command = apiClient(commandSide.url);
      const query = apiClient(querySide.url);
      const token = (await command('POST', '/api/auth/login', { json: { login: 'manager', password: DEMO_PASSWORD } })).body
        .token as string;
      const document = await command('POST', '/api/documents', { token, body: PDF, headers: { 'content-type': 'application/pdf' } });
      const processId = randomUUID();
      expect(
        (await command('POST', '/api/signing-processes', { token, json: createBody(processId, document.body.documentId) })).status,
      ).toBe(201);
      let deal = await query('GET', `/api/deals/${processId}`, { token });
      for (let i = 0; i < 100 && deal.body?.status !== 'invited'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        deal = await query('GET', `/api/deals/${processId}`, { token });
      }
      expect(deal.body.status).toBe('invited');

      const stream = await fetch(`${querySide.url}/api/deals/stream?access_token=${encodeURIComponent(token)}`);
      const streamEnded = stream.text();
      // A read of the next fact, which nobody has written yet: it waits (X-Min-Position) in flight.
      const next = String(BigInt(deal.body.position as string) + 1n);
      const waitingRead = query('GET', `/api/deals/${processId}`, { token, headers: { 'x-min-position': next } });
      await new Promise((resolve) => setTimeout(resolve, 100));

      const stopped = querySide.stop('SIGTERM');
      const health = await untilStopping(querySide.url);
      expect(health.body.status).toBe('stopping');
      await streamEnded; // ended by the stop, so that the browser reconnects elsewhere
      expect((await command('POST', `/api/signing-processes/${processId}/invitations`, { token })).status).toBe(202);
      const answered = await waitingRead;
      expect(answered.status).withContext(JSON.stringify(answered.body)).toBe(200);
      expect(BigInt(answered.body.position as string) >= BigInt(next)).toBeTrue();
      const exit = await stopped;
      expect(exit.code).withContext(querySide.output().slice(-3000)).toBe(0);
      expect(exit.ms).toBeLessThan(10_000);
    } finally {
      await Promise.all([querySide.stop('SIGKILL'), background.stop(), commandSide.stop()]);
    }
  }, 60_000);
});

describe('background on SIGTERM', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'e-contract-stop-background-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says stopping while its lanes finish their batches, stops within 10 s, and saved checkpoints that match what it applied', async () => {
    const events = SqliteEventStore.open(join(dataDir, EMBEDDED_EVENT_STORE_FILE));
    const seeded = await seedSigningLog(events, { processes: 8_000 });
    await events.close();

    const background = await startServiceProcess('background', { DATA_DIR: dataDir, DEMO_PASSWORD }, { answering: true });
    const stopped = background.stop('SIGTERM'); // while the read models are still catching up
    const health = await untilStopping(background.url);
    expect(health.body.status).toBe('stopping');
    const exit = await stopped;
    expect(exit.code).withContext(background.output().slice(-3000)).toBe(0);
    expect(exit.ms).toBeLessThan(10_000);

    const readStore = await openReadStore(loadConfig({ DATA_DIR: dataDir, PORT: '0' }));
    const log = SqliteEventStore.open(join(dataDir, EMBEDDED_EVENT_STORE_FILE));
    try {
      const checkpoint = await readStore.checkpoint('deals');
      expect(checkpoint).withContext('deals saved no checkpoint').not.toBeNull();
      expect(BigInt(checkpoint!) < BigInt(seeded.events))
        .withContext('stopped before the read models caught up')
        .toBeTrue();
      // Exactly the processes created at or before the saved checkpoint are in the read model.
      const createdUpTo = new Set(
        (await log.readAll())
          .filter((event) => event.type === 'SigningProcessCreated' && BigInt(event.position) <= BigInt(checkpoint!))
          .map((event) => (event.data as { processId: string }).processId),
      );
      const present = new Set((await readStore.getDeals(seeded.processIds)).map((deal) => deal.processId));
      expect(present.size).toBe(createdUpTo.size);
      expect([...present].every((id) => createdUpTo.has(id))).toBeTrue();
    } finally {
      await log.close();
      await readStore.close();
    }
  }, 90_000);
});
