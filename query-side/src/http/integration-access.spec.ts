import { Router } from 'express';
import { requireRole } from '@e-contract/platform/auth';
import type { Deal } from '@e-contract/projections';
import { INTEGRATION_MSK, MANAGER_SPB, dealOf, problemOf, startQueryApp, type RunningQueryApp } from './query-spec-kit.js';

/**
 * An integration (an API key) acts as a manager of its branch on the reads API.md lists for it
 * ("Integrations": the deals — list, one, stream — and the stats) and is refused (403) elsewhere.
 */
describe('query-side: an integration', () => {
  let app: RunningQueryApp;
  const own = dealOf({ title: 'Договор из CRM', externalId: 'CRM-42' } as Partial<Deal>);
  const manual = dealOf({ title: 'Договор менеджера' });
  const elsewhere = dealOf({
    branchId: 'spb',
    manager: { id: MANAGER_SPB.id, name: MANAGER_SPB.name },
    externalId: 'CRM-42',
  } as Partial<Deal>);

  beforeAll(async () => {
    // As query-router mounts them: the evidence routes check their own roles (auditors, admins).
    const evidenceRoutes = Router().get('/api/deals/:id/trail', requireRole('auditor', 'admin'), (_req, res) => void res.json([]));
    app = await startQueryApp({ evidenceRoutes });
    app.store.put(own, manual, elsewhere);
  });
  afterAll(() => app.close());

  it("lists its branch's deals only, and finds one by externalId", async () => {
    const all = (await (await app.get('/api/deals', INTEGRATION_MSK)).json()) as { items: Deal[] };
    expect(all.items.map((deal) => deal.processId).sort()).toEqual([own.processId, manual.processId].sort());
    expect(app.store.lastDealQuery?.branchId).toBe('msk');
    const found = (await (await app.get('/api/deals?externalId=CRM-42', INTEGRATION_MSK)).json()) as { items: Deal[] };
    expect(found.items.map((deal) => [deal.processId, deal.externalId])).toEqual([[own.processId, 'CRM-42']]);
    expect(app.store.lastDealQuery).toEqual(jasmine.objectContaining({ branchId: 'msk', externalId: 'CRM-42' }));
  });

  it('refuses another branch in the list (403) and answers its deal as unknown (404)', async () => {
    const list = await app.get('/api/deals?branchId=spb', INTEGRATION_MSK);
    expect([list.status, (await problemOf(list)).type]).toEqual([403, 'https://e-contract.dev/problems/forbidden']);
    expect((await app.get(`/api/deals/${elsewhere.processId}`, INTEGRATION_MSK)).status).toBe(404);
    expect((await app.get(`/api/deals/${own.processId}`, INTEGRATION_MSK)).status).toBe(200);
  });

  it('reads the stats of its branch only', async () => {
    expect((await app.get('/api/stats', INTEGRATION_MSK)).status).toBe(200);
    expect(app.store.lastStatsQuery?.branchId).toBe('msk');
    expect((await app.get('/api/stats?branchId=spb', INTEGRATION_MSK)).status).toBe(403);
  });

  it('opens the live stream of its branch', async () => {
    const controller = new AbortController();
    const response = await fetch(`${app.url}/api/deals/stream?access_token=ec_0f8fad5bd9cb469fa16570867728950e_${'k'.repeat(43)}`, {
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    controller.abort();
  });

  it('is refused the trail, the cabinet and the operations (403)', async () => {
    for (const path of [`/api/deals/${own.processId}/trail`, '/api/cabinet/documents', '/api/admin/projections']) {
      const response = await app.get(path, INTEGRATION_MSK);
      expect(response.status).withContext(path).toBe(403);
    }
  });
});
