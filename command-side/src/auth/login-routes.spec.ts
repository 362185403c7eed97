import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson, routerApp, sampleValue, type RunningApp } from '@e-contract/platform/testing';
import { threadMetrics } from '@e-contract/platform/metrics';
import { DEMO_CREDENTIALS_FILE, LocalUserDirectory, seedDemoUsers, type DemoCredentials } from './local-user-directory.js';
import { createLoginRoutes } from './login-routes.js';
import { verifyPassword } from './passwords.js';
import { TokenService } from '@e-contract/platform/auth';

interface LoginAnswer {
  token: string;
  user: { id: string; name: string; role: string; branchId: string | null };
}

describe('auth: POST /api/auth/login', () => {
  const tokens = new TokenService({ secret: 'a-test-secret-of-at-least-32-characters!' });
  let dataDir: string;
  let printedPassword: string;
  let server: RunningApp;
  let passwordChecks: string[];

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'auth-login-'));
    let banner = '';
    await seedDemoUsers(dataDir, undefined, { print: (text) => (banner += text) });
    printedPassword = /password for all: (\S+)/.exec(banner)?.[1] ?? '';
    passwordChecks = [];
    const checkPassword = (hash: string, password: string) => {
      passwordChecks.push(hash);
      return verifyPassword(hash, password);
    };
    // A fresh router per spec: each has its own limiter memory.
    server = await routerApp(createLoginRoutes({ users: new LocalUserDirectory(dataDir), tokens, verifyPassword: checkPassword }));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const login = (body: unknown, headers: Record<string, string> = {}) => postJson(`${server.url}/api/auth/login`, body, headers);

  it('signs in with the password the seed printed (and saved to demo-credentials.json)', async () => {
    const saved = JSON.parse(readFileSync(join(dataDir, DEMO_CREDENTIALS_FILE), 'utf8')) as DemoCredentials;
    expect(printedPassword).toBe(saved.password);

    const response = await login({ login: 'manager', password: printedPassword });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as LoginAnswer;
    const manager = await new LocalUserDirectory(dataDir).findByLogin('manager');
    expect(answer.user).toEqual({ id: manager?.id ?? '', name: 'Мария Соколова', role: 'manager', branchId: 'msk' });
    expect(await tokens.verify(answer.token)).toEqual({ id: manager?.id ?? '', name: 'Мария Соколова', role: 'manager', branchId: 'msk' });
  });

  it('answers branchId null for an auditor', async () => {
    const answer = (await (await login({ login: 'auditor', password: printedPassword })).json()) as LoginAnswer;
    expect(answer.user.branchId).toBeNull();
    expect(answer.user.role).toBe('auditor');
  });

  it('answers the same 401 for a wrong password and an unknown login, checking a hash for both', async () => {
    const wrongPassword = await login({ login: 'manager', password: 'wrong' });
    const unknownLogin = await login({ login: 'nobody', password: 'wrong' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownLogin.status).toBe(401);
    expect(await unknownLogin.json()).toEqual(await wrongPassword.json());
    expect(passwordChecks.length).toBe(2); // the unknown login cost a (dummy) verification too
    expect(passwordChecks[1]).toMatch(/^\$argon2id\$/);
  });

  it('answers 400 naming the bad fields', async () => {
    const response = await login({ login: 'manager' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; errors: { field: string }[] };
    expect(body.type).toBe('https://e-contract.dev/problems/validation');
    expect(new Set(body.errors.map((error) => error.field))).toEqual(new Set(['password']));
  });

  it('answers the 11th failed try for the same login and IP with 429 and Retry-After', async () => {
    const refusals = async () =>
      sampleValue(await threadMetrics().registry.metrics(), 'econtract_rate_limit_refusals_total', { limiter: 'login' }) ?? 0;
    const refusedBefore = await refusals();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await login({ login: 'manager', password: `wrong-${attempt}` })).status)
        .withContext(`attempt ${attempt}`)
        .toBe(401);
    }
    const limited = await login({ login: 'Manager', password: 'wrong-11' }); // the same login, spelled otherwise
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(((await limited.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/rate-limited');
    // Even the right password waits now: the budget is for this login from this address.
    expect((await login({ login: 'manager', password: printedPassword })).status).toBe(429);
    expect(await refusals()).toBe(refusedBefore + 2);
  });

  it('does not block another login from the same IP', async () => {
    for (let attempt = 1; attempt <= 11; attempt++) await login({ login: 'manager', password: 'wrong' });
    expect((await login({ login: 'manager2', password: 'wrong' })).status).toBe(401);
    expect((await login({ login: 'auditor', password: printedPassword })).status).toBe(200);
  });

  it('lets a correct password through after 5 failures, and does not count successes', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await login({ login: 'admin', password: 'wrong' });
    expect((await login({ login: 'admin', password: printedPassword })).status).toBe(200);
    for (let attempt = 1; attempt <= 6; attempt++) expect((await login({ login: 'admin', password: printedPassword })).status).toBe(200);
    // 5 failures so far: five more are still answered 401, the one after is limited.
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login({ login: 'admin', password: 'wrong' })).status).toBe(401);
    expect((await login({ login: 'admin', password: 'wrong' })).status).toBe(429);
  });
});
