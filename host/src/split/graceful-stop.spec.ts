import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signingStreamName } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { EMBEDDED_EVENT_STORE_FILE } from '@e-contract/platform/event-store/open';
import { apiClient, halfSentRequest } from './http-client.js';
import { startServiceProcess, type ServiceName } from './service-process.js';

const DEMO_PASSWORD = 'graceful-stop-password';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

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
