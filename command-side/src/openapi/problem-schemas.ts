import type { JsonSchema } from './json-schema.js';

/**
 * API.md, "Errors": every 4xx/5xx is `application/problem+json` (RFC 9457) — `{type, title, status,
 * detail}`, plus `errors: [{field, message}]` for a failed validation and the extensions some
 * refusals carry (`attemptsLeft`, `expired`, the taken `externalId`'s `processId`, `retryAfter`).
 */
export const PROBLEM_SCHEMAS: Record<string, JsonSchema> = {
  FieldError: {
    type: 'object',
    properties: {
      field: { type: 'string', description: 'the path in the body (`signer.inn`)' },
      message: { type: 'string' },
      code: { type: 'string', description: 'the constraint (`isString`, `signer_inn`, …)' },
    },
    required: ['field', 'message'],
  },
  Problem: {
    type: 'object',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      attemptsLeft: { type: 'integer', minimum: 0, description: 'a wrong or expired one-time code' },
      expired: { type: 'boolean', description: 'the code expired or is used up: request a new one' },
      processId: { type: 'string', description: 'a taken `externalId`: the process that holds it' },
      retryAfter: { type: 'integer', description: 'seconds, as the `Retry-After` header' },
    },
    required: ['type', 'title', 'status', 'detail'],
  },
};
