import { signCallback } from '@e-contract/command-side/testing';
import {
  CONTRACTOR,
  createAndOpen,
  identify,
  latestCode,
  login,
  requestBody,
  startTestSystem,
  untilCodeSent,
  factRecorded,
  uploadPdf,
  type ApiAnswer,
  type TestSystem,
} from './api-test-kit.js';

/** Each refusal answers its documented status as problem+json and appends nothing to the log. */
describe('integration: refusals', () => {
  let system: TestSystem;
  let managerToken: string;
  beforeEach(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  });
  afterEach(() => system.stop());

  async function refused(status: number, attempt: () => Promise<ApiAnswer>, typeSuffix?: string): Promise<ApiAnswer> {
    const before = await system.running.eventStore.headPosition();
    const answer = await attempt();
    expect(answer.status).withContext(JSON.stringify(answer.body)).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toEqual(
      jasmine.objectContaining({ type: jasmine.any(String), title: jasmine.any(String), status, detail: jasmine.any(String) }),
    );
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.js:\d+|node_modules|SQLITE|\/work\//);
    if (typeSuffix) expect(answer.body.type).toMatch(new RegExp(`/${typeSuffix}$`));
    expect(await system.running.eventStore.headPosition())
      .withContext('nothing appended')
      .toBe(before);
    return answer;
  }

  it('refuses a forged identification callback with 401', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    const started = await system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken });
    const body = JSON.stringify({ requestId: started.body.requestId, result: 'success', person: CONTRACTOR });
    const forged = signCallback('not-the-server-secret-not-the-server-secret', body, Math.floor(Date.now() / 1000));
    await refused(401, () =>
      system.call('POST', '/api/identification/callback', { body, headers: { 'content-type': 'application/json', 'x-signature': forged } }),
    );
    await refused(401, () =>
      system.call('POST', '/api/identification/callback', { body, headers: { 'content-type': 'application/json' } }),
    );
  });

  it('refuses a reused identification requestId with 409', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    const { started } = await identify(system, processId, signerToken, CONTRACTOR);
    await refused(409, () =>
      system.call('POST', `/sandbox/esia/${encodeURIComponent(started.body.requestId)}/complete`, { json: { person: CONTRACTOR } }),
    );
  });

  it('refuses a forged invitation token with 401', async () => {
    await refused(401, () => system.call('POST', '/api/signer/session', { json: { inviteToken: 'A'.repeat(64) } }));
    await refused(401, () => system.call('POST', '/api/signer/session', { json: { inviteToken: 'not-a-token' } }));
  });

  it("refuses a signer acting on another signer's process with 403", async () => {
    const mine = await createAndOpen(system, managerToken);
    const theirs = await createAndOpen(system, managerToken, { phone: '+79007654321' });
    await refused(403, () => system.call('POST', `/api/signing-processes/${theirs.processId}/identification`, { token: mine.signerToken }));
    await refused(403, () =>
      system.call('POST', `/api/signing-processes/${theirs.processId}/decline`, { token: mine.signerToken, json: { reason: 'x' } }),
    );
  });

  it('refuses a manager signing with 403', async () => {
    const { processId } = await untilCodeSent(system, managerToken);
    await refused(403, () =>
      system.call('POST', `/api/signing-processes/${processId}/signature`, { token: managerToken, json: { code: '123456' } }),
    );
  });

  it("refuses a manager acting on another branch's process with 404", async () => {
    const { processId } = await createAndOpen(system, managerToken);
    const otherBranch = await login(system, 'manager2');
    await refused(404, () =>
      system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: otherBranch, json: { reason: 'x' } }),
    );
  });

  it('refuses the 11th identification start within an hour with 429 and Retry-After, appending nothing', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    const start = () => system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken });
    for (let i = 0; i < 10; i++)
      expect((await start()).status)
        .withContext(`start ${i + 1}`)
        .toBe(200);
    const head = await system.running.eventStore.headPosition();
    const eleventh = await start();
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.type).toMatch(/identification-rate-limited$/);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(await system.running.eventStore.headPosition()).toBe(head);
  });

  it('refuses a login, a signer session and a sandbox completion sent as anything but JSON with 415', async () => {
    for (const path of ['/api/auth/login', '/api/signer/session', '/sandbox/esia/req-1/complete']) {
      const answer = await system.call('POST', path, {
        body: 'login=manager&password=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).withContext(path).toBe(415);
      expect(answer.headers.get('content-type')).withContext(path).toContain('application/problem+json');
    }
  });

  it('refuses steps out of order with 409', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    await refused(
      409,
      () => system.call('POST', `/api/signing-processes/${processId}/signature-code`, { token: signerToken }),
      'step-out-of-order',
    );
    await refused(409, () =>
      system.call('POST', `/api/signing-processes/${processId}/edo-agreement/acceptance`, {
        token: signerToken,
        json: { agreementVersion: '2026-01' },
      }),
    );
  });

  it('refuses to act again on a signed process with 409', async () => {
    const { processId, signerToken } = await untilCodeSent(system, managerToken);
    const code = await latestCode(system);
    expect(
      (await system.call('POST', `/api/signing-processes/${processId}/signature`, { token: signerToken, json: { code } })).status,
    ).toBe(200);
    // The archive reactor records the archiving by itself, in its own thread: let it, so that the
    // refusals below are the only thing that could append.
    await factRecorded(system, processId, 'DocumentsArchived');
    await refused(
      409,
      () => system.call('POST', `/api/signing-processes/${processId}/signature`, { token: signerToken, json: { code } }),
      'process-ended',
    );
    await refused(409, () =>
      system.call('POST', `/api/signing-processes/${processId}/decline`, { token: signerToken, json: { reason: 'x' } }),
    );
    await refused(409, () =>
      system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: managerToken, json: { reason: 'x' } }),
    );
  });

  it('refuses to act again on a cancelled process with 409', async () => {
    const { processId, signerToken } = await createAndOpen(system, managerToken);
    expect(
      (await system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: managerToken, json: { reason: 'ошибка' } })).status,
    ).toBe(200);
    await refused(409, () =>
      system.call('POST', `/api/signing-processes/${processId}/cancel`, { token: managerToken, json: { reason: 'ещё раз' } }),
    );
    await refused(409, () => system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken }));
  });

  it('refuses malformed JSON with 400', async () => {
    await refused(
      400,
      () =>
        system.call('POST', '/api/signing-processes', {
          token: managerToken,
          body: '{"kind": "contract",',
          headers: { 'content-type': 'application/json' },
        }),
      'malformed-json',
    );
  });

  it('refuses an INN with a bad check digit with 400 naming signer.inn', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const answer = await refused(400, () =>
      system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody(documentId, { inn: '770512345018' }) }),
    );
    expect(answer.body.errors).toContain(jasmine.objectContaining({ field: 'signer.inn' }));
  });

  it('names every bad field by its path in the body', async () => {
    const answer = await refused(400, () =>
      system.call('POST', '/api/signing-processes', {
        token: managerToken,
        json: { kind: 'loan', title: '', documents: [{ documentId: 'x' }], signer: { type: 'individual', phone: '123' } },
      }),
    );
    const fields = (answer.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      jasmine.arrayContaining([
        'kind',
        'title',
        'documents[0].documentId',
        'documents[0].title',
        'signer.fullName',
        'signer.inn',
        'signer.phone',
      ]),
    );
  });

  it('refuses a create without a signer, or with documents as one object, with 400 naming the field, not 500', async () => {
    const { documentId } = await uploadPdf(system, managerToken);
    const { signer: _signer, ...withoutSigner } = requestBody(documentId) as Record<string, unknown>;
    const noSigner = await refused(400, () => system.call('POST', '/api/signing-processes', { token: managerToken, json: withoutSigner }));
    expect(noSigner.body.errors).toEqual([jasmine.objectContaining({ field: 'signer', code: 'isObject' })]);

    const oneObject = await refused(400, () =>
      system.call('POST', '/api/signing-processes', {
        token: managerToken,
        json: { ...requestBody(documentId), documents: { documentId, title: 'Договор' } },
      }),
    );
    const fields = (oneObject.body.errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['documents']));
  });

  it('refuses an unknown document with 400 naming it', async () => {
    const answer = await refused(400, () =>
      system.call('POST', '/api/signing-processes', { token: managerToken, json: requestBody('6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10') }),
    );
    expect(answer.body.errors).toEqual([jasmine.objectContaining({ field: 'documents[0].documentId' })]);
  });

  it('refuses a non-PDF upload with 415 and a body of another media type with 415', async () => {
    await refused(415, () =>
      system.call('POST', '/api/documents', { token: managerToken, body: 'hello', headers: { 'content-type': 'application/pdf' } }),
    );
    await refused(415, () =>
      system.call('POST', '/api/signing-processes', {
        token: managerToken,
        body: 'kind=contract',
        headers: { 'content-type': 'text/plain' },
      }),
    );
  });

  it('refuses a call without a token with 401, before looking at the body', async () => {
    await refused(401, () =>
      system.call('POST', '/api/signing-processes', { body: '{broken', headers: { 'content-type': 'application/json' } }),
    );
    await refused(401, () => system.call('POST', '/api/documents', { body: 'x', headers: { 'content-type': 'application/pdf' } }));
    await refused(401, () => system.call('GET', '/api/edo-agreement'));
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    await refused(404, () => system.call('GET', '/api/nothing-here'));
  });

  it('refuses a wrong If-Match with 412', async () => {
    const { processId } = await createAndOpen(system, managerToken);
    await refused(
      412,
      () =>
        system.call('POST', `/api/signing-processes/${processId}/cancel`, {
          token: managerToken,
          json: { reason: 'x' },
          headers: { 'if-match': '0' },
        }),
      'revision-mismatch',
    );
    const ok = await system.call('POST', `/api/signing-processes/${processId}/cancel`, {
      token: managerToken,
      json: { reason: 'x' },
      headers: { 'if-match': '1' },
    });
    expect(ok.status).toBe(200);
  });
});
