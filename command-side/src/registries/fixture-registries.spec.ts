import { FixtureCompanyRegistry } from './fixture-company-registry.js';
import { FixtureNpdRegistry } from './fixture-npd-registry.js';
import { IP_SMIRNOVA, NPD_SOKOLOVA, ROMASHKA, VEKTOR } from './registry-fixtures.js';

describe('Registries: fixture adapters', () => {
  const companies = new FixtureCompanyRegistry();

  it('find a company and a sole proprietor by INN', async () => {
    expect(await companies.findByInn(ROMASHKA.inn)).toEqual(ROMASHKA);
    expect(await companies.findByInn(IP_SMIRNOVA.inn)).toEqual(IP_SMIRNOVA);
    expect((await companies.findByInn(VEKTOR.inn))?.director.inn).toBeUndefined();
  });

  it('answer null for an unknown INN', async () => {
    expect(await companies.findByInn('7707083893')).toBeNull();
  });

  it('hand out copies, so a caller cannot change the registry', async () => {
    const first = await companies.findByInn(ROMASHKA.inn);
    if (first) first.director.fullName = 'Подменённый Директор';
    expect((await companies.findByInn(ROMASHKA.inn))?.director.fullName).toBe(ROMASHKA.director.fullName);
  });

  it('know a self-employed person from the registration day on, by Moscow calendar day', async () => {
    const npd = new FixtureNpdRegistry([{ ...NPD_SOKOLOVA, since: '2024-05-01', until: '2025-01-01' }]);
    expect(await npd.isSelfEmployed(NPD_SOKOLOVA.inn, new Date('2024-04-30T12:00:00Z'))).toBeFalse();
    // 21:30 UTC on 30 April is already 1 May in Moscow.
    expect(await npd.isSelfEmployed(NPD_SOKOLOVA.inn, new Date('2024-04-30T21:30:00Z'))).toBeTrue();
    expect(await npd.isSelfEmployed(NPD_SOKOLOVA.inn, new Date('2025-01-01T12:00:00Z'))).toBeFalse();
    expect(await npd.isSelfEmployed(IP_SMIRNOVA.inn, new Date('2024-06-01T12:00:00Z'))).toBeFalse();
  });

  it('know the default self-employed fixtures today', async () => {
    expect(await new FixtureNpdRegistry().isSelfEmployed(NPD_SOKOLOVA.inn, new Date())).toBeTrue();
  });
});
