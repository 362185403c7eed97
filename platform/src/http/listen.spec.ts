import { loadConfig } from '@e-contract/platform/config';
import { closeServer, listen } from './listen.js';

describe('server start-up', () => {
  it('answers 503 with Retry-After until the app is attached, then the app answers', async () => {
    const { server, internalUrl, attach } = await listen(loadConfig({ PORT: '0', DATA_DIR: '/tmp/unused-e-contract' }));
    try {
      const early = await fetch(`${internalUrl}/api/health`);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      expect(early.headers.get('content-type')).toContain('application/problem+json');
      attach((_req, res) => res.end('ready'));
      expect(await (await fetch(`${internalUrl}/api/health`)).text()).toBe('ready');
    } finally {
      await closeServer(server);
    }
  });
});
