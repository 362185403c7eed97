import { RegistryUnavailable } from './company-registry.js';

/** What the adapters need of `fetch`: injectable, so that specs can answer without a network. */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * POSTs JSON and reads a JSON answer of any status; network failures and timeouts become
 * `RegistryUnavailable`. Error texts name the registry and the failure kind only: never the
 * request headers, where an API key travels.
 */
export async function postJson(
  registry: string,
  fetchFn: FetchFn,
  url: string,
  payload: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error: unknown) {
    const kind = error instanceof Error ? error.name : 'unknown error';
    throw new RegistryUnavailable(registry, kind === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `request failed (${kind})`);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    // Gateways answer HTML on outages; the status alone then tells the caller what happened.
    body = null;
  }
  return { status: response.status, body };
}

export const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
