import { createHash } from 'node:crypto';
import { apiKeyUsageStreamName, integrationStreamName } from '@e-contract/contracts';
import {
  MINIMAL_PDF,
  createIntegration,
  invitationRecorded,
  login,
  requestBody,
  startTestSystem,
  uploadPdf,
  type ApiAnswer,
  type TestSystem,
} from './api-test-kit.js';

const PROBLEM = 'https://e-contract.dev/problems/';

/**
 * API keys for other systems (API.md, "Integrations"), black-box over HTTP on the whole system: an
 * admin creates an integration and sees its key once; the integration, with `Bearer ec_…`, works as a
 * manager of its branch — documents, processes with `externalId`, its deals — and nothing else; it is
 * rate limited per key; revoked or expired, its key is refused from the next request on.
 */
describe('integration: API keys of other systems', () => {
  let system: TestSystem;
  let admin: string;
  let auditor: string;
  let manager: string;
  let managerSpb: string;

  beforeAll(async () => {
    system = await startTestSystem();
    admin = await login(system, 'admin');
    auditor = await login(system, 'auditor');
    manager = await login(system, 'manager');
    managerSpb = await login(system, 'manager2');
  });
  afterAll(() => system.stop());

  const head = () => system.running.eventStore.headPosition();
  const call = (method: string, path: string, token: string, json?: unknown, headers: Record<string, string> = {}) =>
    system.call(method, path, { token, headers, ...(json === undefined ? {} : { json }) });

  /** A refusal: its status and problem type, as problem+json, and nothing appended to the log. */
  async function refused(status: number, attempt: () => Promise<ApiAnswer>, slug?: string): Promise<ApiAnswer> {
    const before = await head();
    const answer = await attempt();
    expect(answer.status).withContext(JSON.stringify(answer.body)).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    if (slug) expect(answer.body.type).toBe(`${PROBLEM}${slug}`);
    expect(await head())
      .withContext('nothing appended')
      .toBe(before);
    return answer;
  }

  /** A fresh integration whose first use is already recorded, so that refusals can assert "nothing appended". */
  async function usedIntegration(body: Parameters<typeof createIntegration>[2] = {}) {
    const integration = await createIntegration(system, admin, body);
    expect((await call('GET', '/api/deals', integration.apiKey)).status).toBe(200);
    return integration;
  }

  /** Creates a process and waits for its invitation to be recorded, so that nothing appends behind a spec's back. */
  async function createProcess(token: string, patch: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const { documentId } = await uploadPdf(system, token);
    const answer = await call('POST', '/api/signing-processes', token, { ...requestBody(documentId), ...patch }, headers);
    if (answer.status === 201) await invitationRecorded(system, answer.body.processId);
    return answer;
  }

  it('lets an admin create an integration: the key once, only its SHA-256 in the log, a list without keys', async () => {
    const answer = await call('POST', '/api/admin/integrations', admin, {
      name: '  CRM «Продажи»  ',
      branchId: 'msk',
      allowedOrigins: ['https://crm.example.com'],
    });
    expect(answer.status).withContext(JSON.stringify(answer.body)).toBe(201);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { integrationId, apiKey } = answer.body;
    expect(answer.body).toEqual({
      integrationId: jasmine.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'CRM «Продажи»',
      branchId: 'msk',
      allowedOrigins: ['https://crm.example.com'],
      apiKey: jasmine.stringMatching(/^ec_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/),
      keyPrefix: jasmine.stringMatching(/^ec_[0-9a-f]{8}$/),
      createdAt: jasmine.any(String),
      expiresAt: null,
    });

    const [created] = await system.running.eventStore.readStream(integrationStreamName(integrationId));
    expect(created!.type).toBe('IntegrationCreated');
    expect(created!.metadata.actor).toEqual({ id: jasmine.any(String), role: 'admin' });
    expect((created!.data as { keySha256: string }).keySha256).toBe(createHash('sha256').update(apiKey).digest('hex'));
    const log = JSON.stringify(await system.running.eventStore.readAll());
    expect(log).not.toContain(apiKey.slice(36));

    const list = await call('GET', '/api/admin/integrations', admin);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(apiKey.slice(36));
    expect(list.body.find((row: { integrationId: string }) => row.integrationId === integrationId)).toEqual({
      integrationId,
      name: 'CRM «Продажи»',
      branchId: 'msk',
      allowedOrigins: ['https://crm.example.com'],
      keyPrefix: answer.body.keyPrefix,
      createdAt: answer.body.createdAt,
      createdBy: created!.metadata.actor,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      status: 'active',
    });
  });

  it('refuses bad input naming each field, and anyone but an admin', async () => {
    const bad = await refused(
      400,
      () =>
        call('POST', '/api/admin/integrations', admin, {
          name: ' ',
          branchId: 'м с к',
          allowedOrigins: ['https://x.example/'],
          expiresAt: 'soon',
        }),
      'validation',
    );
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'allowedOrigins',
      'branchId',
      'expiresAt',
      'name',
    ]);
    const past = await refused(400, () =>
      call('POST', '/api/admin/integrations', admin, { name: 'CRM', branchId: 'msk', expiresAt: '2020-01-01T00:00:00.000Z' }),
    );
    expect(past.body.errors.map((error: { field: string }) => error.field)).toEqual(['expiresAt']);
    await refused(400, () =>
      call('POST', '/api/admin/integrations', admin, { name: 'CRM', branchId: 'msk' }, { 'idempotency-key': 'k-1' }),
    );
    const integration = await usedIntegration();
    for (const token of [manager, auditor, integration.apiKey]) {
      await refused(403, () => call('POST', '/api/admin/integrations', token, { name: 'CRM', branchId: 'msk' }), 'forbidden');
      await refused(403, () => call('GET', '/api/admin/integrations', token), 'forbidden');
      await refused(403, () => call('DELETE', `/api/admin/integrations/${integration.integrationId}`, token), 'forbidden');
    }
    await refused(401, () => system.call('GET', '/api/admin/integrations'), 'unauthorized');
    await refused(
      404,
      () => call('DELETE', '/api/admin/integrations/00000000-0000-4000-8000-000000000000', admin),
      'integration-not-found',
    );
  });

  it('works as a manager of its branch: uploads, creates with externalId, reads its deal and finds it by externalId', async () => {
    const { integrationId, apiKey } = await createIntegration(system, admin);
    const upload = await system.call('POST', '/api/documents', {
      token: apiKey,
      body: MINIMAL_PDF,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'order.pdf' },
    });
    expect(upload.status).toBe(201);
    const created = await call('POST', '/api/signing-processes', apiKey, {
      ...requestBody(upload.body.documentId),
      externalId: ' CRM-1001 ',
    });
    expect(created.status).withContext(JSON.stringify(created.body)).toBe(201);
    const { processId, position } = created.body;

    const deal = await call('GET', `/api/deals/${processId}`, apiKey, undefined, { 'x-min-position': position });
    expect(deal.status).toBe(200);
    expect(deal.body).toEqual(
      jasmine.objectContaining({
        externalId: 'CRM-1001',
        branchId: 'msk',
        manager: { id: `integration:${integrationId}`, name: 'CRM «Продажи»' },
      }),
    );
    const found = await call('GET', '/api/deals?externalId=CRM-1001', apiKey, undefined, { 'x-min-position': position });
    expect(found.body.items.map((item: { processId: string }) => item.processId)).toEqual([processId]);
    expect((await call('GET', '/api/deals?externalId=CRM-1001', managerSpb)).body.items).toEqual([]);
    expect((await call('GET', `/api/documents/${upload.body.documentId}`, apiKey)).status).toBe(200);
    expect((await call('GET', '/api/companies/7709012344', apiKey)).status).toBe(200);
    expect((await call('GET', '/api/stats', apiKey)).status).toBe(200);

    // Its facts carry its own actor, as the trail shows them to an auditor.
    const cancelled = await call('POST', `/api/signing-processes/${processId}/cancel`, apiKey, { reason: 'Заказ отменён в CRM' });
    expect(cancelled.status).toBe(200);
    const trail = await call('GET', `/api/deals/${processId}/trail`, auditor, undefined, { 'x-min-position': cancelled.body.position });
    const actors = trail.body.map((entry: { type: string; actor: unknown }) => [entry.type, entry.actor]);
    expect(actors).toContain(['SigningProcessCreated', { id: `integration:${integrationId}`, role: 'integration' }]);
    expect(actors).toContain(['SigningCancelled', { id: `integration:${integrationId}`, role: 'integration' }]);

    // The admin's list tells when the key was last used.
    const row = (await call('GET', '/api/admin/integrations', admin)).body.find(
      (r: { integrationId: string }) => r.integrationId === integrationId,
    );
    expect(Date.parse(row.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(row.createdAt));
    expect((await system.running.eventStore.readStream(apiKeyUsageStreamName(integrationId))).length).toBe(1);
  });

  it("is refused another branch's deals and documents, and every endpoint that is not its own (403)", async () => {
    const { apiKey } = await usedIntegration();
    const spb = await createProcess(managerSpb);
    const { documentId: spbDocument } = await uploadPdf(system, managerSpb);
    await refused(404, () => call('GET', `/api/deals/${spb.body.processId}`, apiKey, undefined, { 'x-min-position': spb.body.position }));
    await refused(403, () => call('GET', '/api/deals?branchId=spb', apiKey), 'forbidden');
    await refused(403, () => call('GET', `/api/documents/${spbDocument}`, apiKey), 'forbidden');
    await refused(404, () => call('POST', `/api/signing-processes/${spb.body.processId}/cancel`, apiKey, { reason: 'x' }));
    const own = await createProcess(apiKey);
    for (const [method, path] of [
      ['GET', `/api/deals/${own.body.processId}/trail`],
      ['GET', `/api/deals/${own.body.processId}/trail/verification`],
      ['GET', `/api/deals/${own.body.processId}/evidence`],
      ['GET', '/api/cabinet/documents'],
      ['GET', '/api/admin/projections'],
      ['POST', '/api/admin/projections/deals/rebuild'],
      ['GET', '/api/edo-agreement'],
      ['POST', `/api/signing-processes/${own.body.processId}/identification`],
      ['POST', `/api/signing-processes/${own.body.processId}/signature-code`],
    ] as const) {
      await refused(403, () => call(method, path, apiKey), 'forbidden');
    }
  });

  it('answers 409 naming the process that holds an externalId — after the Idempotency-Key, also once it ended — per integration', async () => {
    const { apiKey } = await usedIntegration();
    const { documentId } = await uploadPdf(system, apiKey);
    const body = { ...requestBody(documentId), externalId: 'ORDER-7' };
    const first = await call('POST', '/api/signing-processes', apiKey, body, { 'idempotency-key': 'order-7' });
    expect(first.status).toBe(201);
    await invitationRecorded(system, first.body.processId);

    // A retry with the same Idempotency-Key gets the first answer: that check comes first.
    const retry = await call('POST', '/api/signing-processes', apiKey, body, { 'idempotency-key': 'order-7' });
    expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retry.body).toEqual(first.body);
    // A new request with the taken id: 409 naming the process that holds it.
    const taken = await refused(409, () => call('POST', '/api/signing-processes', apiKey, body), 'external-id-taken');
    expect(taken.body).toEqual(jasmine.objectContaining({ processId: first.body.processId, externalId: 'ORDER-7' }));

    expect((await call('POST', `/api/signing-processes/${first.body.processId}/cancel`, apiKey, { reason: 'отменён' })).status).toBe(200);
    const afterEnd = await refused(409, () => call('POST', '/api/signing-processes', apiKey, body), 'external-id-taken');
    expect(afterEnd.body.processId).toBe(first.body.processId);

    // Unique per integration: another integration may use it, and so may a manager of the branch ...
    const other = await usedIntegration();
    expect((await createProcess(other.apiKey, { externalId: 'ORDER-7' })).status).toBe(201);
    const byManager = await createProcess(manager, { externalId: 'ORDER-7' });
    expect(byManager.status).toBe(201);
    // ... whose ids are unique per branch.
    const { documentId: managersDocument } = await uploadPdf(system, manager);
    const secondTry = await refused(
      409,
      () => call('POST', '/api/signing-processes', manager, { ...requestBody(managersDocument), externalId: 'ORDER-7' }),
      'external-id-taken',
    );
    expect(secondTry.body.processId).toBe(byManager.body.processId);

    // Stream names never hold the other system's reference.
    const streams = new Set((await system.running.eventStore.readAll()).map((event) => event.streamId));
    expect([...streams].filter((stream) => stream.includes('ORDER-7'))).toEqual([]);
    expect([...streams].filter((stream) => stream.startsWith('external-id-')).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an externalId over 128 characters, naming it, and appends nothing', async () => {
    const { apiKey } = await usedIntegration();
    const { documentId } = await uploadPdf(system, apiKey);
    const answer = await refused(
      400,
      () => call('POST', '/api/signing-processes', apiKey, { ...requestBody(documentId), externalId: 'x'.repeat(129) }),
      'validation',
    );
    expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['externalId']);
  });

  it('limits a key to 600 requests a minute (429 problem+json with Retry-After), other keys going on', async () => {
    const limited = await createIntegration(system, admin);
    const other = await createIntegration(system, admin);
    let answered = 0;
    for (let batch = 0; batch < 30; batch += 1) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => call('GET', '/api/deals?pageSize=1', limited.apiKey)));
      answered += answers.filter((answer) => answer.status === 200).length;
    }
    expect(answered).toBe(600);
    const refusal = await call('GET', '/api/deals?pageSize=1', limited.apiKey);
    expect([refusal.status, refusal.body.type]).toEqual([429, `${PROBLEM}rate-limited`]);
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refusal.body.retryAfter).toBe(Number(refusal.headers.get('retry-after')));
    expect((await call('POST', '/api/documents', limited.apiKey)).status).toBe(429);
    expect((await call('GET', '/api/deals?pageSize=1', other.apiKey)).status).toBe(200);
  });

  it('refuses a revoked key at once, on the command routes and the query routes alike', async () => {
    const { integrationId, apiKey } = await usedIntegration();
    const own = await createProcess(apiKey);
    const revoked = await call('DELETE', `/api/admin/integrations/${integrationId}`, admin);
    expect(revoked.status).toBe(204);
    await refused(401, () => call('GET', '/api/deals', apiKey), 'unauthorized');
    await refused(401, () => call('GET', `/api/deals/${own.body.processId}`, apiKey), 'unauthorized');
    await refused(401, () => call('POST', `/api/signing-processes/${own.body.processId}/cancel`, apiKey, { reason: 'x' }), 'unauthorized');
    await refused(401, () =>
      system.call('POST', '/api/documents', { token: apiKey, body: MINIMAL_PDF, headers: { 'content-type': 'application/pdf' } }),
    );

    // Revoking again changes nothing; the list says revoked; both facts are the admin's.
    const before = await head();
    expect((await call('DELETE', `/api/admin/integrations/${integrationId}`, admin)).status).toBe(204);
    expect(await head()).toBe(before);
    const row = (await call('GET', '/api/admin/integrations', admin)).body.find(
      (r: { integrationId: string }) => r.integrationId === integrationId,
    );
    expect(row).toEqual(jasmine.objectContaining({ status: 'revoked', revokedAt: jasmine.any(String), lastUsedAt: jasmine.any(String) }));
    const facts = await system.running.eventStore.readStream(integrationStreamName(integrationId));
    expect(facts.map((fact) => [fact.type, fact.metadata.actor.role])).toEqual([
      ['IntegrationCreated', 'admin'],
      ['IntegrationRevoked', 'admin'],
    ]);
  });

  it('refuses an expired key from its expiry on', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { integrationId, apiKey } = await createIntegration(system, admin, { expiresAt });
    expect((await call('GET', '/api/deals', apiKey)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 10));
    await refused(401, () => call('GET', '/api/deals', apiKey), 'unauthorized');
    await refused(401, () => call('POST', '/api/documents', apiKey), 'unauthorized');
    const row = (await call('GET', '/api/admin/integrations', admin)).body.find(
      (r: { integrationId: string }) => r.integrationId === integrationId,
    );
    expect(row).toEqual(jasmine.objectContaining({ status: 'expired', expiresAt }));
  });

  it('refuses a key with a wrong secret, and a malformed one, with 401', async () => {
    const { apiKey } = await createIntegration(system, admin);
    await refused(401, () => call('GET', '/api/deals', `${apiKey.slice(0, -3)}abc`), 'unauthorized');
    await refused(401, () => call('GET', '/api/deals', 'ec_not-a-key'), 'unauthorized');
  });
});
