import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { embedDemoHeaders, renderEmbedDemoPage } from '@e-contract/command-side';

export interface EmbedHost {
  /** `http://127.0.0.1:<port>`: another origin than the system's. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Another system's page on a loopback port of its own: the demo "customer cabinet" of
 * `/sandbox/embed-demo`, which loads the custom element from the system and frames `?embedUrl=`.
 */
export async function startEmbedHost(systemOrigin: string): Promise<EmbedHost> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, { ...embedDemoHeaders(nonce, systemOrigin), 'Content-Type': 'text/html; charset=utf-8' });
    res.end(renderEmbedDemoPage({ nonce, systemOrigin, embedUrl: url.searchParams.get('embedUrl') }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
