import { RegistryUnavailable, type CompanyStatus } from './company-registry.js';
import { DadataCompanyRegistry } from './dadata-company-registry.js';
import type { FetchFn } from './registry-http.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake `fetch` that records each call and answers with the given status and JSON. */
const fakeFetch =
  (status: number, body: unknown, calls: Call[] = []): FetchFn =>
  (url, init) => {
    calls.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  };

const legal = (overrides: Record<string, unknown> = {}) => ({
  value: 'ООО "РОМАШКА"',
  data: {
    inn: '7709012344',
    ogrn: '1187746123454',
    type: 'LEGAL',
    name: { short_with_opf: 'ООО "РОМАШКА"', full_with_opf: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"' },
    management: { name: 'Иванов  Иван Иванович', post: 'ГЕНЕРАЛЬНЫЙ ДИРЕКТОР' },
    state: { status: 'ACTIVE' },
    ...overrides,
  },
});

describe('Registries: DadataCompanyRegistry', () => {
  const key = 'secret-api-key-123';

  it('asks findById/party for the head office with the token header', async () => {
    const calls: Call[] = [];
    await new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [] }, calls) }).findByInn('7709012344');
    expect(calls.length).toBe(1);
    expect(calls[0]?.url).toBe('https://suggestions.dadata.ru/suggestions/api/4_1/rs/findById/party');
    expect(calls[0]?.init.method).toBe('POST');
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers['Authorization']).toBe(`Token ${key}`);
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ query: '7709012344', type: 'LEGAL', branch_type: 'MAIN' });
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('maps a company, taking the director INN from the managers list when it is there', async () => {
    const managers = [
      { inn: '770901234505', fio: { surname: 'Иванов', name: 'Иван', patronymic: 'Иванович' }, post: 'ГЕНЕРАЛЬНЫЙ ДИРЕКТОР' },
    ];
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [legal({ managers })] }) });
    expect(await registry.findByInn('7709012344')).toEqual({
      inn: '7709012344',
      ogrn: '1187746123454',
      name: 'ООО "РОМАШКА"',
      kind: 'company',
      status: 'active',
      director: { fullName: 'Иванов Иван Иванович', inn: '770901234505' },
    });
  });

  it('leaves the director INN out when DaData does not give it', async () => {
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [legal()] }) });
    const record = await registry.findByInn('7709012344');
    expect(record?.director).toEqual({ fullName: 'Иванов Иван Иванович' });
  });

  it('maps a sole proprietor: the proprietor is the director, with the personal INN', async () => {
    const calls: Call[] = [];
    const party = {
      value: 'ИП Смирнова Анна Сергеевна',
      data: {
        inn: '772455667780',
        ogrn: '319774600123453',
        type: 'INDIVIDUAL',
        name: { full: 'Смирнова Анна Сергеевна', short_with_opf: 'ИП Смирнова Анна Сергеевна' },
        fio: { surname: 'Смирнова', name: 'Анна', patronymic: 'Сергеевна' },
        state: { status: 'ACTIVE' },
      },
    };
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [party] }, calls) });
    expect(await registry.findByInn('772455667780')).toEqual({
      inn: '772455667780',
      ogrn: '319774600123453',
      name: 'ИП Смирнова Анна Сергеевна',
      kind: 'sole_proprietor',
      status: 'active',
      director: { fullName: 'Смирнова Анна Сергеевна', inn: '772455667780' },
    });
    expect(JSON.parse(String(calls[0]?.init.body)).type).toBe('INDIVIDUAL');
  });

  it('prefers the active entry when a person has several', async () => {
    const closed = legal({ ogrn: '1000000000000', state: { status: 'LIQUIDATED' } });
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [closed, legal()] }) });
    expect((await registry.findByInn('7709012344'))?.ogrn).toBe('1187746123454');
  });

  it('maps the registry states to active, liquidating and liquidated', async () => {
    const expected: Record<string, CompanyStatus> = {
      ACTIVE: 'active',
      REORGANIZING: 'active',
      LIQUIDATING: 'liquidating',
      BANKRUPT: 'liquidating',
      LIQUIDATED: 'liquidated',
      SOMETHING_NEW: 'liquidating',
    };
    for (const [state, status] of Object.entries(expected)) {
      const registry = new DadataCompanyRegistry({
        apiKey: key,
        fetchImpl: fakeFetch(200, { suggestions: [legal({ state: { status: state } })] }),
      });
      expect((await registry.findByInn('7709012344'))?.status)
        .withContext(state)
        .toBe(status);
    }
  });

  it('answers null when DaData knows no such INN', async () => {
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { suggestions: [] }) });
    expect(await registry.findByInn('7709012344')).toBeNull();
  });

  it('reports an HTTP error as RegistryUnavailable without the key', async () => {
    const registry = new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(403, { message: 'forbidden' }) });
    const error = await registry.findByInn('7709012344').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryUnavailable);
    expect(String((error as Error).message)).toContain('403');
    expect(String((error as Error).message)).not.toContain(key);
  });

  it('reports a timeout and a malformed answer as RegistryUnavailable', async () => {
    const timeout: FetchFn = () => Promise.reject(new DOMException('The operation timed out', 'TimeoutError'));
    await expectAsync(new DadataCompanyRegistry({ apiKey: key, fetchImpl: timeout }).findByInn('7709012344')).toBeRejectedWithError(
      RegistryUnavailable,
      /no answer within/,
    );
    await expectAsync(
      new DadataCompanyRegistry({ apiKey: key, fetchImpl: fakeFetch(200, { unexpected: true }) }).findByInn('7709012344'),
    ).toBeRejectedWithError(RegistryUnavailable);
  });
});
