import type { AuthUser } from '@e-contract/platform/http';
import type { NewWebhook } from '@e-contract/projections';
import { startQueryApp, tokens as employeeTokens, type RunningQueryApp } from '../http/query-spec-kit.js';

/** The webhook reads with callers made by hand: integrations (their API keys come with the keys work) and an admin. */
describe('webhook query routes', () => {
  const integrations: Record<string, AuthUser> = {
    crm: { id: 'integration:i-crm', name: 'CRM', role: 'integration', branchId: 'msk' },
    other: { id: 'integration:i-other', name: 'Other', role: 'integration', branchId: 'spb' },
  };
  let app: RunningQueryApp;
  let admin: string;
  const webhook = (webhookId: string, integrationId: string, createdPosition: string): NewWebhook => ({
    webhookId,
    integrationId,
    branchId: integrationId === 'i-crm' ? 'msk' : 'spb',
    url: `https://${integrationId}.example/hooks`,
    events: ['*'],
    secretSealed: 'v1.sealed',
    createdAt: '2026-12-01T10:00:00.000Z',
    createdPosition,
  });

  beforeEach(async () => {
    app = await startQueryApp({
      tokens: { verify: async (token) => integrations[token] ?? employeeTokens.verify(token) },
    });
    admin = await employeeTokens.issueEmployeeToken({ id: 'admin-1', name: 'Админ', role: 'admin' });
    await app.store.webhooks.applyRegistry(
      [
        { kind: 'integration', integrationId: 'i-crm', branchId: 'msk' },
        { kind: 'integration', integrationId: 'i-other', branchId: 'spb' },
        { kind: 'webhook-created', webhook: webhook('00000000-0000-4000-8000-000000000001', 'i-crm', '10') },
        { kind: 'webhook-created', webhook: webhook('00000000-0000-4000-8000-000000000002', 'i-other', '11') },
      ],
      '11',
    );
    await app.store.webhooks.enqueue(
      '00000000-0000-4000-8000-000000000001',
      ['12', '13', '14'].map((position, index) => ({
        deliveryId: `msg_${position}`,
        webhookId: '00000000-0000-4000-8000-000000000001',
        orderKey: position.padStart(20, '0'),
        type: 'deal.created',
        position,
        previousPosition: index === 0 ? null : String(Number(position) - 1),
        body: '{}',
        replay: false,
        createdAt: '2026-12-01T10:00:01.000Z',
      })),
      { position: '14', lastMatched: '14' },
    );
  });
  afterEach(() => app.close());

  const get = async (path: string, token: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  };

  it('lists an integration its own webhooks only, an admin all of them (or one integration’s), never a secret', async () => {
    const own = await get('/api/webhooks', 'crm');
    expect(own.status).toBe(200);
    expect(own.body).toEqual([
      {
        webhookId: '00000000-0000-4000-8000-000000000001',
        integrationId: 'i-crm',
        branchId: 'msk',
        url: 'https://i-crm.example/hooks',
        events: ['*'],
        createdAt: '2026-12-01T10:00:00.000Z',
        position: '14',
        pending: 3,
        failed: 0,
      },
    ]);
    expect((await get('/api/webhooks', 'other')).body.map((w: { integrationId: string }) => w.integrationId)).toEqual(['i-other']);
    expect((await get('/api/webhooks', admin)).body.length).toBe(2);
    expect((await get('/api/webhooks?integrationId=i-other', admin)).body.map((w: { integrationId: string }) => w.integrationId)).toEqual([
      'i-other',
    ]);
    expect(JSON.stringify((await get('/api/webhooks', admin)).body)).not.toContain('sealed');
  });

  it('pages the delivery log newest first; another integration’s webhook is unknown', async () => {
    const page = await get('/api/webhooks/00000000-0000-4000-8000-000000000001/deliveries?pageSize=2', 'crm');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((d: { position: string }) => d.position)).toEqual(['14', '13']);
    expect(page.body.items[0]).toEqual({
      deliveryId: 'msg_14',
      type: 'deal.created',
      position: '14',
      previousPosition: '13',
      status: 'pending',
      attempts: 0,
      lastStatus: null,
      lastAttemptAt: null,
      nextAttemptAt: '2026-12-01T10:00:01.000Z',
      lastError: null,
      replay: false,
      createdAt: '2026-12-01T10:00:01.000Z',
    });
    expect((await get('/api/webhooks/00000000-0000-4000-8000-000000000001/deliveries', 'other')).status).toBe(404);
    expect((await get('/api/webhooks/00000000-0000-4000-8000-000000000001/deliveries', admin)).status).toBe(200);
    expect((await get('/api/webhooks/00000000-0000-4000-8000-000000000009/deliveries', admin)).status).toBe(404);
    expect((await get('/api/webhooks/00000000-0000-4000-8000-000000000001/deliveries?pageSize=101', admin)).status).toBe(400);
  });

  it('waits for X-Min-Position, then 504 when the webhooks have not reached it', async () => {
    expect((await get('/api/webhooks', 'crm', { 'X-Min-Position': '11' })).status).toBe(200);
    const behind = await get('/api/webhooks', 'crm', { 'X-Min-Position': '99' });
    expect(behind.status).toBe(504);
    expect(behind.body.behind).toEqual(['webhooks']);
    expect((await get('/api/webhooks/00000000-0000-4000-8000-000000000001/deliveries', 'crm', { 'X-Min-Position': '15' })).status).toBe(
      504,
    );
    expect((await get('/api/webhooks', 'crm', { 'X-Min-Position': 'x' })).status).toBe(400);
  });

  it('is for admins and integrations only', async () => {
    const manager = await employeeTokens.issueEmployeeToken({ id: 'm', name: 'Мария', role: 'manager', branchId: 'msk' });
    expect((await get('/api/webhooks', manager)).status).toBe(403);
    expect((await fetch(`${app.url}/api/webhooks`)).status).toBe(401);
  });
});
