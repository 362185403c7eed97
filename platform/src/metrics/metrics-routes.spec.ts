import type { Request } from 'express';
import { loadConfig } from '../config/config.js';
import { startApp, type RunningApp } from '../testing/http-test-kit.js';
import { metricsAccess } from './metrics-access.js';
import { createMetricsRoutes } from './metrics-routes.js';

const TOKEN = 'scrape-token-0123456789abcdef';
const REMOTE = '203.0.113.7';

describe('GET /metrics access', () => {
  let app: RunningApp | undefined;
  afterEach(() => app?.close());

  /** A service on 127.0.0.1 configured by `env`; `X-Forwarded-For` says a remote caller is behind the proxy. */
  const serve = async (env: Record<string, string>) => {
    const config = loadConfig({ DATA_DIR: '/tmp', ...env });
    app = await startApp((server) => {
      server.set('trust proxy', config.trustProxy);
      server.use(createMetricsRoutes({ service: 'spec', config }));
    });
    return app.url;
  };
  const scrape = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/metrics`, { headers });

  it('serves the Prometheus text format to a loopback caller', async () => {
    const answer = await scrape(await serve({}));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await answer.text();
    expect(text).toContain('# TYPE econtract_signing_facts_total counter');
    expect(text).toMatch(/econtract_build_info\{service="spec",version="[^"]+"\} 1/);
  });

  it('refuses a remote caller with the 404 problem of a path that does not exist', async () => {
    const answer = await scrape(await serve({ TRUST_PROXY: 'loopback' }), { 'x-forwarded-for': REMOTE });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(await answer.json()).toEqual(jasmine.objectContaining({ type: 'https://e-contract.dev/problems/not-found', status: 404 }));
  });

  it('honours X-Forwarded-For only when TRUST_PROXY trusts the proxy', async () => {
    // Not trusted: the caller is the loopback proxy itself, whatever the header claims.
    expect((await scrape(await serve({}), { 'x-forwarded-for': REMOTE })).status).toBe(200);
    await app?.close();
    app = undefined;
    expect((await scrape(await serve({ TRUST_PROXY: '1' }), { 'x-forwarded-for': REMOTE })).status).toBe(404);
  });

  it('serves a remote caller that brings METRICS_TOKEN, and refuses a wrong or missing one', async () => {
    const url = await serve({ TRUST_PROXY: 'loopback', METRICS_TOKEN: TOKEN });
    const remote = { 'x-forwarded-for': REMOTE };
    expect((await scrape(url, { ...remote, authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await scrape(url, { ...remote, authorization: `bearer ${TOKEN}` })).status).toBe(200);
    expect((await scrape(url, { ...remote, authorization: `Bearer ${TOKEN}x` })).status).toBe(404);
    expect((await scrape(url, { ...remote, authorization: TOKEN })).status).toBe(404);
    expect((await scrape(url, remote)).status).toBe(404);
  });

  it('serves the addresses and ranges METRICS_ALLOW names, and no others', async () => {
    const url = await serve({ TRUST_PROXY: 'loopback', METRICS_ALLOW: '198.51.100.9, 203.0.113.0/28' });
    expect((await scrape(url, { 'x-forwarded-for': REMOTE })).status).toBe(200);
    expect((await scrape(url, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(200);
    expect((await scrape(url, { 'x-forwarded-for': '203.0.113.17' })).status).toBe(404);
    expect((await scrape(url, { 'x-forwarded-for': '198.51.100.10' })).status).toBe(404);
  });
});

describe('metricsAccess', () => {
  const request = (ip: string | undefined, authorization?: string) =>
    ({ ip, get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined) }) as unknown as Request;
  const settings = { metricsToken: null, metricsAllow: ['10.0.0.0/8', 'fd00::/8'] };

  it('takes 127.0.0.0/8, ::1 and IPv4-mapped loopback as loopback', () => {
    const mayRead = metricsAccess({ metricsToken: null, metricsAllow: [] });
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(mayRead(request(ip)))
        .withContext(ip)
        .toBeTrue();
    for (const ip of ['10.0.0.1', '::2', '::ffff:10.0.0.1', 'fe80::1', undefined])
      expect(mayRead(request(ip)))
        .withContext(String(ip))
        .toBeFalse();
  });

  it('matches allowed ranges in both families, IPv4-mapped addresses as IPv4', () => {
    const mayRead = metricsAccess(settings);
    for (const ip of ['10.20.30.40', '::ffff:10.20.30.40', 'fd12::5'])
      expect(mayRead(request(ip)))
        .withContext(ip)
        .toBeTrue();
    for (const ip of ['11.0.0.1', 'fe00::1'])
      expect(mayRead(request(ip)))
        .withContext(ip)
        .toBeFalse();
  });
});
