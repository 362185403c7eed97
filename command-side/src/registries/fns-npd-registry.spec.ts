import { RegistryUnavailable } from './company-registry.js';
import { FnsNpdRegistry } from './fns-npd-registry.js';
import type { FetchFn } from './registry-http.js';

interface Call {
  url: string;
  init: RequestInit;
}

const fakeFetch =
  (status: number, body: unknown, calls: Call[] = []): FetchFn =>
  (url, init) => {
    calls.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  };

describe('Registries: FnsNpdRegistry', () => {
  it('posts the INN and the Moscow calendar day to the taxpayer status API', async () => {
    const calls: Call[] = [];
    const registry = new FnsNpdRegistry({
      fetchImpl: fakeFetch(200, { status: true, message: '773611223320 является плательщиком НПД' }, calls),
    });
    expect(await registry.isSelfEmployed('773611223320', new Date('2025-03-31T22:00:00Z'))).toBeTrue();
    expect(calls[0]?.url).toBe('https://statusnpd.nalog.ru/api/v1/tracker/taxpayer_status');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ inn: '773611223320', requestDate: '2025-04-01' });
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('answers false when the person is not self-employed', async () => {
    const registry = new FnsNpdRegistry({ fetchImpl: fakeFetch(200, { status: false, message: 'не является плательщиком НПД' }) });
    expect(await registry.isSelfEmployed('770512345019', new Date('2025-04-01T12:00:00Z'))).toBeFalse();
  });

  it('treats a refusal (rate limit, validation) and a shapeless answer as unavailable, never as "no"', async () => {
    const limited = new FnsNpdRegistry({ fetchImpl: fakeFetch(429, { code: 'taxpayer.status.service.limited.error', message: 'limit' }) });
    await expectAsync(limited.isSelfEmployed('773611223320', new Date())).toBeRejectedWithError(RegistryUnavailable, /429.*limited/);
    const shapeless = new FnsNpdRegistry({ fetchImpl: fakeFetch(200, { message: 'ok' }) });
    await expectAsync(shapeless.isSelfEmployed('773611223320', new Date())).toBeRejectedWithError(RegistryUnavailable);
    const down: FetchFn = () => Promise.reject(new TypeError('fetch failed'));
    await expectAsync(new FnsNpdRegistry({ fetchImpl: down }).isSelfEmployed('773611223320', new Date())).toBeRejectedWithError(
      RegistryUnavailable,
      /request failed/,
    );
  });
});
