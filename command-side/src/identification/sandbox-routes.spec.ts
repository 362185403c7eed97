import express from 'express';
import { TEST_PERSONAS } from '../registries/test-personas.js';
import { startSpecApp, type SpecHttpApp } from '../registries/spec-http-app.js';
import { verifyCallbackSignature, type SignatureCheck } from './callback-signature.js';
import { createSandboxRoutes } from './sandbox-routes.js';

interface ReceivedCallback {
  body: unknown;
  contentType: string | undefined;
  check: SignatureCheck;
}

const REUSED_PROBLEM = {
  type: 'https://e-contract.dev/problems/request-reused',
  title: 'Conflict',
  status: 409,
  detail: 'requestId already used',
};

describe('Identification: sandbox routes', () => {
  const secret = 'sandbox-secret';
  let callback: SpecHttpApp;
  let sandbox: SpecHttpApp;
  let received: ReceivedCallback[];
  let seen: Set<string>;

  beforeAll(async () => {
    // A tiny stand-in of POST /api/identification/callback: checks the signature over the raw
    // bytes, refuses a reused requestId with 409, as the real endpoint does.
    callback = await startSpecApp((app) =>
      app.post('/api/identification/callback', express.raw({ type: 'application/json' }), (req, res) => {
        const raw = req.body as Buffer;
        const check = verifyCallbackSignature(secret, req.get('X-Signature'), raw, Math.floor(Date.now() / 1000));
        const body = JSON.parse(raw.toString('utf8')) as { requestId: string };
        received.push({ body, contentType: req.get('Content-Type'), check });
        if (!check.ok) return void res.status(401).type('application/problem+json').json({ status: 401, title: 'Unauthorized' });
        if (seen.has(body.requestId)) return void res.status(409).type('application/problem+json').send(JSON.stringify(REUSED_PROBLEM));
        seen.add(body.requestId);
        res.status(204).end();
      }),
    );
    sandbox = await startSpecApp((app) =>
      app.use(createSandboxRoutes({ callbackUrl: `${callback.baseUrl}/api/identification/callback`, secret, personas: TEST_PERSONAS })),
    );
  });
  afterAll(async () => {
    await sandbox.close();
    await callback.close();
  });
  beforeEach(() => {
    received = [];
    seen = new Set();
  });

  const complete = (requestId: string, body: unknown, base = sandbox.baseUrl) =>
    fetch(`${base}/sandbox/esia/${encodeURIComponent(requestId)}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const romashkaDirector = TEST_PERSONAS.find((p) => p.id === 'director-romashka');
  const personOf = (p = romashkaDirector) => ({ fullName: p?.fullName, inn: p?.inn, snils: p?.snils, confirmed: p?.confirmed });

  it('renders the page with every persona, self-contained, under a nonce CSP', async () => {
    const answer = await fetch(`${sandbox.baseUrl}/sandbox/esia?requestId=r-page&returnUrl=${encodeURIComponent('/cabinet?x=1')}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    const html = await answer.text();
    expect(html).toContain('Госуслуги — песочница');
    expect(html).toContain('name="viewport"');
    for (const persona of TEST_PERSONAS) {
      expect(html).withContext(persona.id).toContain(persona.fullName);
      expect(html).withContext(persona.id).toContain(persona.inn);
    }
    expect(html).toContain('Отказаться / ошибка идентификации');
    expect(html).toContain('учётная запись подтверждена');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('"returnUrl":"/cabinet?x=1"');
  });

  it('escapes a hostile requestId everywhere and drops an off-site returnUrl', async () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const answer = await fetch(
      `${sandbox.baseUrl}/sandbox/esia?requestId=${encodeURIComponent(hostile)}&returnUrl=${encodeURIComponent('//evil.example/')}`,
    );
    const html = await answer.text();
    expect(answer.status).toBe(200);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u003cscript\\u003ealert(1)');
    expect(html).toContain('"returnUrl":null');
    expect(html).not.toContain('evil.example');
  });

  it('answers a 400 page when requestId is missing', async () => {
    const answer = await fetch(`${sandbox.baseUrl}/sandbox/esia`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(await answer.text()).toContain('requestId');
  });

  it('completes with a correctly signed success callback and answers after it', async () => {
    const answer = await complete('r-success', { person: personOf() });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ requestId: 'r-success', result: 'success', callbackStatus: 204 });
    expect(received.length).toBe(1);
    expect(received[0]?.check).toEqual({ ok: true });
    expect(received[0]?.contentType).toContain('application/json');
    expect(received[0]?.body).toEqual({ requestId: 'r-success', result: 'success', person: personOf() });
  });

  it('sends a signed failure with its reason', async () => {
    const answer = await complete('r-failure', { result: 'failure', reason: 'Отказ пользователя' });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { result: string }).result).toBe('failure');
    expect(received[0]?.check).toEqual({ ok: true });
    expect(received[0]?.body).toEqual({ requestId: 'r-failure', result: 'failure', reason: 'Отказ пользователя' });
  });

  it('passes the callback 409 for a reused requestId through unchanged', async () => {
    expect((await complete('r-reused', { person: personOf() })).status).toBe(200);
    const again = await complete('r-reused', { person: personOf() });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await again.json()).toEqual(REUSED_PROBLEM);
  });

  it('answers 400 naming person.inn for a bad person, without calling back', async () => {
    const answer = await complete('r-bad', { person: { ...personOf(), inn: '12345' } });
    expect(answer.status).toBe(400);
    const problem = (await answer.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['person.inn']);
    expect(received.length).toBe(0);
  });

  it('answers 400 naming every missing person field when the body has no person', async () => {
    const answer = await complete('r-empty', {});
    const problem = (await answer.json()) as { errors: { field: string }[] };
    expect(answer.status).toBe(400);
    expect(new Set(problem.errors.map((e) => e.field))).toEqual(new Set(['person.fullName', 'person.inn', 'person.confirmed']));
  });

  it('answers 502 when the callback cannot be reached', async () => {
    const offline = await startSpecApp((app) =>
      app.use(
        createSandboxRoutes({
          callbackUrl: 'http://127.0.0.1:9/api/identification/callback',
          secret,
          personas: TEST_PERSONAS,
          fetchImpl: () => Promise.reject(new TypeError('fetch failed')),
        }),
      ),
    );
    try {
      expect((await complete('r-offline', { person: personOf() }, offline.baseUrl)).status).toBe(502);
    } finally {
      await offline.close();
    }
  });
});
