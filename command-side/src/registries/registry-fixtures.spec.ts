import { isValidCompanyInn, isValidOgrn, isValidOgrnip, isValidPersonalInn } from '@e-contract/contracts';
import { FIXTURE_COMPANIES, FIXTURE_SELF_EMPLOYED, FIXTURE_SOLE_PROPRIETORS } from './registry-fixtures.js';

describe('Registries: fixtures', () => {
  it('give every company a valid 10-digit INN, a valid OGRN and a valid director INN where there is one', () => {
    for (const company of FIXTURE_COMPANIES) {
      expect(company.kind).withContext(company.name).toBe('company');
      expect(isValidCompanyInn(company.inn)).withContext(company.name).toBeTrue();
      expect(isValidOgrn(company.ogrn)).withContext(company.name).toBeTrue();
      if (company.director.inn !== undefined) expect(isValidPersonalInn(company.director.inn)).withContext(company.name).toBeTrue();
    }
  });

  it('give every sole proprietor a valid personal INN, equal to the proprietor INN, and a valid OGRNIP', () => {
    for (const proprietor of FIXTURE_SOLE_PROPRIETORS) {
      expect(proprietor.kind).withContext(proprietor.name).toBe('sole_proprietor');
      expect(isValidPersonalInn(proprietor.inn)).withContext(proprietor.name).toBeTrue();
      expect(isValidOgrnip(proprietor.ogrn)).withContext(proprietor.name).toBeTrue();
      expect(proprietor.director.inn).withContext(proprietor.name).toBe(proprietor.inn);
    }
  });

  it('give every self-employed person a valid personal INN and an ISO start day', () => {
    for (const person of FIXTURE_SELF_EMPLOYED) {
      expect(isValidPersonalInn(person.inn)).withContext(person.fullName).toBeTrue();
      expect(person.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('cover the scenarios the README promises', () => {
    expect(FIXTURE_COMPANIES.length).toBeGreaterThanOrEqual(4);
    expect(FIXTURE_COMPANIES.some((c) => c.status === 'liquidated')).toBeTrue();
    expect(FIXTURE_COMPANIES.some((c) => c.status === 'active' && c.director.inn === undefined)).toBeTrue();
    expect(FIXTURE_SOLE_PROPRIETORS.length).toBeGreaterThanOrEqual(2);
    expect(FIXTURE_SELF_EMPLOYED.length).toBeGreaterThanOrEqual(2);
  });

  it('never reuse an INN or OGRN', () => {
    const records = [...FIXTURE_COMPANIES, ...FIXTURE_SOLE_PROPRIETORS];
    const inns = [
      ...records.map((r) => r.inn),
      ...FIXTURE_COMPANIES.flatMap((c) => c.director.inn ?? []),
      ...FIXTURE_SELF_EMPLOYED.map((p) => p.inn),
    ];
    expect(new Set(inns).size).toBe(inns.length);
    expect(new Set(records.map((r) => r.ogrn)).size).toBe(records.length);
  });
});
