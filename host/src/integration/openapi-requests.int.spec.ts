import { createAndOpen, createIntegration, login, requestBody, startTestSystem, uploadPdf, type TestSystem } from './api-test-kit.js';
import { requestMismatches, requestSchemaOf } from '../openapi/document-validator.js';

type Json = Record<string, unknown>;

interface Case {
  template: string;
  path: () => string;
  token: () => string | undefined;
  /** A body the document calls valid (checked); each spec breaks one field of it. */
  body: () => Json;
}

/**
 * API.md, "API description": a request the document calls invalid is refused. For every operation
 * that takes a JSON body, each required field of the document's schema is left out, then given a
 * value of the wrong type: the document must call that body invalid (Ajv against /api/openapi.json),
 * and the server must answer 400 problem+json naming the field. The unbroken body must be valid per
 * the document, so the document does not refuse what the server takes.
 */
describe('requests the OpenAPI document calls invalid', () => {
  let system: TestSystem;
  let manager: string;
  let admin: string;
  let apiKey: string;
  let processId: string;
  let signerToken: string;
  let documentId: string;
  let webhookId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    manager = await login(system, 'manager');
    admin = await login(system, 'admin');
    const opened = await createAndOpen(system, manager);
    processId = opened.processId;
    signerToken = opened.signerToken;
    documentId = (await uploadPdf(system, manager)).documentId;
    apiKey = (await createIntegration(system, admin)).apiKey;
    const webhook = await system.call('POST', '/api/webhooks', { token: apiKey, json: { url: 'http://127.0.0.1:9/hooks', events: ['*'] } });
    webhookId = webhook.body.webhookId as string;
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  });

  const CASES: Case[] = [
    {
      template: '/api/auth/login',
      path: () => '/api/auth/login',
      token: () => undefined,
      body: () => ({ login: 'manager', password: 'not-it' }),
    },
    {
      template: '/api/signer/session',
      path: () => '/api/signer/session',
      token: () => undefined,
      body: () => ({ inviteToken: 'unknown' }),
    },
    {
      template: '/api/signing-processes',
      path: () => '/api/signing-processes',
      token: () => manager,
      body: () => requestBody(documentId),
    },
    {
      template: '/api/signing-processes/{id}/cancel',
      path: () => `/api/signing-processes/${processId}/cancel`,
      token: () => manager,
      body: () => ({ reason: 'Передумали' }),
    },
    {
      template: '/api/signing-processes/{id}/edo-agreement/acceptance',
      path: () => `/api/signing-processes/${processId}/edo-agreement/acceptance`,
      token: () => signerToken,
      body: () => ({ agreementVersion: '2026-01' }),
    },
    {
      template: '/api/signing-processes/{id}/signature',
      path: () => `/api/signing-processes/${processId}/signature`,
      token: () => signerToken,
      body: () => ({ code: '123456' }),
    },
    {
      template: '/api/signing-processes/{id}/decline',
      path: () => `/api/signing-processes/${processId}/decline`,
      token: () => signerToken,
      body: () => ({ reason: 'Не согласен' }),
    },
    {
      template: '/api/admin/integrations',
      path: () => '/api/admin/integrations',
      token: () => admin,
      body: () => ({ name: 'Бухгалтерия', branchId: 'msk' }),
    },
    {
      template: '/api/webhooks',
      path: () => '/api/webhooks',
      token: () => apiKey,
      body: () => ({ url: 'http://127.0.0.1:9/other', events: ['deal.signed'] }),
    },
    {
      template: '/api/webhooks/{id}/replay',
      path: () => `/api/webhooks/${webhookId}/replay`,
      token: () => apiKey,
      body: () => ({ after: '0' }),
    },
  ];

  /** A value of another type than the field's schema allows. */
  const wrongTypeFor = (schema: Json): unknown => (schema['type'] === 'boolean' ? 'yes' : true);

  async function expectRefused(testCase: Case, body: Json, field: string) {
    expect(requestMismatches('post', testCase.template, body))
      .withContext(`the document calls it invalid: ${JSON.stringify(body)}`)
      .not.toEqual([]);
    const token = testCase.token();
    const answer = await system.call('POST', testCase.path(), { json: body, ...(token ? { token } : {}) });
    const context = `POST ${testCase.template} ${JSON.stringify(body)}`;
    expect(answer.status).withContext(context).toBe(400);
    expect(answer.headers.get('content-type'))
      .withContext(context)
      .toMatch(/^application\/problem\+json/);
    const fields = ((answer.body.errors ?? []) as { field: string }[]).map((error) => error.field);
    expect(fields.some((named) => named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`)))
      .withContext(`${context} names ${field}: ${fields.join(', ')}`)
      .toBe(true);
  }

  for (const testCase of CASES) {
    describe(`POST ${testCase.template}`, () => {
      it('takes the unbroken body per the document', () => {
        expect(requestMismatches('post', testCase.template, testCase.body())).toEqual([]);
      });

      it('is refused (400, the field named) without each required field, and with each of wrong type', async () => {
        const schema = requestSchemaOf('post', testCase.template);
        const required = (schema['required'] ?? []) as string[];
        const properties = (schema['properties'] ?? {}) as Record<string, Json>;
        expect(required.length).toBeGreaterThan(0);
        for (const field of required) {
          const without = testCase.body();
          delete without[field];
          await expectRefused(testCase, without, field);
          await expectRefused(testCase, { ...testCase.body(), [field]: wrongTypeFor(properties[field] ?? {}) }, field);
        }
      });
    });
  }

  it('refuses a nested field the document requires (the signer, a document of the request)', async () => {
    const testCase = CASES[2]!;
    const base = testCase.body() as { signer: Json; documents: Json[] };
    const withoutInn = { ...base, signer: { ...base.signer } };
    delete (withoutInn.signer as Json)['inn'];
    await expectRefused(testCase, withoutInn, 'signer');
    await expectRefused(testCase, { ...base, signer: { ...base.signer, type: 'robot' } }, 'signer');
    await expectRefused(testCase, { ...base, documents: [{ title: 'Договор' }] }, 'documents');
    await expectRefused(testCase, { ...base, documents: [] }, 'documents');
  });
});
