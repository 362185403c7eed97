import { WEB_APP_CSP } from '@e-contract/platform/http';
import { createAndOpen, login, startTestSystem, type TestSystem } from './api-test-kit.js';

/** npm start serves browsers itself: every answer carries the headers the production gateway adds. */
describe('integration: security headers of npm start', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  }, 30_000);
  afterAll(() => system.stop());

  const headersOf = async (path: string, token?: string) => (await system.call('GET', path, token ? { token } : {})).headers;

  it('sends the web app policy, nosniff, no framing and no referrer on pages, API answers and errors', async () => {
    for (const path of ['/', '/cabinet', '/api/health', '/api/no-such-endpoint', '/api/deals']) {
      const headers = await headersOf(path);
      expect(headers.get('content-security-policy')).withContext(path).toBe(WEB_APP_CSP);
      expect(headers.get('x-content-type-options')).withContext(path).toBe('nosniff');
      expect(headers.get('x-frame-options')).withContext(path).toBe('DENY');
      expect(headers.get('referrer-policy')).withContext(path).toBe('no-referrer');
      expect(headers.get('permissions-policy')).withContext(path).toContain('camera=()');
      expect(headers.get('strict-transport-security')).withContext(path).toBeNull(); // plain http here
    }
  });

  it('lets a route that needs another policy keep its own: an uploaded document runs sandboxed, the sandbox page uses nonces', async () => {
    const manager = await login(system, 'manager');
    const { documentId } = await createAndOpen(system, manager, { phone: '+79005550151' });
    expect((await headersOf(`/api/documents/${documentId}`, manager)).get('content-security-policy')).toBe('sandbox');
    expect((await headersOf('/sandbox/esia?requestId=x')).get('content-security-policy')).toMatch(/script-src 'nonce-/);
  });
});
