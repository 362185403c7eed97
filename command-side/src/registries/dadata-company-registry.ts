import { isValidPersonalInn, normalizeFullName, sameFullName } from '@e-contract/contracts';
import { RegistryUnavailable, type CompanyRecord, type CompanyRegistry, type CompanyStatus } from './company-registry.js';
import { asRecord, asString, postJson, type FetchFn } from './registry-http.js';

export interface DadataCompanyRegistryOptions {
  apiKey: string;
  /** Default: DaData's public suggestions API. */
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: FetchFn;
}

const DEFAULT_BASE_URL = 'https://suggestions.dadata.ru/suggestions/api/4_1/rs';

/**
 * Production company registry over DaData's "findById/party" (EGRUL/EGRIP by INN). Request:
 * `{query: inn, type, branch_type: "MAIN"}` (head office only: a branch has its own KPP, not its
 * own director). Answer: `{suggestions: [{value, data: {inn, ogrn, type, name, management, fio,
 * managers?, state: {status}}}]}`.
 */
export class DadataCompanyRegistry implements CompanyRegistry {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchFn;

  constructor(private readonly options: DadataCompanyRegistryOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  async findByInn(inn: string): Promise<CompanyRecord | null> {
    const type = inn.length === 12 ? 'INDIVIDUAL' : 'LEGAL';
    const answer = await postJson(
      'dadata',
      this.fetchImpl,
      `${this.baseUrl}/findById/party`,
      { query: inn, type, branch_type: 'MAIN' },
      { Authorization: `Token ${this.options.apiKey}` },
      this.timeoutMs,
    );
    if (answer.status < 200 || answer.status > 299) throw new RegistryUnavailable('dadata', `HTTP ${answer.status}`);
    const suggestions = asRecord(answer.body)?.['suggestions'];
    if (!Array.isArray(suggestions)) throw new RegistryUnavailable('dadata', 'answer without suggestions');

    const parties = suggestions
      .map((s) => asRecord(asRecord(s)?.['data']))
      .filter((d): d is Record<string, unknown> => d !== null && d['inn'] === inn);
    // One person can have several EGRIP entries over the years (closed, then opened again): the
    // live one is the one that counts.
    const party = parties.find((d) => asRecord(d['state'])?.['status'] === 'ACTIVE') ?? parties[0];
    if (!party) return null;
    return toCompanyRecord(inn, party, asString(asRecord(suggestions[0])?.['value']));
  }
}

function toCompanyRecord(inn: string, data: Record<string, unknown>, value: string | undefined): CompanyRecord {
  const ogrn = asString(data['ogrn']);
  if (!ogrn) throw new RegistryUnavailable('dadata', 'party without OGRN');
  const names = asRecord(data['name']);
  const name = asString(names?.['short_with_opf']) ?? asString(names?.['full_with_opf']) ?? value ?? inn;
  const status = statusOf(asString(asRecord(data['state'])?.['status']));

  if (data['type'] === 'INDIVIDUAL' || inn.length === 12) {
    const fullName = fioOf(data['fio']) ?? asString(names?.['full']);
    if (!fullName) throw new RegistryUnavailable('dadata', 'sole proprietor without a name');
    return { inn, ogrn, name, kind: 'sole_proprietor', status, director: { fullName, inn } };
  }

  const fullName = asString(asRecord(data['management'])?.['name']);
  if (!fullName) throw new RegistryUnavailable('dadata', 'company without a director');
  const director: CompanyRecord['director'] = { fullName: normalizeFullName(fullName) };
  const directorInn = managerInn(data['managers'], fullName);
  if (directorInn) director.inn = directorInn;
  return { inn, ogrn, name, kind: 'company', status, director };
}

/**
 * DaData's `state.status`: ACTIVE, LIQUIDATING, LIQUIDATED, BANKRUPT, REORGANIZING. A company in
 * reorganisation still exists and acts through its director; bankruptcy leads to liquidation.
 * An unknown value counts as not active: refusing a signature beats accepting a dead company's.
 */
function statusOf(state: string | undefined): CompanyStatus {
  switch (state) {
    case 'ACTIVE':
    case 'REORGANIZING':
      return 'active';
    case 'LIQUIDATED':
      return 'liquidated';
    default:
      return 'liquidating';
  }
}

const fioOf = (value: unknown): string | undefined => {
  const fio = asRecord(value);
  if (!fio) return undefined;
  const parts = [fio['surname'], fio['name'], fio['patronymic']].map(asString).filter((p): p is string => p !== undefined);
  return parts.length >= 2 ? parts.join(' ') : undefined;
};

/** The director's personal INN, when DaData lists managers (not on every plan) and one is the director. */
function managerInn(managers: unknown, directorName: string): string | undefined {
  if (!Array.isArray(managers)) return undefined;
  for (const entry of managers) {
    const manager = asRecord(entry);
    const name = fioOf(manager?.['fio']);
    const inn = asString(manager?.['inn']);
    if (name && inn && sameFullName(name, directorName) && isValidPersonalInn(inn)) return inn;
  }
  return undefined;
}
