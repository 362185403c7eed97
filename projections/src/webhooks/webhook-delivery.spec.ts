import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
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
import { sealWebhookSecret, newWebhookSecret, webhookSealKey } from '@e-contract/platform/auth';
import { appendChained } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { eventually } from '@e-contract/platform/testing';
import { SqliteReadStore } from '../read-store/sqlite-read-store.js';
import type { AttemptResult } from './delivery-schedule.js';
import { startWebhookDelivery, type RunningWebhookDelivery, type WebhookDeliveryOptions } from './webhook-delivery.js';

/** The delivery worker over real embedded stores, with a transport of the spec's own or a real poster. */
describe('webhook delivery (worker)', () => {
  const secrets = { inviteTokenSecret: 'a-spec-secret-that-is-long-enough-0123456789' };
  const context = () => ({
    actor: systemActor('spec'),
    occurredAt: new Date().toISOString(),
    ip: null,
    userAgent: null,
    correlationId: null,
    causationId: null,
  });
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let running: RunningWebhookDelivery | null = null;

  beforeEach(() => {
    events = SqliteEventStore.open(':memory:');
    reads = new SqliteReadStore(':memory:');
  });
  afterEach(async () => {
    await running?.close();
    running = null;
    await reads.close();
    await events.close();
  });

  const append = (streamId: string, type: string, data: unknown) =>
    appendChained(events, streamId, {
      decide: () => ({ append: [{ type, data, context: context() }], outcome: (result) => result.position }),
    });

  const webhook = async (url: string, branchId = 'msk'): Promise<string> => {
    const integrationId = randomUUID();
    const integration: IntegrationCreatedData = {
      integrationId,
      name: 'CRM',
      branchId,
      allowedOrigins: [],
      keySha256: '0'.repeat(64),
      keyPrefix: 'ec_x',
      expiresAt: null,
    };
    await append(integrationStreamName(integrationId), 'IntegrationCreated', integration);
    const webhookId = randomUUID();
    const created: WebhookCreatedData = {
      webhookId,
      integrationId,
      url,
      events: ['*'],
      secretSealed: sealWebhookSecret(newWebhookSecret(), webhookSealKey(secrets), webhookId),
      startsAfter: await events.headPosition(),
    };
    await append(webhookStreamName(webhookId), 'WebhookCreated', created);
    return webhookId;
  };

  /** A process of the branch, created and cancelled: two deliveries. */
  const cancelledProcess = async (branchId = 'msk') => {
    const processId = randomUUID();
    const facts = signingProcess({ processId, branchId });
    const stream = processStream([facts.created(), facts.cancelled()], { processId });
    await events.appendToStream(
      signingStreamName(processId),
      stream.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
      'no_stream',
    );
    return processId;
  };

  const start = (options: WebhookDeliveryOptions, production = false) => {
    running = startWebhookDelivery(
      { eventStore: events, store: reads.webhooks, secrets, policy: { allowLoopback: !production }, logger: pino({ level: 'silent' }) },
      { idlePollMs: 20, retry: { initialDelayMs: 20, maxDelayMs: 100 }, ...options },
    );
  };

  it('marks a delivery failed once the schedule is used up, then the next one goes', async () => {
    const calls: { id: string; type: string }[] = [];
    let failFirst: string | null = null;
    const transport = {
      async post(_url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
        const id = headers['webhook-id']!;
        failFirst ??= id;
        calls.push({ id, type: (JSON.parse(body) as { type: string }).type });
        return id === failFirst ? { answered: true, status: 503 } : { answered: true, status: 200 };
      },
    };
    const webhookId = await webhook('https://receiver.example/hooks');
    await cancelledProcess();
    start({ transport, schedule: { delaysMs: [10, 20], thenEveryMs: 30, giveUpAfterMs: 100 } });

    await eventually(async () => (await reads.webhooks.countByStatus(webhookId)).succeeded === 1, 5_000, 'the second delivery');
    expect(await reads.webhooks.countByStatus(webhookId)).toEqual({ pending: 0, succeeded: 1, failed: 1 });
    const firstAttempts = calls.filter((call) => call.id === failFirst);
    expect(firstAttempts.length).toBeGreaterThan(2);
    // In order: every attempt of the first came before the second was tried.
    expect(calls.findIndex((call) => call.id !== failFirst)).toBe(firstAttempts.length);
    expect(calls.map((call) => call.type)).toEqual([...firstAttempts.map(() => 'deal.created'), 'deal.cancelled']);
    const [latest, failed] = (await reads.webhooks.deliveries(webhookId, { page: 1, pageSize: 10 })).items;
    expect(failed).toEqual(jasmine.objectContaining({ status: 'failed', lastStatus: 503, lastError: 'HTTP 503', nextAttemptAt: null }));
    expect(latest).toEqual(jasmine.objectContaining({ status: 'succeeded', attempts: 1, previousPosition: failed!.position }));
  });

  it('in production refuses at connect time a host name that resolves to loopback (DNS rebinding): nothing reaches it', async () => {
    let reached = 0;
    const server: Server = createServer((_req, res) => {
      reached += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      // Accepted when it was created (a public address then); now the name points at 127.0.0.1.
      const webhookId = await webhook(`http://receiver.example:${port}/hooks`);
      await cancelledProcess();
      start(
        {
          schedule: { delaysMs: [10], thenEveryMs: 10, giveUpAfterMs: 60_000 },
          lookup: (_hostname, options, callback) =>
            options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
        },
        true,
      );
      await eventually(async () => ((await reads.webhooks.nextPending(webhookId))?.attempts ?? 0) >= 2, 5_000, 'refused attempts');
      const pending = (await reads.webhooks.nextPending(webhookId))!;
      expect(pending.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
      expect(pending.lastStatus).toBeNull();
      expect(reached).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('runs no lane for a deleted webhook, and delivers only its branch', async () => {
    const posts: string[] = [];
    const transport = {
      async post(url: string): Promise<AttemptResult> {
        posts.push(url);
        return { answered: true, status: 200 };
      },
    };
    const kept = await webhook('https://kept.example/hooks');
    const gone = await webhook('https://gone.example/hooks');
    await append(webhookStreamName(gone), 'WebhookDeleted', { webhookId: gone });
    await cancelledProcess('spb');
    await cancelledProcess('msk');
    start({ transport });
    await eventually(async () => (await reads.webhooks.countByStatus(kept)).succeeded === 2, 5_000, 'the kept webhook');
    expect(running!.lanes()).toEqual([kept]);
    expect(new Set(posts)).toEqual(new Set(['https://kept.example/hooks']));
    expect(posts.length).toBe(2);
  });
});
