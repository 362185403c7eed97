import type { CompanyRecord } from '@e-contract/contracts';

/** A registry's record is what `GET /api/companies/:inn` answers: the wire type in contracts. */
export type { CompanyKind, CompanyRecord, CompanyStatus } from '@e-contract/contracts';

/**
 * The company registry port: EGRUL/EGRIP facts about a company or a sole proprietor, looked up by
 * INN. The embedded default answers from fixtures; production asks DaData.
 */
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
