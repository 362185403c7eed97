import { request } from 'node:http';
import { loadConfig } from '@e-contract/platform/config';
import { closeServer, listen } from './listen.js';

const config = () => loadConfig({ PORT: '0', DATA_DIR: '/tmp/unused-e-contract' });

describe('a service on its port', () => {
  it('answers 503 with Retry-After until the app is attached (health in its own shape), then the app answers', async () => {
    const { server, internalUrl, attach } = await listen(config());
    try {
      const early = await fetch(`${internalUrl}/api/deals`);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      expect(early.headers.get('content-type')).toContain('application/problem+json');
      const health = await fetch(`${internalUrl}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual(jasmine.objectContaining({ status: 'starting' }));
      attach((_req, res) => res.end('ready'));
      expect(await (await fetch(`${internalUrl}/api/health`)).text()).toBe('ready');
    } finally {
      await closeServer(server);
    }
  });

  it('stopping: answers the request in flight, refuses new ones with 503 (health: stopping), ends live streams, then closes', async () => {
    const { server, port, internalUrl, attach } = await listen(config());
    let answerSlow: () => void = () => undefined;
    attach((req, res) => {
      if (req.url === '/slow') {
        answerSlow = () => res.end('slow answered');
      } else if (req.url === '/stream') {
        res.setHeader('Content-Type', 'text/event-stream'); // as Express sets it
        res.write(': hello\n\n');
      } else {
        res.end('fast');
      }
    });
    const slow = fetch(`${internalUrl}/slow`).then((res) => res.text());
    const stream = await fetch(`${internalUrl}/stream`);
    const streamEnded = stream.text();
    await waitUntil(() => answerSlow.toString().includes('slow answered'));

    let stopped = false;
    const stopping = closeServer(server).then(() => (stopped = true));
    const health = await get(port, '/api/health');
    expect(health.status).toBe(503);
    expect(health.headers['connection']).toBe('close');
    expect(JSON.parse(health.body)).toEqual(jasmine.objectContaining({ status: 'stopping' }));
    const refused = await get(port, '/anything');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toEqual(jasmine.objectContaining({ title: 'Stopping', status: 503 }));
    expect(await streamEnded).toContain(': hello');
    expect(stopped).withContext('waits for the request in flight').toBeFalse();

    answerSlow();
    expect(await slow).toBe('slow answered');
    await stopping;
    await expectAsync(fetch(`${internalUrl}/fast`)).toBeRejected();
  });

  it('stopping: gives up on a request that outlasts the grace period', async () => {
    const { server, internalUrl, attach } = await listen(config());
    attach(() => undefined); // never answers
    const hanging = fetch(`${internalUrl}/hangs`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = Date.now();
    await closeServer(server, 200);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await hanging).toEqual(jasmine.any(Error));
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition never held');
}

/** A request on a connection of its own (fetch may reuse a kept-alive one). */
function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
