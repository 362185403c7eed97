import { validate } from 'class-validator';
import { IdentifiedPersonDto, isValidPersonalInn, sameFullName } from '@e-contract/contracts';
import { FIXTURE_COMPANIES, FIXTURE_SELF_EMPLOYED, FIXTURE_SOLE_PROPRIETORS } from './registry-fixtures.js';
import { TEST_PERSONAS } from './test-personas.js';

/** SNILS check number: digits weighted 9..1, mod 101, 100 written as 00. */
const isValidSnils = (snils: string): boolean => {
  const digits = snils.replace(/\D/g, '');
  if (digits.length !== 11) return false;
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const check = sum < 100 ? sum : sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(digits.slice(9));
};

describe('Registries: test personas', () => {
  it('have unique ids and INNs, valid personal INNs and SNILS, and pass IdentifiedPersonDto', async () => {
    expect(new Set(TEST_PERSONAS.map((p) => p.id)).size).toBe(TEST_PERSONAS.length);
    expect(new Set(TEST_PERSONAS.map((p) => p.inn)).size).toBe(TEST_PERSONAS.length);
    for (const persona of TEST_PERSONAS) {
      expect(isValidPersonalInn(persona.inn)).withContext(persona.id).toBeTrue();
      expect(isValidSnils(persona.snils)).withContext(persona.id).toBeTrue();
      expect(persona.label)
        .withContext(persona.id)
        .toMatch(/[А-Яа-я]/);
      const dto = IdentifiedPersonDto.fromPlain({
        fullName: persona.fullName,
        inn: persona.inn,
        snils: persona.snils,
        confirmed: persona.confirmed,
      });
      expect(await validate(dto))
        .withContext(persona.id)
        .toEqual([]);
    }
  });

  it('hold a confirmed director for every test company, matching the registry name and INN', () => {
    for (const company of FIXTURE_COMPANIES) {
      const director = TEST_PERSONAS.find((p) => p.role === 'director' && p.actsForInn === company.inn);
      expect(director).withContext(company.name).toBeDefined();
      expect(sameFullName(director?.fullName ?? '', company.director.fullName))
        .withContext(company.name)
        .toBeTrue();
      if (company.director.inn !== undefined) expect(director?.inn).withContext(company.name).toBe(company.director.inn);
      expect(director?.confirmed).withContext(company.name).toBeTrue();
      expect(director?.label).toContain(company.name);
    }
  });

  it('hold every sole proprietor and self-employed person with their registry INN', () => {
    for (const proprietor of FIXTURE_SOLE_PROPRIETORS) {
      expect(
        TEST_PERSONAS.some(
          (p) => p.role === 'sole_proprietor' && p.inn === proprietor.inn && sameFullName(p.fullName, proprietor.director.fullName),
        ),
      )
        .withContext(proprietor.name)
        .toBeTrue();
    }
    for (const person of FIXTURE_SELF_EMPLOYED) {
      expect(TEST_PERSONAS.some((p) => p.role === 'self_employed' && p.inn === person.inn && sameFullName(p.fullName, person.fullName)))
        .withContext(person.fullName)
        .toBeTrue();
    }
  });

  it('hold at least two confirmed GPH individuals and one person with an unconfirmed account', () => {
    expect(TEST_PERSONAS.filter((p) => p.role === 'individual' && p.confirmed).length).toBeGreaterThanOrEqual(2);
    expect(TEST_PERSONAS.filter((p) => !p.confirmed).length).toBe(1);
  });
});
