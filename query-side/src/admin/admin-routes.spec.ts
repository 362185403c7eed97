import { AUDITOR, ADMIN, MANAGER_MSK, bearer, problemOf, startQueryApp, type RunningQueryApp } from '../http/query-spec-kit.js';

describe('query-side: admin projections', () => {
  let app: RunningQueryApp;

  beforeEach(async () => {
    app = await startQueryApp();
  });
  afterEach(() => app.close());

  const rebuild = async (name: string, caller = ADMIN as Parameters<typeof bearer>[0]) =>
    fetch(`${app.url}/api/admin/projections/${name}/rebuild`, { method: 'POST', headers: await bearer(caller) });

  it('lists each read model with name, position, lag and status', async () => {
    const response = await app.get('/api/admin/projections', ADMIN);
    expect(response.status).toBe(200);
    const rows = (await response.json()) as { name: string; position: string; lag: number; status: string }[];
    expect(rows.map((row) => row.name)).toEqual(['deals', 'audit_trail', 'cabinet', 'stats']);
    expect(rows[0]).toEqual({ name: 'deals', position: '10', lag: 0, status: 'live' });
  });

  it('starts a rebuild: 202, and the list shows it rebuilding', async () => {
    const response = await rebuild('deals');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ name: 'deals', status: 'rebuilding' });
    expect(app.admin.rebuilt).toEqual(['deals']);
    const rows = (await (await app.get('/api/admin/projections', ADMIN)).json()) as { name: string; status: string }[];
    expect(rows.find((row) => row.name === 'deals')?.status).toBe('rebuilding');
  });

  it('answers 409 while the read model is already being rebuilt', async () => {
    expect((await rebuild('stats')).status).toBe(202);
    const again = await rebuild('stats');
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toBe('https://e-contract.dev/problems/rebuild-in-progress');
  });

  it('answers 409 when the runner reports a rebuild that started meanwhile', async () => {
    spyOn(app.admin, 'rebuild').and.rejectWith(Object.assign(new Error('busy'), { name: 'RebuildInProgress' }));
    expect((await rebuild('deals')).status).toBe(409);
  });

  it('answers 404 for an unknown read model', async () => {
    const response = await rebuild('nonsense');
    expect(response.status).toBe(404);
    expect((await problemOf(response)).type).toBe('https://e-contract.dev/problems/not-found');
    expect(app.admin.rebuilt).toEqual([]);
  });

  it('is for admins only: 403 for a manager, an auditor and a signer; 401 without a token', async () => {
    for (const caller of [MANAGER_MSK, AUDITOR, { signerOf: 'p1' }]) {
      expect((await app.get('/api/admin/projections', caller)).status).toBe(403);
      expect((await rebuild('deals', caller)).status).toBe(403);
    }
    expect((await app.get('/api/admin/projections')).status).toBe(401);
    expect((await fetch(`${app.url}/api/admin/projections/deals/rebuild`, { method: 'POST' })).status).toBe(401);
    expect(app.admin.rebuilt).toEqual([]);
  });
});
