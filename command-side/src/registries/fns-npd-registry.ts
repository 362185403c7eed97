import { RegistryUnavailable } from './company-registry.js';
import { moscowDay, type NpdRegistry } from './npd-registry.js';
import { asRecord, asString, postJson, type FetchFn } from './registry-http.js';

export interface FnsNpdRegistryOptions {
  /** Default: the tax service's public NPD status API. */
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: FetchFn;
}

const DEFAULT_BASE_URL = 'https://statusnpd.nalog.ru';

/**
 * Production NPD registry over the tax service's public status API:
 * `POST /api/v1/tracker/taxpayer_status` with `{inn, requestDate: "YYYY-MM-DD"}` answers 200
 * `{status: boolean, message}`; errors come as `{code, message}` with a 4xx (the service limits
 * requests per client, so a 429 is an outage for us, not a "no").
 */
export class FnsNpdRegistry implements NpdRegistry {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchFn;

  constructor(options: FnsNpdRegistryOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  async isSelfEmployed(inn: string, on: Date): Promise<boolean> {
    const answer = await postJson(
      'fns-npd',
      this.fetchImpl,
      `${this.baseUrl}/api/v1/tracker/taxpayer_status`,
      { inn, requestDate: moscowDay(on) },
      {},
      this.timeoutMs,
    );
    const body = asRecord(answer.body);
    if (answer.status < 200 || answer.status > 299) {
      const code = asString(body?.['code']);
      throw new RegistryUnavailable('fns-npd', `HTTP ${answer.status}${code ? ` (${code})` : ''}`);
    }
    const status = body?.['status'];
    if (typeof status !== 'boolean') throw new RegistryUnavailable('fns-npd', 'answer without a boolean status');
    return status;
  }
}
