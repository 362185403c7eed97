import { randomUUID } from 'node:crypto';
import { authOf } from '../http/auth-context.js';
import { authenticate, authenticateBeforeBody, requireRole } from './authenticate.js';
import { startApp, type RunningApp } from '../testing/http-test-kit.js';
import { TokenService } from './tokens.js';

const tokens = new TokenService({ secret: 'a-test-secret-of-at-least-32-characters!' });
const manager = { id: randomUUID(), name: 'Мария Соколова', role: 'manager' as const, branchId: 'msk' };
const auditor = { id: randomUUID(), name: 'Елена Кузнецова', role: 'auditor' as const };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('auth: authenticate and requireRole (HTTP)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp((app) => {
      app.get('/api/me', authenticate(tokens), (_req, res) => {
        res.json(authOf(res));
      });
      app.get('/api/managers-only', authenticate(tokens), requireRole('manager'), (_req, res) => {
        res.json({ ok: true });
      });
      app.get('/api/deals/stream', authenticate(tokens, { allowQueryToken: true }), (_req, res) => {
        res.json(authOf(res));
      });
      app.post('/api/commands', ...authenticateBeforeBody(tokens), (req, res) => {
        res.json({ received: req.body as unknown });
      });
    });
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('answers 401 problem+json without a token', async () => {
    const response = await get('/api/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await response.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/unauthorized');
  });

  it('answers 401 for another scheme or a token signed with another secret', async () => {
    expect((await get('/api/me', { authorization: 'Basic bWFuYWdlcjpwdw==' })).status).toBe(401);
    const foreign = await new TokenService({ secret: 'another-secret-of-at-least-32-characters' }).issueEmployeeToken(manager);
    expect((await get('/api/me', bearer(foreign))).status).toBe(401);
  });

  it('answers 401 for an expired token', async () => {
    const yesterday = new TokenService({
      secret: 'a-test-secret-of-at-least-32-characters!',
      now: () => new Date(Date.now() - 24 * 3600_000),
    });
    expect((await get('/api/me', bearer(await yesterday.issueEmployeeToken(manager)))).status).toBe(401);
  });

  it('puts the caller on res.locals.auth for a valid token (scheme name in any case)', async () => {
    const response = await get('/api/me', { authorization: `bearer ${await tokens.issueEmployeeToken(manager)}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: manager.id, name: manager.name, role: 'manager', branchId: 'msk' });
  });

  it('answers 403 for a role that is not listed, and lets a listed one through', async () => {
    const refused = await get('/api/managers-only', bearer(await tokens.issueEmployeeToken(auditor)));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/forbidden');
    expect((await get('/api/managers-only', bearer(await tokens.issueEmployeeToken(manager)))).status).toBe(200);
  });

  it('accepts ?access_token= only where allowed (the deals stream)', async () => {
    const token = await tokens.issueEmployeeToken(auditor);
    const streamed = await get(`/api/deals/stream?access_token=${token}`);
    expect(streamed.status).toBe(200);
    expect(((await streamed.json()) as { id: string }).id).toBe(auditor.id);
    expect((await get(`/api/me?access_token=${token}`)).status).toBe(401);
    expect((await get('/api/deals/stream?access_token=forged')).status).toBe(401);
  });

  it('checks the token before the body: 401 before 400', async () => {
    const malformed = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"broken',
      });
    expect((await malformed({})).status).toBe(401);
    expect((await malformed(bearer(await tokens.issueEmployeeToken(manager)))).status).toBe(400);
  });

  it('parses the JSON body after authenticating', async () => {
    const response = await fetch(`${server.url}/api/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await tokens.issueEmployeeToken(manager)) },
      body: JSON.stringify({ reason: 'передумали' }),
    });
    expect(await response.json()).toEqual({ received: { reason: 'передумали' } });
  });
});
