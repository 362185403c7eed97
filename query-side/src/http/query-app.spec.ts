import { AUDITOR, startQueryApp, type RunningQueryApp } from './query-spec-kit.js';

describe('query-side: createQueryApp', () => {
  let app: RunningQueryApp;

  beforeAll(async () => {
    app = await startQueryApp();
  });
  afterAll(() => app.close());

  it('answers unknown /api paths 404 problem+json, with a correlation id', async () => {
    const response = await app.get('/api/nothing-here', AUDITOR);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('authenticates before routing within its paths (401 even for an unknown one)', async () => {
    expect((await app.get('/api/deals/x/evidence')).status).toBe(401);
    expect((await app.get('/api/deals/x/evidence', AUDITOR)).status).toBe(404);
  });

  it('marks its reads as not to be cached', async () => {
    const response = await app.get('/api/deals', AUDITOR);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
