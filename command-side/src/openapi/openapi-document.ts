import { ANSWER_SCHEMAS } from './answer-schemas.js';
import type { JsonSchema } from './json-schema.js';
import { OPERATIONS, type Answer, type Operation } from './operations.js';
import { PROBLEM_SCHEMAS } from './problem-schemas.js';
import { HAND_WRITTEN_REQUEST_SCHEMAS, dtoRequestSchemas } from './request-schemas.js';

/** `/api/deals/:id` → `/api/deals/{id}`: the path as the document writes it. */
export const openApiPathOf = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const PROBLEM_MEDIA = 'application/problem+json';
const problem = (description: string, status: number): JsonSchema => ({
  description,
  content: { [PROBLEM_MEDIA]: { schema: { $ref: '#/components/schemas/Problem' } } },
  ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
});

const schemaOf = (json: string | JsonSchema): JsonSchema => (typeof json === 'string' ? { $ref: `#/components/schemas/${json}` } : json);

function response(answer: Answer): JsonSchema {
  const content: Record<string, JsonSchema> = {};
  if (answer.json !== undefined) content['application/json'] = { schema: schemaOf(answer.json) };
  for (const [media, schema] of Object.entries(answer.media ?? {})) content[media] = { schema };
  return {
    description: answer.description,
    ...(Object.keys(content).length > 0 ? { content } : {}),
    ...(answer.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
          ),
        }
      : {}),
  };
}

const SECURITY: Record<Operation['security'], JsonSchema[]> = {
  none: [],
  bearer: [{ bearerAuth: [] }],
  'bearer-or-query': [{ bearerAuth: [] }, { accessTokenQuery: [] }],
  signature: [{ identificationSignature: [] }],
};

const HEADER_PARAMETERS = { idempotency: 'IdempotencyKey', 'if-match': 'IfMatch', 'min-position': 'MinPosition' } as const;

function operationObject(operation: Operation): JsonSchema {
  const pathParameters = [...operation.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const parameters = [
    ...pathParameters,
    ...(operation.query ?? []).map((parameter) => ({
      name: parameter.name,
      in: parameter.in ?? 'query',
      description: parameter.description,
      schema: parameter.schema,
    })),
    ...(operation.headers ?? []).map((header) => ({ $ref: `#/components/parameters/${HEADER_PARAMETERS[header]}` })),
  ];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, answer] of Object.entries(operation.answers)) responses[status] = response(answer);
  const errors: Record<number, string> = { ...operation.errors };
  // API.md: any call may meet a store that is down (503), and every API key is rate limited (429).
  if (operation.path.startsWith('/api/') && !(503 in operation.answers)) errors[503] ??= 'the system cannot store or read right now';
  if (operation.security === 'bearer' || operation.security === 'bearer-or-query')
    errors[429] ??= 'rate limited (an API key: 600 requests a minute)';
  if (operation.path.startsWith('/api/')) errors[500] ??= 'an unexpected error (no details are given)';
  for (const [status, description] of Object.entries(errors)) responses[status] = problem(description, Number(status));

  let body: JsonSchema | undefined;
  if (operation.body && 'schema' in operation.body) {
    body = {
      required: operation.body.required ?? true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.body.schema}` } } },
    };
  } else if (operation.body) {
    body = {
      required: true,
      content: Object.fromEntries(Object.entries(operation.body.media).map(([media, schema]) => [media, { schema }])),
    };
  }

  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.planned ? `(planned) ${operation.summary}` : operation.summary,
    description: [
      `**Who:** ${operation.who}.`,
      operation.description ?? '',
      operation.planned ? '**Planned:** described by API.md, not served yet.' : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    security: SECURITY[operation.security],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
    ...(operation.planned ? { 'x-planned': true } : {}),
    ...(operation.embeddedOnly ? { 'x-embedded-only': true } : {}),
  };
}

/** The OpenAPI 3.1 document of every path of API.md. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of OPERATIONS) {
    const path = openApiPathOf(operation.path);
    const item = (paths[path] ??= {});
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is described twice`);
    item[operation.method] = operationObject(operation);
  }
  const schemas = { ...PROBLEM_SCHEMAS, ...ANSWER_SCHEMAS, ...dtoRequestSchemas(), ...HAND_WRITTEN_REQUEST_SCHEMAS };
  return {
    openapi: '3.1.0',
    info: {
      title: 'E-contract API',
      version: '1',
      summary: 'Remote document signing with a simple electronic signature',
      description:
        'The public HTTP contract of E-contract (shared/API.md): paths, methods, status codes and the named fields are fixed; ' +
        'answers may grow fields. Every 4xx/5xx is `application/problem+json` (RFC 9457). Operations marked `x-planned` are ' +
        'described by the contract and not served yet; `x-embedded-only` ones exist in the embedded default only.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'this server' }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'a token from `/api/auth/login` or `/api/signer/session`, an OIDC token in production, or an API key `ec_…`',
        },
        accessTokenQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'access_token',
          description: 'the bearer token as a query parameter (a browser `EventSource` cannot set headers)',
        },
        identificationSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`, refused when older than 5 minutes',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          description: 'the same key with the same body returns the first answer (kept 24 h); with another body, 422',
          schema: { type: 'string', maxLength: 200 },
        },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          description: "a bare decimal revision: 412 unless it equals the revision of the stream's last event",
          schema: { type: 'string', pattern: '^\\d+$' },
        },
        MinPosition: {
          name: 'X-Min-Position',
          in: 'header',
          description: "a command answer's `position`: the read waits up to 5 s for the read models to reach it, else 504",
          schema: { $ref: '#/components/schemas/LogPosition' },
        },
      },
      headers: {
        RetryAfter: { description: 'seconds to wait', schema: { type: 'integer', minimum: 0 } },
      },
    },
  };
}

let cached: JsonSchema | null = null;

/** The document, built once per process. */
export function openApiDocument(): JsonSchema {
  cached ??= buildOpenApiDocument();
  return cached;
}
