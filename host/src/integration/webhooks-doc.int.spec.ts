import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAndOpen, login, startTestSystem, type TestSystem } from './api-test-kit.js';
import { createIntegration, until } from './webhook-test-kit.js';

const DOC = fileURLToPath(new URL('../../../docs/webhooks.md', import.meta.url));
// Beside the built specs, so that `standardwebhooks` resolves from the repository's node_modules.
const RECEIVER = fileURLToPath(new URL(`./doc-receiver-${process.pid}.mjs`, import.meta.url));

/** The ```js block after the "receiver example" marker of docs/webhooks.md. */
function receiverExample(): string {
  const text = readFileSync(DOC, 'utf8');
  const marker = text.indexOf('<!-- receiver example');
  const block = /```js\n([\s\S]*?)```/.exec(text.slice(marker));
  if (marker < 0 || !block) throw new Error('docs/webhooks.md has no receiver example');
  return block[1]!;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The receiver docs/webhooks.md shows, run as written against real deliveries. */
describe('docs/webhooks.md: the receiver example', () => {
  let system: TestSystem;
  let receiver: ChildProcess | undefined;

  beforeAll(async () => {
    system = await startTestSystem(
      {},
      { webhooks: { schedule: { delaysMs: [100], thenEveryMs: 200, giveUpAfterMs: 60_000 }, idlePollMs: 100 } },
    );
  }, 30_000);
  afterAll(async () => {
    receiver?.kill('SIGKILL');
    rmSync(RECEIVER, { force: true });
    await system.stop();
  }, 30_000);

  it('verifies every delivery, sees no gap and logs the facts in order', async () => {
    writeFileSync(RECEIVER, receiverExample());
    const admin = await login(system, 'admin');
    const port = await freePort();
    const integrationId = await createIntegration(system, 'msk');
    const created = await system.call('POST', '/api/webhooks', {
      token: admin,
      json: { integrationId, url: `http://127.0.0.1:${port}/hooks`, events: ['deal.created', 'deal.cancelled'] },
    });
    expect(created.status).toBe(201);

    const lines: Record<string, unknown>[] = [];
    receiver = spawn(process.execPath, [RECEIVER], {
      env: { ...process.env, WEBHOOK_SECRET: created.body.secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    receiver.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    });

    const manager = await login(system, 'manager');
    const { processId } = await createAndOpen(system, manager);
    const cancelled = await system.call('POST', `/api/signing-processes/${processId}/cancel`, {
      token: manager,
      json: { reason: 'Передумали' },
    });
    expect(cancelled.status).toBe(200);

    await until(() => lines.length >= 2, 'the receiver to log two facts', 20_000);
    expect(lines.map((line) => [line['type'], line['deal']])).toEqual([
      ['deal.created', processId],
      ['deal.cancelled', processId],
    ]);
    expect(lines.some((line) => 'gapAfter' in line)).toBeFalse();
  }, 40_000);
});
