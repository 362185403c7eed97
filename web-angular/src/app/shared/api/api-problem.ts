import { HttpErrorResponse } from '@angular/common/http';

/** One bad field of a request body, named by its path (`signer.inn`, `documents[0].documentId`). */
export interface ApiFieldError {
  field: string;
  message: string;
  /** The rule that failed (`signer_inn`, `isUuid`, …): the key of its Russian text in the catalogue. */
  code: string;
}

/**
 * Every failed API call, as the problem interceptor hands it on (RFC 9457 problem+json, API.md
 * "Errors"). A plain object, so that actions can carry it. `code` is the last segment of `type`
 * (`https://e-contract.dev/problems/code-rejected` → `code-rejected`): what the UI switches on.
 */
export interface ApiProblem {
  status: number;
  type: string;
  code: string;
  title: string;
  detail: string;
  errors?: ApiFieldError[];
  /** 422 on a wrong one-time code. */
  attemptsLeft?: number;
  /** 422 when the code expired or is used up: a new one must be requested. */
  expired?: boolean;
  /** 429 (and 503): seconds to wait, from the body or the `Retry-After` header. */
  retryAfter?: number;
}

/** Status 0: the request never got an answer (offline, server down, CORS). */
export const NETWORK_PROBLEM_CODE = 'network';

export function isApiProblem(value: unknown): value is ApiProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiProblem).status === 'number' &&
    typeof (value as ApiProblem).code === 'string' &&
    typeof (value as ApiProblem).type === 'string'
  );
}

/** The last path segment of a problem type URI. */
const codeOfType = (type: string): string =>
  type
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .pop() || type;

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const numberOr = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function fieldErrorsOf(value: unknown): ApiFieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value
    .map(asRecord)
    .filter((e): e is Record<string, unknown> => e !== null && typeof e['field'] === 'string')
    .map((e) => ({
      field: String(e['field']),
      message: typeof e['message'] === 'string' ? e['message'] : '',
      code: typeof e['code'] === 'string' ? e['code'] : 'invalid',
    }));
  return errors.length > 0 ? errors : undefined;
}

/** Parses a response body (already JSON, or text) into a problem for `status`. */
export function problemOf(status: number, body: unknown, retryAfterHeader: string | null = null): ApiProblem {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  const record = asRecord(parsed) ?? {};
  const type = typeof record['type'] === 'string' && record['type'] !== '' ? record['type'] : 'about:blank';
  const code = type === 'about:blank' ? (status === 0 ? NETWORK_PROBLEM_CODE : `http-${status}`) : codeOfType(type);
  const problem: ApiProblem = {
    status: numberOr(record['status']) ?? status,
    type,
    code,
    title: typeof record['title'] === 'string' ? record['title'] : '',
    detail: typeof record['detail'] === 'string' ? record['detail'] : '',
  };
  const errors = fieldErrorsOf(record['errors']);
  if (errors) problem.errors = errors;
  const attemptsLeft = numberOr(record['attemptsLeft']);
  if (attemptsLeft !== undefined) problem.attemptsLeft = attemptsLeft;
  if (record['expired'] === true) problem.expired = true;
  const retryAfter = numberOr(record['retryAfter']) ?? retryAfterSeconds(retryAfterHeader);
  if (retryAfter !== undefined) problem.retryAfter = retryAfter;
  return problem;
}

/** `Retry-After`: seconds, or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = numberOr(header);
  if (seconds !== undefined) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * An `HttpErrorResponse` as a problem. A `responseType: 'blob'` request (downloads) gets its error
 * body as a Blob: it is read as text first, hence the promise.
 */
export async function problemOfHttpError(error: HttpErrorResponse): Promise<ApiProblem> {
  const body: unknown = error.error instanceof Blob ? await error.error.text().catch(() => null) : error.error;
  return problemOf(error.status, error.status === 0 ? null : body, error.headers?.get('Retry-After') ?? null);
}

/** Anything thrown by an API call, as a problem (an unexpected error becomes a status-0 problem). */
export function toApiProblem(error: unknown): ApiProblem {
  if (isApiProblem(error)) return error;
  if (error instanceof HttpErrorResponse) return problemOf(error.status, error.error, error.headers?.get('Retry-After') ?? null);
  return {
    status: 0,
    type: 'about:blank',
    code: 'client-error',
    title: '',
    detail: error instanceof Error ? error.message : String(error),
  };
}
