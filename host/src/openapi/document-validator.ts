import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '@e-contract/command-side';

/**
 * The OpenAPI document as a validator (Ajv 8, JSON Schema 2020-12, formats asserted): the schema of
 * an answer or a request body for a path, method and status, so that specs hold the server to the
 * document. The document's `#/components/schemas/X` references become `#/$defs/X` of each compiled
 * schema.
 */

type Json = Record<string, unknown>;
// ajv-formats is CommonJS with a default export; under NodeNext its default sits one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const document = openApiDocument() as Json;
const components = (document['components'] as Json)['schemas'] as Record<string, Json>;
const paths = document['paths'] as Record<string, Record<string, Json>>;

const retarget = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(retarget);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? inner.replace('#/components/schemas/', '#/$defs/') : retarget(inner),
    ]),
  );
};
const defs = retarget(components) as Record<string, Json>;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(['x-dto', 'x-maxLengthAfterTrimming']);

const compiled = new Map<string, ValidateFunction>();
function validatorOf(key: string, schema: Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile({ ...(retarget(schema) as Json), $defs: defs });
    compiled.set(key, validate);
  }
  return validate;
}

/** The document's path template that a concrete path matches (`/api/deals/abc` → `/api/deals/{id}`), literal paths first. */
export function templateOf(path: string): string | null {
  const templates = Object.keys(paths).sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  for (const template of templates) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return template;
  }
  return null;
}

export const operationOf = (template: string, method: string): Json | null => paths[template]?.[method.toLowerCase()] ?? null;

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);

/**
 * What is wrong with an answer per the document: `[]` when it matches, or when the document does
 * not describe that path (an unknown path's 404, the web app's pages). A described operation must
 * list the status, and a JSON body must match that status's schema for its media type.
 */
export function answerMismatches(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
  const path = url.split('?')[0] ?? url;
  const template = templateOf(path);
  if (!template) return [];
  const operation = operationOf(template, method);
  if (!operation) return [];
  const responses = operation['responses'] as Record<string, Json>;
  const response = responses[String(status)];
  const where = `${method} ${template} → ${status}`;
  if (!response) return [`${where}: the document lists no ${status} (it lists ${Object.keys(responses).join(', ')})`];
  const media = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (!media.endsWith('json')) return [];
  const content = response['content'] as Record<string, { schema: Json }> | undefined;
  const schema = content?.[media]?.schema;
  if (!schema) return [`${where}: the document has no ${media} body for it`];
  const validate = validatorOf(`${where} ${media}`, schema);
  return validate(body) ? [] : describe(validate.errors).map((message) => `${where}: ${message}`);
}

/** Whether the document calls a request body valid for an operation (`[]`: valid). */
export function requestMismatches(method: string, template: string, body: unknown): string[] {
  const operation = operationOf(template, method);
  const schema = ((operation?.['requestBody'] as Json | undefined)?.['content'] as Record<string, { schema: Json }> | undefined)?.[
    'application/json'
  ]?.schema;
  if (!schema) throw new Error(`${method} ${template} takes no JSON body in the document`);
  const validate = validatorOf(`request ${method} ${template}`, schema);
  return validate(body) ? [] : describe(validate.errors);
}

/** A request schema of the document with its references resolved one level (for building bodies). */
export function requestSchemaOf(method: string, template: string): Json {
  const operation = operationOf(template, method);
  const schema = ((operation?.['requestBody'] as Json)['content'] as Record<string, { schema: Json }>)['application/json']!.schema;
  const ref = schema['$ref'];
  return typeof ref === 'string' ? components[ref.replace('#/components/schemas/', '')]! : schema;
}

/** Compiles every answer and request schema of the document (Ajv strict mode): `[]`, or what does not compile. */
export function uncompilableSchemas(): string[] {
  const problems: string[] = [];
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const bodies: [string, Json][] = [];
      for (const [media, { schema }] of Object.entries(
        ((operation['requestBody'] as Json | undefined)?.['content'] ?? {}) as Record<string, { schema: Json }>,
      ))
        bodies.push([`request ${media}`, schema]);
      for (const [status, response] of Object.entries(operation['responses'] as Record<string, Json>))
        for (const [media, { schema }] of Object.entries((response['content'] ?? {}) as Record<string, { schema: Json }>))
          if (media.endsWith('json')) bodies.push([`${status} ${media}`, schema]);
      for (const [what, schema] of bodies) {
        try {
          validatorOf(`compile ${method} ${template} ${what}`, schema);
        } catch (error) {
          problems.push(`${method.toUpperCase()} ${template} ${what}: ${(error as Error).message}`);
        }
      }
    }
  }
  return problems;
}
