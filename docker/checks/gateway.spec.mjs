/**
 * The gateway (docker/gateway/nginx.conf, rendered by render.mjs) run for real: Debian's nginx in
 * front of stand-in services on loopback ports, the way a local test of the split topology starts
 * it. Holds the routing table path by path, failover between query sides, SSE passed unbuffered,
 * the sandbox switch, the web app and its headers, body limits, rate limits and the problem+json
 * answers nginx itself gives.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RenderError, renderGatewayConfig, renderGatewayConfigFile } from '../gateway/render.mjs';
import { startFakeService, send, headerCount } from './support/http.mjs';
import { freePort, repoPath, requireTool, runTool, startProcess, temporaryDir, waitFor } from './support/tools.mjs';

/**
 * Where each path goes, derived from the routers: command-side/src/http/app.ts
 * (createCommandRouter and the route files it mounts) and query-side/src/http/query-router.ts
 * (createQueryRouter). Rows marked "API.md" name endpoints the contract lists that no router serves
 * yet; they fall under a command prefix.
 */
export const ROUTES = [
  ['POST', '/api/auth/login', 'command'],
  ['POST', '/api/signer/session', 'command'],
  ['POST', '/api/signer/link-requests', 'command'],
  ['POST', '/api/identification/callback', 'command'],
  ['POST', '/api/signing-processes', 'command'],
  ['POST', '/api/signing-processes/p-1/invitations', 'command'],
  ['POST', '/api/signing-processes/p-1/reminders', 'command'],
  ['POST', '/api/signing-processes/p-1/identification', 'command'],
  ['POST', '/api/signing-processes/p-1/edo-agreement/acceptance', 'command'],
  ['POST', '/api/signing-processes/p-1/signature-code', 'command'],
  ['POST', '/api/signing-processes/p-1/signature', 'command'],
  ['POST', '/api/signing-processes/p-1/decline', 'command'],
  ['POST', '/api/signing-processes/p-1/cancel', 'command'],
  ['POST', '/api/documents', 'command'],
  ['GET', '/api/documents/d-1', 'command'],
  ['GET', '/api/companies/7707083893', 'command'],
  ['GET', '/api/edo-agreement', 'command'],
  ['POST', '/api/admin/integrations', 'command'],
  ['GET', '/api/admin/integrations', 'command'],
  ['DELETE', '/api/admin/integrations/i-1', 'command'],
  ['POST', '/api/signing-processes/p-1/embed-session', 'command'],
  ['POST', '/api/embed/session', 'command'],
  ['GET', '/embed/sign/t-1', 'query'],
  ['GET', '/embed/identified', 'query'],
  ['GET', '/embed/e-contract-signing.js', 'query'],
  ['POST', '/api/signing-processes/batch', 'command'], // API.md
  ['GET', '/api/batches/b-1', 'command'],
  ['GET', '/api/deals?status=signed,archived&page=2', 'query'],
  ['GET', '/api/deals/p-1', 'query'],
  ['GET', '/api/deals/p-1?at=42', 'query'],
  ['GET', '/api/deals/p-1/trail', 'query'],
  ['GET', '/api/deals/p-1/trail/verification', 'query'],
  ['GET', '/api/deals/p-1/evidence?format=pdf', 'query'],
  ['GET', '/api/deals/p-1/signed-copy', 'query'], // API.md, "After signing"
  ['GET', '/api/cabinet/documents', 'query'],
  ['GET', '/api/stats?from=2026-01-01', 'query'],
  ['GET', '/api/branches', 'query'],
  ['GET', '/api/admin/projections', 'query'],
  ['POST', '/api/admin/projections/deals/rebuild', 'query'],
  ['GET', '/api/health', 'query'],
  ['POST', '/api/webhooks', 'command'],
  ['GET', '/api/webhooks', 'query'],
  ['GET', '/api/webhooks?integrationId=i-1', 'query'],
  ['DELETE', '/api/webhooks/w-1', 'command'],
  ['POST', '/api/webhooks/w-1/replay', 'command'],
  ['GET', '/api/webhooks/w-1/deliveries?page=2', 'query'],
  ['GET', '/api/openapi.json', 'command'],
  ['GET', '/api/docs', 'command'],
  ['GET', '/api/docs/swagger-ui-bundle.js', 'command'],
];
const SANDBOX_ROUTES = [
  ['GET', '/sandbox/esia?requestId=r-1'],
  ['POST', '/sandbox/esia/r-1/complete'],
  ['GET', '/api/dev/outbox?to=%2B79001234567'],
];

const ANGULAR_BUILD = repoPath('web-angular', 'dist', 'web-angular', 'browser');

describe('the gateway template (docker/gateway/render.mjs)', () => {
  it('names every missing or malformed input instead of rendering a broken config', () => {
    let error;
    try {
      renderGatewayConfig({ COMMAND_UPSTREAM: 'command-side-1', SANDBOX: 'yes', LOGIN_RATE: 'fast' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RenderError);
    expect(error.problems.join('\n')).toContain('COMMAND_UPSTREAM must list host:port');
    expect(error.problems.join('\n')).toContain('QUERY_UPSTREAM is required');
    expect(error.problems.join('\n')).toContain('WEB_ROOT is required');
    expect(error.problems.join('\n')).toContain('SANDBOX must be on or off');
    expect(error.problems.join('\n')).toContain('LOGIN_RATE must be a rate');
  });

  it("renders compose's inputs: container names as upstreams, every placeholder filled", () => {
    const { config } = renderGatewayConfig(
      {
        COMMAND_UPSTREAM: 'command-side-1:8080,command-side-2:8080',
        QUERY_UPSTREAM: 'query-side-1:8080, query-side-2:8080',
        WEB_ROOT: '/srv/web',
        RUN_DIR: '/tmp/nginx',
      },
      { dirOfOut: '/tmp/nginx' },
    );
    expect(config).not.toMatch(/\$\{[A-Z]/);
    expect(config).toContain('server query-side-1:8080 max_fails=1 fail_timeout=10s;');
    expect(config).toContain('server query-side-2:8080 max_fails=1 fail_timeout=10s;');
    expect(config).toContain('server command-side-2:8080 max_fails=1 fail_timeout=10s;');
    expect(config).toContain('listen 8080 default_server;');
    expect(config).toContain('default "off";');
  });

  it('passes `nginx -t`, with and without TLS', () => {
    const { dir, cleanUp } = temporaryDir('gateway-t-');
    try {
      const plain = renderGatewayConfigFile(path.join(dir, 'plain', 'nginx.conf'), loopbackInputs(dir, 18001, 18002));
      const plainResult = runTool('nginx', ['-t', '-e', 'stderr', '-c', plain, '-p', path.dirname(plain)]);
      expect(plainResult.status).withContext(plainResult.output).toBe(0);

      requireTool('openssl');
      const cert = path.join(dir, 'tls.crt');
      const key = path.join(dir, 'tls.key');
      const made = runTool('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ]);
      expect(made.status).withContext(made.output).toBe(0);
      const tls = renderGatewayConfigFile(path.join(dir, 'tls', 'nginx.conf'), {
        ...loopbackInputs(dir, 18001, 18002),
        TLS_LISTEN: '127.0.0.1:18443',
        TLS_CERT: cert,
        TLS_KEY: key,
      });
      expect(readFileSync(tls, 'utf8')).toContain('listen 127.0.0.1:18443 ssl http2;');
      const tlsResult = runTool('nginx', ['-t', '-e', 'stderr', '-c', tls, '-p', path.dirname(tls)]);
      expect(tlsResult.status).withContext(tlsResult.output).toBe(0);
    } finally {
      cleanUp();
    }
  });

  it("allows everything inline in the Angular build's index.html in its Content-Security-Policy", () => {
    const indexFile = path.join(ANGULAR_BUILD, 'index.html');
    if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: npm run build makes it (npm test builds first)`);
    const html = readFileSync(indexFile, 'utf8');
    const template = readFileSync(repoPath('docker', 'gateway', 'nginx.conf'), 'utf8');
    const scriptSrc = /script-src ([^;]+);/.exec(template)?.[1] ?? '';
    const handlers = [...html.matchAll(/\son[a-z]+="([^"]*)"/g)].map((match) => match[1]);
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    for (const code of [...handlers, ...inlineScripts]) {
      const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
      expect(scriptSrc)
        .withContext(`inline code ${JSON.stringify(code)}`)
        .toContain(hash);
    }
    if (handlers.length > 0) expect(scriptSrc).toContain("'unsafe-hashes'");
    if (/<style[\s>]/.test(html)) expect(template).toMatch(/style-src [^;]*'unsafe-inline'/);
  });

  it('sends the web app the same Content-Security-Policy as npm start does', async () => {
    const { WEB_APP_CSP } = await import('@e-contract/platform/http');
    const template = readFileSync(repoPath('docker', 'gateway', 'nginx.conf'), 'utf8');
    expect(template).toContain(`"${WEB_APP_CSP}"`);
  });
});

describe('the gateway run by nginx in front of stand-in services', () => {
  let dir, cleanUp, base, nginx, sandboxNginx, sandboxBase, accessLog;
  const services = {};

  beforeAll(async () => {
    requireTool('nginx');
    ({ dir, cleanUp } = temporaryDir('gateway-run-'));
    const webRoot = path.join(dir, 'web');
    mkdirSync(path.join(webRoot, 'pdfjs'), { recursive: true });
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>E-contract</title><app-root></app-root>');
    writeFileSync(path.join(webRoot, 'main-ABCDEFGH.js'), 'console.log(1);');
    writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(webRoot, 'pdfjs', 'pdf.worker.min.mjs'), 'export {};');

    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    services.command1 = await startFakeService('command-1', ports[0]);
    services.command2 = await startFakeService('command-2', ports[1]);
    services.query1 = await startFakeService('query-1', ports[2]);
    services.query2 = await startFakeService('query-2', ports[3]);

    accessLog = path.join(dir, 'access.log');
    nginx = await startGateway(path.join(dir, 'main'), {
      COMMAND_UPSTREAM: `127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}`,
      QUERY_UPSTREAM: `127.0.0.1:${ports[2]},127.0.0.1:${ports[3]}`,
      WEB_ROOT: webRoot,
      LISTEN: `127.0.0.1:${ports[4]}`,
      ACCESS_LOG: accessLog,
      WORKER_PROCESSES: '1',
      LOGIN_RATE: '1r/m',
      LOGIN_BURST: '3',
      CODE_RATE: '1r/m',
      CODE_BURST: '3',
      LINK_RATE: '1r/m',
      LINK_BURST: '3',
    });
    base = `http://127.0.0.1:${ports[4]}`;
    sandboxNginx = await startGateway(path.join(dir, 'sandbox'), {
      COMMAND_UPSTREAM: `127.0.0.1:${ports[0]}`,
      QUERY_UPSTREAM: `127.0.0.1:${ports[2]}`,
      WEB_ROOT: webRoot,
      LISTEN: `127.0.0.1:${ports[5]}`,
      ACCESS_LOG: 'off',
      WORKER_PROCESSES: '1',
      SANDBOX: 'on',
    });
    sandboxBase = `http://127.0.0.1:${ports[5]}`;
  }, 30_000);

  afterAll(async () => {
    await nginx?.stop();
    await sandboxNginx?.stop();
    for (const service of Object.values(services)) await service.stop();
    cleanUp?.();
  }, 30_000);

  it('routes every command path to the command side and every query path to the query side, the path unchanged', async () => {
    for (const [method, route, side] of ROUTES) {
      const response = await send(base, method, route, {
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(response.status).withContext(`${method} ${route}: ${response.text}`).toBe(200);
      const seen = response.json();
      expect(seen.service)
        .withContext(`${method} ${route}`)
        .toMatch(side === 'command' ? /^command-/ : /^query-/);
      expect(seen.url).withContext(`${method} ${route}`).toBe(route);
      expect(seen.method).toBe(method);
    }
  });

  it('tells the services the caller as TRUST_PROXY=1 expects, and passes a correlation id', async () => {
    const forged = (
      await send(base, 'GET', '/api/deals', { headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Correlation-Id': 'abc-123' } })
    ).json();
    expect(forged.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(forged.headers['x-real-ip']).toBe('127.0.0.1');
    expect(forged.headers['x-forwarded-proto']).toBe('http');
    expect(forged.headers['x-correlation-id']).toBe('abc-123');
    const made = (await send(base, 'GET', '/api/deals', { headers: { 'X-Correlation-Id': 'no spaces allowed' } })).json();
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('balances reads over both query sides', async () => {
    const served = new Set();
    for (let i = 0; i < 10; i++) served.add((await send(base, 'GET', '/api/stats')).json().service);
    expect([...served].sort()).toEqual(['query-1', 'query-2']);
  });

  it('passes the live stream unbuffered: the first bytes arrive before the stream ends', async () => {
    const response = await send(base, 'GET', '/api/deals/stream?access_token=secret-token', { headers: { Accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.text).toContain(': connected');
    expect(response.text).toContain('event: deal');
    expect(response.firstChunkMs).toBeLessThan(1000);
    expect(response.endMs).toBeGreaterThanOrEqual(1400);
  });

  it('never routes /metrics', async () => {
    const before = Object.values(services).reduce((sum, service) => sum + service.seen.length, 0);
    for (const route of ['/metrics', '/metrics/', '/metrics?name=x']) {
      const response = await send(base, 'GET', route);
      expect(response.status).withContext(route).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('https://e-contract.dev/problems/not-found');
    }
    expect(Object.values(services).reduce((sum, service) => sum + service.seen.length, 0)).toBe(before);
  });

  it('answers /sandbox and /api/dev 404 when the sandbox is off, and passes them on when it is on', async () => {
    for (const [method, route] of SANDBOX_ROUTES) {
      const off = await send(base, method, route, { body: method === 'POST' ? '{}' : undefined });
      expect(off.status).withContext(route).toBe(404);
      expect(off.headers['content-type']).toContain('application/problem+json');
      const on = await send(sandboxBase, method, route, { body: method === 'POST' ? '{}' : undefined });
      expect(on.status).withContext(route).toBe(200);
      expect(on.json().service).toBe('command-1');
      expect(on.json().url).toBe(route);
    }
  });

  it("serves the web app: its files, and index.html for the app's own URLs", async () => {
    for (const route of ['/', '/deals/p-1', '/sign/AAAA_bbbb-1234', '/cabinet']) {
      const page = await send(base, 'GET', route, { headers: { Accept: 'text/html' } });
      expect(page.status).withContext(route).toBe(200);
      expect(page.headers['content-type']).withContext(route).toContain('text/html');
      expect(page.text).toContain('<app-root>');
      expect(page.headers['cache-control']).withContext(route).toBe('no-cache');
    }
    const hashed = await send(base, 'GET', '/main-ABCDEFGH.js');
    expect(hashed.headers['content-type']).toContain('application/javascript');
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const worker = await send(base, 'GET', '/pdfjs/pdf.worker.min.mjs');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toContain('application/javascript');
    const missing = await send(base, 'GET', '/chunk-MISSING1.js');
    expect(missing.status).toBe(404);
  });

  it('adds the security headers, HSTS only on TLS, and leaves a CSP a service sent alone', async () => {
    const page = await send(base, 'GET', '/deals');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['server']).toBe('nginx');

    const api = await send(base, 'GET', '/api/deals');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['cache-control']).toBeUndefined();

    const own = await send(sandboxBase, 'GET', '/sandbox/esia?requestId=r-1', {
      headers: { 'x-fake-csp': "default-src 'none'; script-src 'nonce-abc'" },
    });
    expect(headerCount(own, 'content-security-policy')).toBe(1);
    expect(own.headers['content-security-policy']).toBe("default-src 'none'; script-src 'nonce-abc'");
    expect(own.headers['x-frame-options']).toBeUndefined();
  });

  it('limits bodies as API.md does: documents to 20 MB (plus multipart framing), other bodies to 6 MB', async () => {
    const twentyMegabytes = Buffer.alloc(20 * 1024 * 1024 + 4096, 0x25);
    const upload = await send(base, 'POST', '/api/documents', { headers: { 'content-type': 'application/pdf' }, body: twentyMegabytes });
    expect(upload.status).toBe(200);
    expect(upload.json().bodyBytes).toBe(twentyMegabytes.length);

    const tooLargeDocument = await send(base, 'POST', '/api/documents', {
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.alloc(22 * 1024 * 1024),
    });
    expect(tooLargeDocument.status).toBe(413);
    expect(tooLargeDocument.headers['content-type']).toContain('application/problem+json');
    expect(tooLargeDocument.json()).toEqual(jasmine.objectContaining({ type: 'https://e-contract.dev/problems/too-large', status: 413 }));

    const batch = await send(base, 'POST', '/api/signing-processes/batch', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(5 * 1024 * 1024, 0x20),
    });
    expect(batch.status).toBe(200);
    const tooLargeBatch = await send(base, 'POST', '/api/signing-processes/batch', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(7 * 1024 * 1024, 0x20),
    });
    expect(tooLargeBatch.status).toBe(413);
  }, 30_000);

  it('rate-limits logins, codes and link requests per address with 429 problem+json and Retry-After', async () => {
    for (const route of ['/api/auth/login', '/api/signing-processes/p-2/signature', '/api/signer/link-requests']) {
      let refused;
      for (let i = 0; i < 10 && !refused; i++) {
        const response = await send(base, 'POST', route, { headers: { 'content-type': 'application/json' }, body: '{}' });
        if (response.status === 429) refused = response;
        else expect(response.status).withContext(route).toBe(200);
      }
      expect(refused).withContext(`${route} was never refused`).toBeDefined();
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.json()).toEqual(
        jasmine.objectContaining({ type: 'https://e-contract.dev/problems/rate-limited', status: 429, retryAfter: 60 }),
      );
    }
    // Other paths are not limited, and a service's own 429 passes with its own Retry-After.
    expect((await send(base, 'POST', '/api/signing-processes/p-2/cancel', { body: '{}' })).status).toBe(200);
    const own = await send(base, 'POST', '/api/signer/session', { headers: { 'x-fake-status': '429' }, body: '{}' });
    expect(own.status).toBe(429);
    expect(headerCount(own, 'retry-after')).toBe(1);
    expect(own.headers['retry-after']).toBe('30');
  });

  it('keeps tokens out of its access log', async () => {
    await send(base, 'GET', '/sign/SECRET_INVITE_TOKEN');
    await waitFor('the access log', () => existsSync(accessLog) && readFileSync(accessLog, 'utf8').includes('/sign/:token'));
    const log = readFileSync(accessLog, 'utf8');
    expect(log).not.toContain('SECRET_INVITE_TOKEN');
    expect(log).not.toContain('secret-token');
    const line = JSON.parse(log.trim().split('\n').at(-1));
    expect(line).toEqual(
      jasmine.objectContaining({ msg: 'request', service: 'gateway', method: 'GET', path: '/sign/:token', status: 200 }),
    );
  });

  it('goes on through the other query side when one dies, and answers 503 problem+json when none is left', async () => {
    await services.query1.stop();
    for (let i = 0; i < 2; i++) {
      const stream = await send(base, 'GET', '/api/deals/stream?after=3&access_token=stream-secret', { headers: { 'Last-Event-ID': '5' } });
      expect(stream.status).toBe(200);
      expect(stream.text).toContain('event: deal');
    }
    // nginx's error log quotes request lines: the stream's token must not reach it.
    expect(nginx.output()).not.toContain('stream-secret');
    for (let i = 0; i < 6; i++) {
      const response = await send(base, 'GET', '/api/deals/p-1');
      expect(response.status).toBe(200);
      expect(response.json().service).toBe('query-2');
    }

    await services.command1.stop();
    await services.command2.stop();
    const down = await send(base, 'POST', '/api/signing-processes', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toContain('application/problem+json');
    expect(down.headers['retry-after']).toBe('5');
    expect(down.json()).toEqual(jasmine.objectContaining({ type: 'https://e-contract.dev/problems/unavailable', status: 503 }));
  }, 30_000);
});

function loopbackInputs(dir, commandPort, queryPort) {
  return {
    COMMAND_UPSTREAM: `127.0.0.1:${commandPort}`,
    QUERY_UPSTREAM: `127.0.0.1:${queryPort}`,
    WEB_ROOT: path.join(dir, 'web'),
    LISTEN: '127.0.0.1:18080',
    ACCESS_LOG: 'off',
  };
}

/** Renders into `runDir` and starts nginx in the foreground there; resolves once it answers. */
async function startGateway(runDir, inputs) {
  const config = renderGatewayConfigFile(path.join(runDir, 'nginx.conf'), inputs);
  const nginx = startProcess(requireTool('nginx'), ['-e', 'stderr', '-c', config, '-p', runDir]);
  const port = inputs.LISTEN.split(':').at(-1);
  try {
    await waitFor(`nginx on port ${port}`, async () => {
      if (nginx.child.exitCode !== null) throw new Error(`nginx exited: ${nginx.output()}`);
      return (await send(`http://127.0.0.1:${port}`, 'GET', '/favicon.svg')).status === 200;
    });
  } catch (error) {
    await nginx.stop();
    throw error;
  }
  return nginx;
}
