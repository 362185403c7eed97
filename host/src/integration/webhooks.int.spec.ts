import { latestCode, login, startTestSystem, untilCodeSent, createAndOpen, type TestSystem } from './api-test-kit.js';
import { WebhookReceiver, type ReceivedWebhook } from './webhook-receiver.js';
import { createIntegration, until } from './webhook-test-kit.js';

/**
 * Webhooks end to end over HTTP (API.md, "Webhooks (Standard Webhooks 1.0)"): `npm start`'s
 * composition with a short retry schedule, receivers on loopback ports that verify every signature
 * with the `standardwebhooks` package.
 */
describe('integration: webhooks', () => {
  let system: TestSystem;
  let admin: string;
  let manager: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    system = await startTestSystem(
      {},
      {
        webhooks: {
          schedule: { delaysMs: [150, 300], thenEveryMs: 400, giveUpAfterMs: 60_000 },
          timeoutMs: 1_500,
          idlePollMs: 100,
          retry: { initialDelayMs: 50, maxDelayMs: 500 },
        },
      },
    );
    admin = await login(system, 'admin');
    manager = await login(system, 'manager');
  }, 30_000);
  afterAll(async () => {
    for (const receiver of receivers) await receiver.stop();
    await system.stop();
  }, 30_000);

  const receiver = async (): Promise<WebhookReceiver> => {
    const made = new WebhookReceiver();
    await made.start();
    receivers.push(made);
    return made;
  };

  /** A webhook of a new integration of `branchId`, its secret handed to `to`. */
  const webhookFor = async (to: WebhookReceiver, branchId = 'msk', events: string[] = ['*']) => {
    const integrationId = await createIntegration(system, branchId);
    const created = await system.call('POST', '/api/webhooks', { token: admin, json: { integrationId, url: to.url, events } });
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    to.secret = created.body.secret;
    return { integrationId, webhookId: created.body.webhookId as string, created };
  };

  const types = (received: readonly ReceivedWebhook[]) => received.map((r) => r.payload.type);

  /** Signs a process all the way (it is archived by itself after). */
  const signedProcess = async () => {
    const opened = await untilCodeSent(system, manager);
    const signed = await system.call('POST', `/api/signing-processes/${opened.processId}/signature`, {
      token: opened.signerToken,
      json: { code: await latestCode(system) },
    });
    expect(signed.status).toBe(200);
    return opened.processId;
  };

  it('delivers each status change of its branch, signed, in log order, chained by previousPosition, retrying failures with the same id', async () => {
    const to = await receiver();
    // The first two deliveries fail: they are retried with the same webhook-id and nothing is skipped.
    to.behaviour = (n) => (n < 2 ? 500 : 204);
    const { webhookId, created } = await webhookFor(to);
    expect(created.body).toEqual({
      webhookId: jasmine.stringMatching(/^[0-9a-f-]{36}$/),
      integrationId: jasmine.any(String),
      url: to.url,
      events: ['*'],
      secret: jasmine.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      createdAt: jasmine.stringMatching(/Z$/),
      position: jasmine.stringMatching(/^\d+$/),
    });

    // Another branch's process is not delivered; a re-sent invitation changes no status.
    await createAndOpen(system, await login(system, 'manager2'));
    const processId = await signedProcess();
    const reinvited = await system.call('POST', `/api/signing-processes/${processId}/invitations`, { token: manager });
    expect(reinvited.status).toBe(409); // signed: nothing to re-send; no fact, nothing delivered

    await until(() => types(to.delivered()).includes('deal.archived'), 'deal.archived to arrive');
    expect(to.badSignatures).toEqual([]);
    const delivered = to.delivered();
    expect(types(delivered)).toEqual([
      'deal.created',
      'deal.invited',
      'deal.identifying',
      'deal.identified',
      'deal.edo_accepted',
      'deal.code_sent',
      'deal.signed',
      'deal.archived',
    ]);
    for (const [index, one] of delivered.entries()) {
      expect(one.payload.data.deal.processId).toBe(processId);
      expect(one.payload.data.deal.status).toBe(one.payload.type.slice('deal.'.length));
      expect(one.payload.data.previousPosition).toBe(index === 0 ? null : delivered[index - 1]!.payload.data.position);
      expect(one.payload.timestamp).toBe((one.payload.data.deal as unknown as { updatedAt: string }).updatedAt);
    }
    // At least once: the failed ones came again with the same id, and then got through.
    expect(to.received[0]!.answered).toBe(500);
    expect(to.received[1]!.id).toBe(to.received[0]!.id);
    expect(to.received[2]!.id).toBe(to.received[0]!.id);
    expect(to.received[2]!.answered).toBe(204);
    // The body's deal is the deal as GET /api/deals/:id shows it after that fact.
    const deal = await system.call('GET', `/api/deals/${processId}`, { token: manager });
    expect(delivered.at(-1)!.payload.data.deal).toEqual(deal.body);

    const log = await system.call('GET', `/api/webhooks/${webhookId}/deliveries?pageSize=100`, { token: admin });
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(8);
    expect(log.body.items.map((item: { type: string }) => item.type)).toEqual(types(delivered).reverse());
    expect(log.body.items.at(-1)).toEqual(
      jasmine.objectContaining({ deliveryId: to.received[0]!.id, status: 'succeeded', attempts: 3, lastStatus: 204, nextAttemptAt: null }),
    );

    const list = await system.call('GET', '/api/webhooks', { token: admin });
    const listed = (list.body as { webhookId: string }[]).find((item) => item.webhookId === webhookId);
    expect(listed).toEqual(jasmine.objectContaining({ url: to.url, events: ['*'], pending: 0, failed: 0 }));
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  }, 30_000);

  it('replays from a position: the same bodies again, in order, with new webhook-ids; from before its creation too', async () => {
    const first = await receiver();
    const { webhookId } = await webhookFor(first, 'msk', ['deal.created', 'deal.signed', 'deal.archived']);
    const processId = await signedProcess();
    await until(() => types(first.delivered()).includes('deal.archived'), 'the first deliveries');
    const original = first.delivered().filter((r) => r.payload.data.deal.processId === processId);
    expect(types(original)).toEqual(['deal.created', 'deal.signed', 'deal.archived']);

    const replay = await system.call('POST', `/api/webhooks/${webhookId}/replay`, {
      token: admin,
      json: { after: original[0]!.payload.data.position },
    });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ webhookId, after: original[0]!.payload.data.position, position: jasmine.stringMatching(/^\d+$/) });
    await until(() => first.delivered().length === original.length + 2, 'the replayed copies');
    const copies = first.delivered().slice(original.length);
    expect(copies.map((c) => c.body)).toEqual(original.slice(1).map((o) => o.body));
    expect(copies.map((c) => c.id)).not.toContain(original[1]!.id);
    const log = await system.call('GET', `/api/webhooks/${webhookId}/deliveries`, {
      token: admin,
      headers: { 'X-Min-Position': replay.body.position },
    });
    expect(log.body.items.slice(0, 2).map((item: { replay: boolean }) => item.replay)).toEqual([true, true]);

    // A webhook created afterwards gets nothing of the past, until it asks for it.
    const later = await receiver();
    const { webhookId: laterId } = await webhookFor(later, 'msk', ['deal.created', 'deal.signed', 'deal.archived']);
    const fromStart = await system.call('POST', `/api/webhooks/${laterId}/replay`, { token: admin, json: { after: '0' } });
    expect(fromStart.status).toBe(202);
    await until(
      () => later.delivered().some((r) => r.payload.data.position === original.at(-1)!.payload.data.position),
      'the replay from the start',
    );
    const past = later.delivered();
    expect(past.every((r) => r.payload.data.deal.branchId === 'msk')).toBeTrue();
    // previousPosition of a fact from before the creation: the previous matching fact in the log.
    for (const [index, one] of past.entries()) {
      expect(one.payload.data.previousPosition).toBe(index === 0 ? null : past[index - 1]!.payload.data.position);
    }
    const positions = past.map((r) => BigInt(r.payload.data.position));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    const sameFact = past.find((r) => r.payload.data.position === original[1]!.payload.data.position)!;
    expect(sameFact.payload.data.deal).toEqual(original[1]!.payload.data.deal);
    expect(later.badSignatures).toEqual([]);
  }, 30_000);

  it('a receiver down for a while gets every missed fact in order once it is back, without anyone doing anything', async () => {
    const to = await receiver();
    const { webhookId } = await webhookFor(to, 'msk', ['deal.created', 'deal.cancelled']);
    await to.stop();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { processId } = await createAndOpen(system, manager);
      const cancelled = await system.call('POST', `/api/signing-processes/${processId}/cancel`, {
        token: manager,
        json: { reason: 'Передумали' },
      });
      expect(cancelled.status).toBe(200);
      made.push(processId);
    }
    // It is tried and refused a few times meanwhile.
    await until(async () => {
      const log = await system.call('GET', `/api/webhooks/${webhookId}/deliveries`, { token: admin });
      return log.body.items.some(
        (item: { attempts: number; lastError: string | null }) => item.attempts >= 2 && item.lastError === 'connection refused',
      );
    }, 'failed attempts while the receiver is down');
    await to.start();
    await until(() => to.delivered().length === 6, 'every missed delivery');
    const delivered = to.delivered();
    expect(delivered.map((r) => `${r.payload.type} ${r.payload.data.deal.processId}`)).toEqual(
      made.flatMap((processId) => [`deal.created ${processId}`, `deal.cancelled ${processId}`]),
    );
    for (const [index, one] of delivered.entries()) {
      expect(one.payload.data.previousPosition).toBe(index === 0 ? null : delivered[index - 1]!.payload.data.position);
    }
  }, 30_000);

  it('a receiver that never answers slows neither commands nor other webhooks', async () => {
    const stuck = await receiver();
    stuck.behaviour = () => 'hang';
    const healthy = await receiver();
    await webhookFor(stuck, 'msk', ['deal.created', 'deal.cancelled']);
    await webhookFor(healthy, 'msk', ['deal.created', 'deal.cancelled']);
    const { processId } = await createAndOpen(system, manager);
    await until(() => stuck.received.some((r) => r.answered === 'hung'), 'the stuck receiver to hold a request');
    // While it holds it: commands are answered, and the other webhook gets what follows.
    const cancelled = await system.call('POST', `/api/signing-processes/${processId}/cancel`, {
      token: manager,
      json: { reason: 'Ошибка' },
    });
    expect(cancelled.status).toBe(200);
    const next = await createAndOpen(system, manager);
    expect(next.created.status).toBe(201);
    await until(() => healthy.delivered().some((r) => r.payload.data.deal.processId === next.processId), 'the healthy webhook');
    expect(types(healthy.delivered().filter((r) => r.payload.data.deal.processId === processId))).toEqual([
      'deal.created',
      'deal.cancelled',
    ]);
    expect(stuck.received.every((r) => r.answered === 'hung')).toBeTrue();
    expect(new Set(stuck.received.map((r) => r.payload.type))).toEqual(new Set(['deal.created']));
  }, 30_000);

  it('refuses URLs that are not https or that point at loopback, private or link-local addresses (422 naming url)', async () => {
    const integrationId = await createIntegration(system, 'msk');
    for (const url of [
      'http://example.com/hooks',
      'ftp://127.0.0.1/hooks',
      'http://10.0.0.7/hooks',
      'https://10.1.2.3/hooks',
      'https://192.168.0.10/hooks',
      'https://172.16.5.4/hooks',
      'https://169.254.169.254/latest/meta-data',
      'https://[fe80::1]/hooks',
      'https://[fd00::1]/hooks',
      'https://[::ffff:10.0.0.1]/hooks',
      'https://user:pass@127.0.0.1/hooks',
    ]) {
      const refused = await system.call('POST', '/api/webhooks', { token: admin, json: { integrationId, url, events: ['*'] } });
      expect(refused.status).withContext(url).toBe(422);
      expect(refused.body.type).withContext(url).toBe('https://e-contract.dev/problems/webhook-url-refused');
      expect(refused.body.errors.map((e: { field: string }) => e.field))
        .withContext(url)
        .toEqual(['url']);
    }
    const malformed = await system.call('POST', '/api/webhooks', {
      token: admin,
      json: { integrationId, url: 'https://127.0.0.1/h', events: ['deal.nope'] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['events[0]']);
  }, 30_000);

  it('is for admins and integrations only; a deleted webhook is gone', async () => {
    const to = await receiver();
    const integrationId = await createIntegration(system, 'msk');
    expect((await system.call('POST', '/api/webhooks', { json: { integrationId, url: to.url, events: ['*'] } })).status).toBe(401);
    expect(
      (await system.call('POST', '/api/webhooks', { token: manager, json: { integrationId, url: to.url, events: ['*'] } })).status,
    ).toBe(403);
    expect((await system.call('GET', '/api/webhooks', { token: manager })).status).toBe(403);
    const unknown = await system.call('POST', '/api/webhooks', {
      token: admin,
      json: { integrationId: 'no-such', url: to.url, events: ['*'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('integrationId');

    const { webhookId, created } = await webhookFor(to);
    const listed = await system.call('GET', `/api/webhooks?integrationId=${created.body.integrationId}`, {
      token: admin,
      headers: { 'X-Min-Position': created.body.position },
    });
    expect(listed.body.map((w: { webhookId: string }) => w.webhookId)).toEqual([webhookId]);
    expect((await system.call('DELETE', `/api/webhooks/${webhookId}`, { token: admin })).status).toBe(204);
    expect((await system.call('DELETE', `/api/webhooks/${webhookId}`, { token: admin })).status).toBe(404);
    expect((await system.call('POST', `/api/webhooks/${webhookId}/replay`, { token: admin, json: { after: '0' } })).status).toBe(404);
    await until(
      async () => (await system.call('GET', `/api/webhooks/${webhookId}/deliveries`, { token: admin })).status === 404,
      'the deletion to be read',
    );
    const after = await system.call('GET', `/api/webhooks?integrationId=${created.body.integrationId}`, { token: admin });
    expect(after.body).toEqual([]);
    expect((await system.call('POST', `/api/webhooks/${webhookId}/replay`, { token: admin, json: { after: 'x' } })).status).toBe(400);
  }, 30_000);
});
