import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { apiClient, type ApiCall } from '../split/http-client.js';
import { freePort, startServiceProcess, type ServiceProcess } from '../split/service-process.js';
import { PDF, loginAs } from '../split/signing-walk.js';

const DEMO_PASSWORD = 'batch-kill-password';
const ROWS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A batch survives a crash: the whole system (`npm start`'s all-in-one process) is killed with
 * SIGKILL while a batch is half done and started again over the same DATA_DIR; the batch resumes
 * by itself and ends with every item created exactly once (no item twice, none lost), each
 * `externalId` held by its own item's process.
 */
describe('kill -9 during a batch', () => {
  let dataDir: string;
  let system: ServiceProcess | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-batch-kill-'));
  });
  afterAll(async () => {
    await system?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes the batch after a restart and creates every item exactly once', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, DEMO_PASSWORD, NODE_ENV: 'development', LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
    system = await startServiceProcess('all-in-one', env, { port, readyWithinMs: 60_000 });
    let call: ApiCall = apiClient(system.url);
    let token = await loginAs(call, 'manager', DEMO_PASSWORD);
    const document = await call('POST', '/api/documents', { token, body: PDF, headers: { 'content-type': 'application/pdf' } });
    const items = Array.from({ length: ROWS }, (_, n) => ({
      kind: 'act',
      title: `Акт № ${n + 1}`,
      documents: [{ documentId: document.body.documentId, title: 'Акт' }],
      signer: {
        type: 'individual',
        fullName: 'Морозов Сергей Николаевич',
        inn: withInnCheckDigits(`77${String(30_000_000 + n).slice(-8)}`),
        phone: `+7902${String(1_000_000 + n).slice(-7)}`,
      },
      externalId: `kill-${n}`,
    }));
    const accepted = await call('POST', '/api/signing-processes/batch', { token, json: { items } });
    expect(accepted.status).toBe(202);
    const batchPath = `/api/batches/${accepted.body.batchId}`;

    // Killed once some items have an outcome and before all do.
    let before = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(20)) {
      const status = await call('GET', batchPath, { token });
      before = status.body.created + status.body.failed.length;
      if (before > 0) break;
    }
    await system.stop('SIGKILL');
    expect(before).withContext('items done before the kill').toBeLessThan(ROWS);

    system = await startServiceProcess('all-in-one', env, { port, readyWithinMs: 60_000 });
    call = apiClient(system.url);
    token = await loginAs(call, 'manager', DEMO_PASSWORD);
    let status = (await call('GET', batchPath, { token })).body;
    for (const deadline = Date.now() + 60_000; !status.done && Date.now() < deadline; await sleep(100)) {
      status = (await call('GET', batchPath, { token })).body;
    }
    expect(status.done).withContext(JSON.stringify(status).slice(0, 500)).toBeTrue();
    expect(status.failed).toEqual([]);
    expect(status.created).toBe(ROWS);
    expect(new Set(status.processIds).size).toBe(ROWS);

    // The board holds exactly these processes: none created twice under another id.
    let deals = await call('GET', '/api/deals?pageSize=100', { token });
    for (const deadline = Date.now() + 10_000; deals.body.total < ROWS && Date.now() < deadline; await sleep(100)) {
      deals = await call('GET', '/api/deals?pageSize=100', { token });
    }
    expect(deals.body.total).toBe(ROWS);
    for (const n of [0, Math.floor(ROWS / 2), ROWS - 1]) {
      const found = await call('GET', `/api/deals?externalId=kill-${n}`, { token });
      expect(found.body.items.map((deal: { processId: string }) => deal.processId)).toEqual([status.items[n].processId]);
    }
  }, 180_000);
});
