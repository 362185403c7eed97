import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  integrationStreamName,
  signingStreamName,
  systemActor,
  webhookStreamName,
  type IntegrationCreatedData,
  type WebhookCreatedData,
} from '@e-contract/contracts';
import { signingProcess } from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { loadOrCreateSecrets, newWebhookSecret, sealWebhookSecret, webhookSealKey } from '@e-contract/platform/auth';
import { appendChained } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { eventually } from '@e-contract/platform/testing';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import { WebhookReceiver } from './integration/webhook-receiver.js';

const MAIN = fileURLToPath(new URL('./background-main.js', import.meta.url));

/**
 * The background process killed for real (SIGKILL) while a webhook delivery is in flight — its
 * receiver holds the request and never answers — then started again: the delivery goes out again
 * with the same `webhook-id` (at least once), and nothing was lost.
 */
describe('webhook delivery across a kill -9 of the background process', () => {
  let dataDir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore | undefined;
  let child: ChildProcess | undefined;
  const receiver = new WebhookReceiver();

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-webhook-kill-'));
    events = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    await receiver.start();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await receiver.stop();
    await reads?.close();
    await events.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startBackground = (): ChildProcess => {
    const started = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        EVENTSTORE_URL: '',
        MONGODB_URL: '',
        LOG_LEVEL: 'warn',
        PORT: '0',
        INVITE_TOKEN_SECRET: '',
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
  const append = (streamId: string, type: string, data: unknown) =>
    appendChained(events, streamId, {
      decide: () => ({
        append: [
          {
            type,
            data,
            context: {
              actor: systemActor('spec'),
              occurredAt: new Date().toISOString(),
              ip: null,
              userAgent: null,
              correlationId: null,
              causationId: null,
            },
          },
        ],
        outcome: () => undefined,
      }),
    });

  it('sends the delivery that was in flight again, with the same webhook-id, after a restart', async () => {
    // The secrets the background will use (the embedded default generates them into DATA_DIR once).
    const secrets = loadOrCreateSecrets(dataDir, {}, false);
    const integrationId = randomUUID();
    const integration: IntegrationCreatedData = {
      integrationId,
      name: 'CRM',
      branchId: 'msk',
      allowedOrigins: [],
      keySha256: '0'.repeat(64),
      keyPrefix: 'ec_x',
      expiresAt: null,
    };
    await append(integrationStreamName(integrationId), 'IntegrationCreated', integration);
    const webhookId = randomUUID();
    receiver.secret = newWebhookSecret();
    const created: WebhookCreatedData = {
      webhookId,
      integrationId,
      url: receiver.url,
      events: ['deal.created', 'deal.cancelled'],
      secretSealed: sealWebhookSecret(receiver.secret, webhookSealKey(secrets), webhookId),
      startsAfter: await events.headPosition(),
    };
    await append(webhookStreamName(webhookId), 'WebhookCreated', created);
    const processId = randomUUID();
    const facts = signingProcess({ processId, branchId: 'msk' });
    const stream = processStream([facts.created(), facts.cancelled()], { processId });
    await events.appendToStream(
      signingStreamName(processId),
      stream.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
      'no_stream',
    );

    // The receiver takes the first request and never answers it.
    receiver.behaviour = (n) => (n === 0 ? 'hang' : 200);
    child = startBackground();
    await eventually(() => receiver.received.length === 1, 20_000, 'the first delivery to be in flight');
    child.kill('SIGKILL');
    expect((await exited(child)).signal).toBe('SIGKILL');
    const inFlight = receiver.received[0]!;
    expect(inFlight.answered).toBe('hung');
    expect(inFlight.payload.type).toBe('deal.created');

    reads = new SqliteReadStore(join(dataDir, 'read-models.sqlite'));
    const pending = await reads.webhooks.nextPending(webhookId);
    expect(pending).toEqual(jasmine.objectContaining({ deliveryId: inFlight.id, status: 'pending', attempts: 0 }));

    child = startBackground();
    await eventually(() => receiver.delivered().length === 2, 20_000, 'the deliveries after the restart');
    expect(receiver.badSignatures).toEqual([]);
    const [again, next] = receiver.delivered();
    expect(again!.id).toBe(inFlight.id);
    expect(again!.body).toBe(inFlight.body);
    expect(next!.payload.type).toBe('deal.cancelled');
    expect(next!.payload.data.previousPosition).toBe(inFlight.payload.data.position);
    await eventually(async () => (await reads!.webhooks.countByStatus(webhookId)).succeeded === 2, 10_000, 'both recorded as succeeded');

    child.kill('SIGTERM');
    expect((await exited(child)).code).toBe(0);
  }, 90_000);
});
