import express from 'express';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMetrics, httpMetrics, type ThreadMetrics } from '@e-contract/platform/metrics';
import { eventually, parseMetricSamples } from '@e-contract/platform/testing';
import { serveWebApp } from './web-app.js';

const INDEX = '<!doctype html><html lang="ru"><body><app-root></app-root></body></html>';

async function start(app: express.Express): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** An app as the all-in-one composes it: API routes first, then the web app, then /api's 404. */
function appWith(browserDir: string, metrics?: ThreadMetrics): express.Express {
  const app = express();
  if (metrics) app.use(httpMetrics(metrics));
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  serveWebApp(app, browserDir);
  app.use('/api', (_req, res) => {
    res.status(404).type('application/problem+json').json({ status: 404 });
  });
  return app;
}

describe('serveWebApp', () => {
  let dir: string;
  let url: string;
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'web-app-spec-'));
    writeFileSync(path.join(dir, 'index.html'), INDEX);
    writeFileSync(path.join(dir, 'main-57HYI3TI.js'), 'console.log(1);');
    writeFileSync(path.join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
    mkdirSync(path.join(dir, 'media'));
    writeFileSync(path.join(dir, 'media', 'pt-sans-cyrillic-400-normal-26UNVWBW.woff2'), Buffer.from([1, 2, 3]));
    ({ url, server } = await start(appWith(dir)));
  });

  afterAll(async () => {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (pathname: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') =>
    fetch(`${url}${pathname}`, { headers: { accept } });

  it('serves index.html at the root, revalidated on every use', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
  });

  it("serves index.html for the app's own URLs (deep links)", async () => {
    for (const pathname of [
      '/deals',
      '/deals/4b1c6f0e-8a43-4e5b-9c43-0d7f0e2b9a11/trail',
      '/sign/AbC-_123',
      '/cabinet/x?identification=r1',
    ]) {
      const response = await get(pathname);
      expect(response.status).withContext(pathname).toBe(200);
      expect(await response.text())
        .withContext(pathname)
        .toBe(INDEX);
    }
  });

  it('caches hashed files for a year', async () => {
    const script = await get('/main-57HYI3TI.js', '*/*');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const font = await get('/media/pt-sans-cyrillic-400-normal-26UNVWBW.woff2', '*/*');
    expect(font.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates files whose names carry no hash', async () => {
    const favicon = await get('/favicon.ico', 'image/*');
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('cache-control')).toBe('no-cache');
  });

  it('leaves /api/ and /sandbox/ alone', async () => {
    expect(await (await get('/api/health', 'application/json')).json()).toEqual({ status: 'ok' });
    const unknownApi = await get('/api/nothing-here');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/sandbox/unknown')).status).toBe(404);
  });

  it('answers 404, not the page, for a missing file or a request that does not accept HTML', async () => {
    expect((await get('/chunk-OLDOLD12.js', '*/*')).status).toBe(404);
    expect((await get('/deals', 'application/json')).status).toBe(404);
    expect((await fetch(`${url}/deals`, { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('mounts nothing when the build is absent (the API still answers)', async () => {
    const missing = appWith(path.join(dir, 'no-such-build'));
    const started = await start(missing);
    try {
      expect((await fetch(`${started.url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
      expect((await fetch(`${started.url}/api/health`)).status).toBe(200);
    } finally {
      await close(started.server);
    }
  });

  it('is one route, "/*web", in the request metrics — files and pages alike — and leaves the API its own routes', async () => {
    const metrics = createMetrics();
    const counted = await start(appWith(dir, metrics));
    try {
      for (const pathname of [
        '/main-57HYI3TI.js',
        '/sign/AbCdEf0123456789',
        '/deals/3f2c8a4e-9b1d-4c6e-8f00-5a7d2e9b1c44',
        '/api/health',
        '/api/nothing',
      ])
        await fetch(`${counted.url}${pathname}`, { headers: { accept: 'text/html' } });
      const counts = async () =>
        parseMetricSamples(await metrics.registry.metrics()).filter((sample) => sample.name === 'http_request_duration_seconds_count');
      await eventually(async () => (await counts()).reduce((sum, sample) => sum + sample.value, 0) === 5);
      const routes = (await counts()).map(({ labels, value }) => `${labels['route']} ${labels['status']} ${value}`);
      expect(routes).toEqual(jasmine.arrayWithExactContents(['/*web 200 3', '/api/health 200 1', 'unmatched 404 1']));
    } finally {
      await close(counted.server);
    }
  });
});
