import type { CompanyRecord, CompanyRegistry } from './company-registry.js';
import { FIXTURE_COMPANIES, FIXTURE_SOLE_PROPRIETORS } from './registry-fixtures.js';

/** The embedded stand-in for DaData: answers from the fixture list (or a list a test gives). */
export class FixtureCompanyRegistry implements CompanyRegistry {
  private readonly byInn: ReadonlyMap<string, CompanyRecord>;

  constructor(records: readonly CompanyRecord[] = [...FIXTURE_COMPANIES, ...FIXTURE_SOLE_PROPRIETORS]) {
    this.byInn = new Map(records.map((record) => [record.inn, record]));
  }

  findByInn(inn: string): Promise<CompanyRecord | null> {
    const record = this.byInn.get(inn);
    // A copy, so that a caller changing its answer cannot change the registry.
    return Promise.resolve(record ? structuredClone(record) : null);
  }
}
