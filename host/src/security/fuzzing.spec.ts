import fc from 'fast-check';
import { CONTRACTOR, OTHER_PERSON, createAndOpen, login, startTestSystem, type TestSystem } from '../integration/api-test-kit.js';
import {
  badInn,
  badPhone,
  badString,
  badText,
  badUuid,
  deepNesting,
  hostileQueryValue,
  notAString,
  notJson,
  poisonKeys,
} from './malformed-input.js';
import { answerMismatches } from '../openapi/document-validator.js';

/** One generated request. */
interface Attempt {
  method: 'GET' | 'POST';
  path: string;
  caller: 'manager' | 'auditor' | 'admin' | 'signer' | 'integration' | 'none';
  /** The raw body and its media type (JSON text unless said otherwise). */
  body?: string;
  contentType?: string;
}

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);

/**
 * Percent-encodes any string, a lone surrogate included (as the replacement character a browser would
 * send). A path segment of dots alone (`.`, `..`, even as `%2e`) is resolved away by every URL parser,
 * fetch's included — `/api/deals/.` is sent as `/api/deals/`, another endpoint — so it gets a tail.
 */
const enc = (value: string): string =>
  encodeURIComponent(
    (/^\.{1,2}$/.test(value) ? `${value}~` : value).replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );

/**
 * Issue 12, point 1: generated malformed requests for every endpoint that takes input — bodies of
 * the wrong types, missing and poisoned fields, hostile texts, invalid registry numbers, invalid
 * JSON, deep nesting, wrong media types, hostile query strings and path ids. Every answer must be a
 * 4xx problem+json without a stack trace (never a 5xx), and the log must not grow. Seeded: a
 * failure prints its seed and the shrunk request (`FUZZ_SEED=<seed>` repeats it).
 */
describe('fuzzing every endpoint with malformed input', () => {
  let system: TestSystem;
  const tokens: Record<Attempt['caller'], string | null> = {
    manager: null,
    auditor: null,
    admin: null,
    signer: null,
    integration: null,
    none: null,
  };
  let processId: string;
  let documentId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    tokens.manager = await login(system, 'manager');
    tokens.auditor = await login(system, 'auditor');
    tokens.admin = await login(system, 'admin');
    const opened = await createAndOpen(system, tokens.manager, { ...OTHER_PERSON, type: 'individual', phone: '+79005550111' });
    processId = opened.processId;
    documentId = opened.documentId;
    tokens.signer = opened.signerToken;
    const integration = await system.call('POST', '/api/admin/integrations', {
      token: tokens.admin,
      json: { name: 'CRM', branchId: 'msk' },
    });
    tokens.integration = integration.body.apiKey as string;
    // A key's first use is a fact (its last use, once in 5 minutes), recorded beside the answer:
    // let it land before the log is counted.
    const beforeUse = await system.running.eventStore.headPosition();
    await system.call('GET', '/api/deals?pageSize=1', { token: tokens.integration });
    for (let waited = 0; (await system.running.eventStore.headPosition()) === beforeUse && waited < 5_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }, 60_000);
  afterAll(() => system?.stop());

  const json = (value: unknown) => JSON.stringify(value);
  const validCreate = () => ({
    kind: 'contract',
    title: 'Договор',
    documents: [{ documentId, title: 'Договор' }],
    signer: { type: 'individual', fullName: CONTRACTOR.fullName, inn: CONTRACTOR.inn, phone: '+79005550112' },
  });

  /** Values no rule of the field accepts (`undefined`: the field left out; only for required ones). */
  const notNull = notAString.filter((value) => value !== null);
  const breaking: Record<string, fc.Arbitrary<unknown>> = {
    kind: fc.oneof(badString, fc.constant(undefined)),
    title: fc.oneof(badText, notAString, fc.constant(undefined)),
    documents: fc.oneof(badText, notAString, fc.constant([]), fc.constant(undefined)),
    signer: fc.oneof(badText, notAString, fc.constant(undefined)),
    'signer.type': fc.oneof(badString, fc.constant(undefined)),
    'signer.fullName': fc.oneof(badText, notAString, fc.constant(undefined)),
    'signer.inn': fc.oneof(badInn, fc.constant(undefined)),
    'signer.phone': fc.oneof(badPhone, fc.constant(undefined)),
    'documents[0].documentId': fc.oneof(badUuid, notAString, fc.constant(undefined)),
    expiresAt: fc.oneof(
      hostileQueryValue.filter((v) => Number.isNaN(Date.parse(v)) || Date.parse(v) < Date.now()),
      notNull,
    ),
    externalId: fc.oneof(badText, notNull),
    processId: fc.oneof(badUuid, notNull),
  };

  /** A create body with one rule broken, and maybe a poisoned key besides. */
  const brokenCreate = fc
    .record({
      broken: fc.constantFrom(...Object.keys(breaking)).chain((field) => breaking[field]!.map((value) => ({ field, value }))),
      extraKey: fc.option(poisonKeys),
      extraValue: fc.jsonValue({ maxDepth: 2 }),
    })
    .map(({ broken: { field, value }, extraKey, extraValue }) => {
      const body = validCreate() as Record<string, unknown> & { signer: Record<string, unknown>; documents: Record<string, unknown>[] };
      const [target, key] = field.startsWith('signer.')
        ? [body.signer, field.slice('signer.'.length)]
        : field.startsWith('documents[0].')
          ? [body.documents[0]!, field.slice('documents[0].'.length)]
          : [body as Record<string, unknown>, field];
      if (value === undefined) delete target[key];
      else target[key] = value;
      const text = json(body);
      return extraKey === null ? text : text.replace(/^\{/, `{${json(extraKey)}: ${json(extraValue)},`);
    });

  const malformedBody = fc.oneof(notJson, deepNesting, fc.jsonValue({ maxDepth: 3 }).map(json));

  /** Every generated request: built once the seeded resources exist. */
  const attempts = (): fc.Arbitrary<Attempt> => {
    const commands: fc.Arbitrary<Attempt>[] = [
      brokenCreate.map((body): Attempt => ({ method: 'POST', path: '/api/signing-processes', caller: 'manager', body })),
      fc
        .oneof(
          badString.map((reason) => json({ reason })),
          malformedBody,
        )
        .map((body): Attempt => ({ method: 'POST', path: `/api/signing-processes/${processId}/cancel`, caller: 'manager', body })),
      fc
        .oneof(
          badString.map((reason) => json({ reason })),
          malformedBody,
        )
        .map((body): Attempt => ({ method: 'POST', path: `/api/signing-processes/${processId}/decline`, caller: 'signer', body })),
      fc.oneof(fc.stringMatching(/^\d{0,5}$/), fc.stringMatching(/^\d{7,12}$/), notAString, badText).map((code): Attempt => ({
        method: 'POST',
        path: `/api/signing-processes/${processId}/signature`,
        caller: 'signer',
        body: json({ code }),
      })),
      fc
        .oneof(
          badString.map((agreementVersion) => json({ agreementVersion })),
          malformedBody,
        )
        .map((body): Attempt => ({
          method: 'POST',
          path: `/api/signing-processes/${processId}/edo-agreement/acceptance`,
          caller: 'signer',
          body,
        })),
      fc
        .record({ login: badString, password: badString })
        .map((body): Attempt => ({ method: 'POST', path: '/api/auth/login', caller: 'none', body: json(body) })),
      fc
        .oneof(
          badString.map((inviteToken) => json({ inviteToken })),
          malformedBody,
        )
        .map((body): Attempt => ({ method: 'POST', path: '/api/signer/session', caller: 'none', body })),
      malformedBody.map((body): Attempt => ({ method: 'POST', path: '/api/identification/callback', caller: 'none', body })),
      fc
        .record({
          name: badString,
          branchId: fc.oneof(badString, fc.constant('msk')),
          allowedOrigins: fc.oneof(fc.array(badString, { maxLength: 3 }), notAString),
        })
        .map((body): Attempt => ({ method: 'POST', path: '/api/admin/integrations', caller: 'admin', body: json(body) })),
      fc
        .record({
          url: fc.oneof(
            badString,
            fc.constantFrom(
              'ftp://example.com',
              'http://10.0.0.1/hook',
              'http://169.254.169.254/latest',
              'javascript:alert(1)',
              'http://[::1]/',
            ),
          ),
          events: fc.oneof(fc.array(badString, { maxLength: 3 }), notAString, fc.constant(['deal.nonsense'])),
        })
        .map((body): Attempt => ({ method: 'POST', path: '/api/webhooks', caller: 'integration', body: json(body) })),
      fc.oneof(badUuid, hostileQueryValue).map((name): Attempt => ({
        method: 'POST',
        path: `/api/admin/projections/${enc(name)}/rebuild`,
        caller: 'admin',
        body: '{}',
      })),
      fc
        .record({
          person: fc.oneof(notAString, fc.record({ fullName: badString, inn: badInn, confirmed: fc.oneof(notAString, fc.boolean()) })),
        })
        .map((body): Attempt => ({ method: 'POST', path: '/sandbox/esia/unknown-request/complete', caller: 'none', body: json(body) })),
      // Wrong media types on JSON endpoints, and a JSON body where a PDF belongs.
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml')
        .map((contentType): Attempt => ({
          method: 'POST',
          path: '/api/signing-processes',
          caller: 'manager',
          body: 'kind=contract',
          contentType,
        })),
      fc
        .string({ maxLength: 200 })
        .map((body): Attempt => ({ method: 'POST', path: '/api/documents', caller: 'manager', body, contentType: 'application/pdf' })),
    ];

    const query = (pairs: [string, string][]) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
    const queries: fc.Arbitrary<Attempt>[] = [
      fc
        .array(
          fc.tuple(
            fc.constantFrom(
              'status',
              'kind',
              'signerType',
              'branchId',
              'managerId',
              'q',
              'createdFrom',
              'createdTo',
              'sort',
              'page',
              'pageSize',
              'externalId',
              '__proto__',
            ),
            hostileQueryValue,
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        )
        .map((pairs): Attempt => ({ method: 'GET', path: `/api/deals?${query(pairs)}`, caller: 'auditor' })),
      fc.tuple(fc.oneof(badUuid, fc.constant(processId)), hostileQueryValue).map(([id, at]): Attempt => ({
        method: 'GET',
        path: `/api/deals/${enc(id)}?at=${enc(at)}`,
        caller: 'auditor',
      })),
      fc
        .array(fc.tuple(fc.constantFrom('from', 'to', 'branchId'), hostileQueryValue), { minLength: 1, maxLength: 3 })
        .map((pairs): Attempt => ({ method: 'GET', path: `/api/stats?${query(pairs)}`, caller: 'auditor' })),
      badInn
        .filter((inn): inn is string => typeof inn === 'string')
        .map((inn): Attempt => ({ method: 'GET', path: `/api/companies/${enc(inn)}`, caller: 'manager' })),
      badUuid.map((id): Attempt => ({ method: 'GET', path: `/api/documents/${enc(id)}`, caller: 'manager' })),
      fc.tuple(badUuid, hostileQueryValue).map(([id, page]): Attempt => ({
        method: 'GET',
        path: `/api/webhooks/${enc(id)}/deliveries?page=${enc(page)}`,
        caller: 'integration',
      })),
      hostileQueryValue.map((to): Attempt => ({ method: 'GET', path: `/api/dev/outbox?to=${enc(to)}`, caller: 'none' })),
    ];
    return fc.oneof(...commands, ...queries);
  };

  async function send(attempt: Attempt): Promise<{ status: number; contentType: string; text: string }> {
    const headers: Record<string, string> = {};
    const token = tokens[attempt.caller];
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (attempt.body !== undefined) headers['content-type'] = attempt.contentType ?? 'application/json';
    const response = await fetch(`${system.running.url}${attempt.path}`, {
      method: attempt.method,
      headers,
      ...(attempt.body !== undefined ? { body: attempt.body } : {}),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  it(`answers ${RUNS} malformed requests with 4xx problem+json, never 5xx, and records nothing`, async () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
    const head = await system.running.eventStore.headPosition();
    await fc.assert(
      fc.asyncProperty(attempts(), async (attempt) => {
        const answer = await send(attempt);
        if (answer.status >= 500) throw new Error(`${answer.status} ${answer.text.slice(0, 300)}`);
        if (/\n\s+at .+\(.+:\d+:\d+\)/.test(answer.text)) throw new Error(`a stack trace in the answer: ${answer.text.slice(0, 300)}`);
        // 414 and 431 come from Node's HTTP parser (a URL or headers past its limits), before any route.
        const parserRefusal = answer.status === 414 || answer.status === 431;
        if (attempt.method === 'POST' && answer.status < 400) throw new Error(`accepted (${answer.status}): ${answer.text.slice(0, 300)}`);
        if (answer.status >= 400 && !parserRefusal && !answer.contentType.includes('application/problem+json'))
          throw new Error(`a ${answer.status} that is not problem+json: ${answer.contentType}`);
        // The refusal is one the document lists for the operation, in its shape (API.md, "API description").
        if (!parserRefusal && answer.contentType.includes('json')) {
          const mismatches = answerMismatches(attempt.method, attempt.path, answer.status, answer.contentType, JSON.parse(answer.text));
          if (mismatches.length > 0) throw new Error(`not as /api/openapi.json says: ${mismatches.join('; ')}`);
        }
        const now = await system.running.eventStore.headPosition();
        if (now !== head) throw new Error(`the log grew from ${head} to ${now}`);
      }),
      // Paths and bodies of a counterexample can be megabytes: keep the report readable.
      {
        numRuns: RUNS,
        seed,
        reporter: (details) => {
          if (details.failed)
            throw new Error(
              `fuzzing failed (FUZZ_SEED=${seed}): ${JSON.stringify(details.counterexample).slice(0, 1_000)}\n${String(details.errorInstance).slice(0, 1_000)}`,
            );
        },
      },
    );
  }, 600_000);
});
