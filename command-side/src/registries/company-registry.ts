/**
 * The company registry port: EGRUL/EGRIP facts about a company or a sole proprietor, looked up by
 * INN. The embedded default answers from fixtures; production asks DaData.
 */
export type CompanyKind = 'company' | 'sole_proprietor';
export type CompanyStatus = 'active' | 'liquidating' | 'liquidated';

export interface CompanyRecord {
  /** 10 digits for a company; the proprietor's personal 12-digit INN for a sole proprietor. */
  inn: string;
  /** OGRN (13 digits) for a company, OGRNIP (15 digits) for a sole proprietor. */
  ogrn: string;
  name: string;
  kind: CompanyKind;
  status: CompanyStatus;
  /** The head of the company; for a sole proprietor, the proprietor. The registry may lack the INN. */
  director: { fullName: string; inn?: string };
}

export interface CompanyRegistry {
  /** `null` when the registry does not know the INN; rejects with `RegistryUnavailable` when it cannot tell. */
  findByInn(inn: string): Promise<CompanyRecord | null>;
}

/**
 * An outside registry could not answer (network, timeout, 5xx, unexpected shape). Distinct from
 * "not found" so that callers never mistake an outage for a negative answer.
 */
export class RegistryUnavailable extends Error {
  override readonly name = 'RegistryUnavailable';
  constructor(
    readonly registry: string,
    detail: string,
  ) {
    super(`${registry}: ${detail}`);
  }
}
