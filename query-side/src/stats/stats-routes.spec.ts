import { stats } from '@e-contract/contracts/testing';
import { ADMIN, AUDITOR, MANAGER_MSK, badFieldsOf, startQueryApp, type RunningQueryApp } from '../http/query-spec-kit.js';

describe('query-side: GET /api/stats', () => {
  let app: RunningQueryApp;

  beforeAll(async () => {
    app = await startQueryApp();
    app.store.statsAnswer = stats();
  });
  afterAll(() => app.close());

  it('answers the read store’s statistics for the range, a date-only `to` covering its day', async () => {
    const response = await app.get('/api/stats?from=2026-11-01&to=2026-11-30', AUDITOR);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(app.store.statsAnswer);
    expect(app.store.lastStatsQuery).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' });
  });

  it('leaves an absent range open, and passes branchId for an auditor or admin', async () => {
    expect((await app.get('/api/stats', ADMIN)).status).toBe(200);
    expect(app.store.lastStatsQuery).toEqual({});
    expect((await app.get('/api/stats?branchId=spb&from=2026-11-01T10:00:00Z', AUDITOR)).status).toBe(200);
    expect(app.store.lastStatsQuery).toEqual({ branchId: 'spb', from: '2026-11-01T10:00:00.000Z' });
  });

  it('limits a manager to their branch (403 for another)', async () => {
    expect((await app.get('/api/stats', MANAGER_MSK)).status).toBe(200);
    expect(app.store.lastStatsQuery).toEqual({ branchId: 'msk' });
    expect((await app.get('/api/stats?branchId=spb', MANAGER_MSK)).status).toBe(403);
  });

  it('answers 400 naming bad dates', async () => {
    for (const [query, fields] of [
      ['?from=2026-11-31', ['from']],
      ['?to=soon', ['to']],
      ['?from=2026-11-01T25:00:00Z&to=2026-11-1', ['from', 'to']],
      ['?from=2026-11-30&to=2026-11-01', ['to']],
    ] as const) {
      const response = await app.get(`/api/stats${query}`, AUDITOR);
      expect(response.status).withContext(query).toBe(400);
      expect(await badFieldsOf(response))
        .withContext(query)
        .toEqual([...fields]);
    }
  });

  it('refuses signers (403) and anonymous callers (401)', async () => {
    expect((await app.get('/api/stats', { signerOf: 'p1' })).status).toBe(403);
    expect((await app.get('/api/stats')).status).toBe(401);
  });
});
