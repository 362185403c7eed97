import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { webhookSealKey, openWebhookSecret, type TokenVerifier } from '@e-contract/platform/auth';
import { appendChained } from '@e-contract/platform/event-store';
import type { AuthUser } from '@e-contract/platform/http';
import { startApp, type RunningApp } from '@e-contract/platform/testing';
import { integrationStreamName, systemActor, webhookStreamName, type RecordedEvent } from '@e-contract/contracts';
import { WebhookCommandHandler } from './webhook-command-handler.js';
import { createWebhookRoutes } from './webhook-routes.js';

/**
 * The routes at the router level with the callers made by hand — an integration acting for itself
 * included (its API key's authentication comes with the keys work) — over an embedded event store.
 */
describe('webhook command routes', () => {
  const sealKey = webhookSealKey({ inviteTokenSecret: 'z'.repeat(43) });
  const callers: Record<string, AuthUser> = {
    admin: { id: 'u-admin', name: 'Admin', role: 'admin' },
    manager: { id: 'u-m', name: 'Manager', role: 'manager', branchId: 'msk' },
    crm: { id: 'integration:i-crm', name: 'CRM', role: 'integration', branchId: 'msk' },
    other: { id: 'integration:i-other', name: 'Other', role: 'integration', branchId: 'spb' },
  };
  const tokens: TokenVerifier = { verify: async (token) => callers[token] ?? Promise.reject(new Error('bad token')) };
  let store: SqliteEventStore;
  let app: RunningApp;

  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    for (const [integrationId, branchId] of [
      ['i-crm', 'msk'],
      ['i-other', 'spb'],
    ] as const) {
      await appendChained(store, integrationStreamName(integrationId), {
        decide: () => ({
          append: [
            {
              type: 'IntegrationCreated',
              data: {
                integrationId,
                name: integrationId,
                branchId,
                allowedOrigins: [],
                keySha256: '0'.repeat(64),
                keyPrefix: 'ec_',
                expiresAt: null,
              },
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
    }
    app = await startApp((express) =>
      express.use(
        createWebhookRoutes({
          handler: new WebhookCommandHandler(store, () => new Date('2026-12-01T10:00:00.000Z')),
          eventStore: store,
          tokens,
          sealKey,
          policy: { allowLoopback: true },
        }),
      ),
    );
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const call = async (method: string, path: string, caller?: string, body?: unknown) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(caller ? { authorization: `Bearer ${caller}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const facts = async (webhookId: string): Promise<RecordedEvent[]> => store.readStream(webhookStreamName(webhookId));

  it('lets an integration create a webhook for itself: the fact carries its actor and the secret only sealed', async () => {
    const created = await call('POST', '/api/webhooks', 'crm', {
      url: 'http://127.0.0.1:9/hooks',
      events: ['deal.signed', 'deal.signed', 'deal.archived'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      jasmine.objectContaining({ integrationId: 'i-crm', events: ['deal.signed', 'deal.archived'], createdAt: '2026-12-01T10:00:00.000Z' }),
    );
    const [fact] = await facts(created.body.webhookId);
    expect(fact!.type).toBe('WebhookCreated');
    expect(fact!.metadata.actor).toEqual({ id: 'integration:i-crm', role: 'integration' });
    expect(JSON.stringify(fact)).not.toContain(created.body.secret.slice(6));
    const data = fact!.data as { secretSealed: string; startsAfter: string | null };
    expect(openWebhookSecret(data.secretSealed, sealKey, created.body.webhookId)).toBe(created.body.secret);
    expect(data.startsAfter).toMatch(/^\d+$/);
  });

  it('refuses an integration acting for another one, and a manager; an admin must name the integration', async () => {
    const body = { url: 'http://127.0.0.1:9/hooks', events: ['*'] };
    expect((await call('POST', '/api/webhooks', 'crm', { ...body, integrationId: 'i-other' })).status).toBe(403);
    expect((await call('POST', '/api/webhooks', 'manager', { ...body, integrationId: 'i-crm' })).status).toBe(403);
    expect((await call('POST', '/api/webhooks', undefined, body)).status).toBe(401);
    const unnamed = await call('POST', '/api/webhooks', 'admin', body);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].field).toBe('integrationId');
    expect((await call('POST', '/api/webhooks', 'admin', { ...body, integrationId: 'i-other' })).status).toBe(201);
  });

  it("answers another integration's webhook as unknown; its owner deletes it and asks for replays", async () => {
    const created = await call('POST', '/api/webhooks', 'crm', { url: 'http://127.0.0.1:9/hooks', events: ['*'] });
    const id = created.body.webhookId as string;
    expect((await call('POST', `/api/webhooks/${id}/replay`, 'other', { after: '0' })).status).toBe(404);
    expect((await call('DELETE', `/api/webhooks/${id}`, 'other')).status).toBe(404);
    const replay = await call('POST', `/api/webhooks/${id}/replay`, 'crm', { after: 3 });
    expect(replay).toEqual({ status: 202, body: { webhookId: id, after: '3', position: jasmine.stringMatching(/^\d+$/) } });
    expect((await call('POST', `/api/webhooks/${id}/replay`, 'crm', { after: '-1' })).status).toBe(400);
    expect((await call('DELETE', `/api/webhooks/${id}`, 'crm')).status).toBe(204);
    expect((await facts(id)).map((fact) => fact.type)).toEqual(['WebhookCreated', 'WebhookReplayRequested', 'WebhookDeleted']);
    expect((await call('DELETE', `/api/webhooks/not-a-uuid`, 'admin')).status).toBe(404);
  });
});
