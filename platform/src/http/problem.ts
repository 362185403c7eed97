import type { FieldError } from '@e-contract/contracts';

/**
 * An HTTP error answered as `application/problem+json` (RFC 9457). Routes and middleware throw it;
 * `problemHandler` writes it. `type` is a stable URI that clients and tests assert on.
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get type(): string {
    return `${PROBLEM_BASE}${this.slug}`;
  }
}

export const PROBLEM_BASE = 'https://e-contract.dev/problems/';

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation', 'Invalid request', detail, errors ? { errors } : {});
export const validationFailed = (errors: FieldError[]) =>
  new HttpProblem(
    400,
    'validation',
    'Invalid request',
    `${errors.length} field(s) failed validation: ${[...new Set(errors.map((e) => e.field))].join(', ')}`,
    { errors },
  );
export const unauthorized = (detail = 'A valid bearer token is required') =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = 'This role may not do this') => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail = 'No such resource') => new HttpProblem(404, 'not-found', 'Not found', detail);
export const tooLarge = (detail: string) => new HttpProblem(413, 'too-large', 'Payload too large', detail);
export const unsupportedMediaType = (detail: string) => new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'rate-limited',
    'Too many requests',
    detail,
    { retryAfter: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
export const conflict = (slug: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(409, slug, 'Conflict', detail, extensions);
export const unprocessable = (slug: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new HttpProblem(422, slug, 'Unprocessable request', detail, extensions);
