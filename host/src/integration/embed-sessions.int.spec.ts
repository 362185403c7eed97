import { embedSessionStreamName } from '@e-contract/contracts';
import { embedSessionIdOfToken } from '@e-contract/platform/auth';
import {
  createIntegration,
  invitationFor,
  invitationRecorded,
  login,
  requestBody,
  startTestSystem,
  uploadPdf,
  type ApiAnswer,
  type TestSystem,
} from './api-test-kit.js';

const PROBLEM = 'https://e-contract.dev/problems/';
const CABINET = 'https://cabinet.example.com';
const PORTAL = 'https://portal.example.com';

/**
 * Embed sessions (API.md, "Integrations"), black-box over HTTP on the whole system: who may ask for
 * the one-time URL and where its messages may go; the page's framing policy by its token; the token
 * opening one signer session, once, marked as embedded; the facts the log keeps. The flow in a real
 * browser on another origin is e2e/src/embedded-signing.spec.ts.
 */
describe('integration: embedded signing sessions', () => {
  let system: TestSystem;
  let admin: string;
  let manager: string;
  let managerSpb: string;
  let crm: { integrationId: string; apiKey: string };
  let sameBranch: { integrationId: string; apiKey: string };
  let phoneSeq = 0;

  beforeAll(async () => {
    system = await startTestSystem();
    admin = await login(system, 'admin');
    manager = await login(system, 'manager');
    managerSpb = await login(system, 'manager2');
    crm = await createIntegration(system, admin, { allowedOrigins: [CABINET, PORTAL] });
    sameBranch = await createIntegration(system, admin, { name: 'Бухгалтерия', allowedOrigins: [CABINET] });
    // each key's first use is a fact (`IntegrationUsed`): used here, so later refusals can assert "nothing appended"
    for (const key of [crm.apiKey, sameBranch.apiKey]) expect((await call('GET', '/api/deals', key)).status).toBe(200);
  });
  afterAll(() => system.stop());

  const call = (method: string, path: string, token?: string, json?: unknown) =>
    system.call(method, path, { ...(token ? { token } : {}), ...(json === undefined ? {} : { json }) });

  async function processOf(token: string): Promise<{ processId: string; phone: string }> {
    const phone = `+7900777${String(1000 + phoneSeq++).slice(-4)}`;
    const { documentId } = await uploadPdf(system, token);
    const created = await call('POST', '/api/signing-processes', token, requestBody(documentId, { phone }));
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const processId = created.body.processId as string;
    await invitationRecorded(system, processId);
    return { processId, phone };
  }

  const embed = (processId: string, token: string, json: unknown = {}) =>
    call('POST', `/api/signing-processes/${processId}/embed-session`, token, json);
  const tokenOf = (answer: ApiAnswer) => String(answer.body.embedUrl).split('/').pop()!;
  const open = (embedToken: string) => call('POST', '/api/embed/session', undefined, { embedToken });
  const page = (embedToken: string) => system.call('GET', `/embed/sign/${embedToken}`, { headers: { accept: 'text/html' } });
  const frameAncestors = (answer: ApiAnswer) => /frame-ancestors ([^;]+)/.exec(answer.headers.get('content-security-policy') ?? '')?.[1];

  it('gives the creating integration a one-time URL valid 10 minutes, recorded with its actor', async () => {
    const { processId } = await processOf(crm.apiKey);
    const before = Date.now();
    const answer = await embed(processId, crm.apiKey);
    expect(answer.status).withContext(JSON.stringify(answer.body)).toBe(201);
    expect(Object.keys(answer.body).sort()).toEqual(['embedUrl', 'expiresAt']);
    expect(answer.body.embedUrl).toMatch(new RegExp(`^${system.running.url}/embed/sign/[A-Za-z0-9_-]{64}$`));
    const lifetime = Date.parse(answer.body.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(9.9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 1_000);

    const stream = await system.running.eventStore.readStream(embedSessionStreamName(embedSessionIdOfToken(tokenOf(answer))!));
    expect(stream.map((event) => event.type)).toEqual(['EmbedSessionCreated']);
    expect(stream[0]!.metadata.actor).toEqual({ id: `integration:${crm.integrationId}`, role: 'integration' });
    expect(stream[0]!.data).toEqual(jasmine.objectContaining({ processId, integrationId: crm.integrationId, origin: CABINET }));
    expect(JSON.stringify(stream[0]!.data)).not.toContain(tokenOf(answer));
  });

  it('lets the page be framed by the integration’s allowedOrigins only, and an unknown token by nobody', async () => {
    const { processId } = await processOf(crm.apiKey);
    const embedToken = tokenOf(await embed(processId, crm.apiKey));
    const shown = await page(embedToken);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toContain('text/html');
    expect(frameAncestors(shown)).toBe(`${CABINET} ${PORTAL}`);
    expect(shown.headers.get('x-frame-options')).toBeNull();
    expect(shown.headers.get('cache-control')).toBe('no-store');

    const unknown = await page('A'.repeat(64));
    expect(unknown.status).toBe(404);
    expect(frameAncestors(unknown)).toBe("'none'");
    // showing the page did not use the token
    expect((await open(embedToken)).status).toBe(200);
  });

  it('posts to the origin asked for when it is allowed, and refuses any other with 422 naming origin', async () => {
    const { processId } = await processOf(crm.apiKey);
    const toPortal = await embed(processId, crm.apiKey, { origin: PORTAL });
    expect(toPortal.status).toBe(201);
    expect((await open(tokenOf(toPortal))).body.origin).toBe(PORTAL);

    for (const origin of ['https://evil.example.com', `${CABINET}/`, 'javascript:alert(1)']) {
      const refused = await embed(processId, crm.apiKey, { origin });
      expect(refused.status).withContext(origin).toBeGreaterThanOrEqual(400);
      expect(refused.status).withContext(origin).toBeLessThan(500);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['origin']);
    }
    expect((await embed(processId, crm.apiKey, { origin: 'https://evil.example.com' })).body.type).toBe(`${PROBLEM}origin-not-allowed`);
  });

  it('is asked for by the creating integration or a manager of the branch; others hear 403 or 404', async () => {
    const { processId } = await processOf(crm.apiKey);
    expect((await embed(processId, sameBranch.apiKey)).status).toBe(403);
    expect((await embed(processId, managerSpb)).status).toBe(404);
    expect((await embed(processId, admin)).status).toBe(403);
    const byManager = await embed(processId, manager);
    expect(byManager.status).toBe(201);
    expect(frameAncestors(await page(tokenOf(byManager)))).toBe(`${CABINET} ${PORTAL}`);

    // a manager's own process is framable by nobody, and its page posts to nobody
    const own = await processOf(manager);
    expect((await embed(own.processId, manager, { origin: CABINET })).status).toBe(422);
    const ownToken = tokenOf(await embed(own.processId, manager));
    expect(frameAncestors(await page(ownToken))).toBe("'none'");
    expect((await open(ownToken)).body.origin).toBeNull();
  });

  it('opens one embedded signer session per URL: a second use, a replaced invitation or a cancel end it', async () => {
    const { processId, phone } = await processOf(crm.apiKey);
    const embedToken = tokenOf(await embed(processId, crm.apiKey));
    const opened = await open(embedToken);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ token: jasmine.any(String), processId, origin: CABINET });
    const again = await open(embedToken);
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    // the session is a signer's, marked embedded: identification comes back to /embed/identified
    const started = await call('POST', `/api/signing-processes/${processId}/identification`, opened.body.token);
    expect(started.status).toBe(200);
    expect(new URL(started.body.redirectUrl).searchParams.get('returnUrl')).toBe('/embed/identified');
    const identified = await system.call('GET', '/embed/identified');
    expect(identified.status).toBe(200);
    expect(frameAncestors(identified)).toBe("'none'");

    // a URL asked for before the invitation was sent again opens nothing
    const stale = tokenOf(await embed(processId, crm.apiKey));
    const invite = await invitationFor(system, phone.replace(/[^\d+]/g, ''), processId);
    expect((await call('POST', `/api/signing-processes/${processId}/invitations`, crm.apiKey, {})).status).toBe(202);
    await invitationFor(system, phone.replace(/[^\d+]/g, ''), processId, invite);
    expect((await open(stale)).status).toBe(401);
    expect((await call('GET', `/api/deals/${processId}`, opened.body.token)).status).toBe(401);

    // an ended process gives no URL
    expect((await call('POST', `/api/signing-processes/${processId}/cancel`, crm.apiKey, { reason: 'Передумали' })).status).toBe(200);
    const ended = await embed(processId, crm.apiKey);
    expect(ended.status).toBe(409);
    expect(ended.body.type).toBe(`${PROBLEM}process-ended`);
  });

  it('refuses malformed tokens and bodies without appending anything', async () => {
    const before = await system.running.eventStore.headPosition();
    expect((await open('x')).status).toBe(401);
    expect((await call('POST', '/api/embed/session', undefined, {})).status).toBe(400);
    expect((await call('POST', '/api/embed/session', undefined, { embedToken: 42 })).body.errors[0].field).toBe('embedToken');
    expect((await call('POST', `/api/signing-processes/${crypto.randomUUID()}/embed-session`, crm.apiKey, { origin: 7 })).status).toBe(400);
    expect(await system.running.eventStore.headPosition()).toBe(before);
  });

  it('serves the custom element to any origin', async () => {
    const script = await system.call('GET', '/embed/e-contract-signing.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(String(script.body)).toContain('customElements.define(TAG');
  });
});
