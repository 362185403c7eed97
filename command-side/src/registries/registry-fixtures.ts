import type { CompanyRecord } from './company-registry.js';

/**
 * Invented test companies, sole proprietors and self-employed persons of the embedded registries.
 * Every number carries valid check digits: they were computed once with `withInnCheckDigits` /
 * `withOgrnCheckDigit` and are hard-coded so that they read the same in README-fixtures.md, in
 * the sandbox personas and in outside test suites (registry-fixtures.spec.ts re-checks them).
 */

export const ROMASHKA: CompanyRecord = {
  inn: '7709012344',
  ogrn: '1187746123454',
  name: 'ООО «Ромашка»',
  kind: 'company',
  status: 'active',
  director: { fullName: 'Иванов Иван Иванович', inn: '770901234505' },
};

export const SEVERNY_VETER: CompanyRecord = {
  inn: '7810045676',
  ogrn: '1207800123453',
  name: 'АО «Северный ветер»',
  kind: 'company',
  status: 'active',
  director: { fullName: 'Петрова Ольга Николаевна', inn: '781004567804' },
};

/** The registry has no director INN here: identification can match the full name only. */
export const VEKTOR: CompanyRecord = {
  inn: '5027011129',
  ogrn: '1215000123458',
  name: 'ООО «Вектор»',
  kind: 'company',
  status: 'active',
  director: { fullName: 'Сидоров Андрей Викторович' },
};

/** Liquidated: nobody may sign for it. The name has «ё», which must compare equal to «е». */
export const ZAKAT: CompanyRecord = {
  inn: '6623009877',
  ogrn: '1146658001236',
  name: 'ООО «Закат»',
  kind: 'company',
  status: 'liquidated',
  director: { fullName: 'Фёдоров Николай Петрович', inn: '662300987690' },
};

/** Being liquidated: still in the registry, but not active. */
export const LUCH: CompanyRecord = {
  inn: '5405013575',
  ogrn: '1175476043214',
  name: 'АО «Луч»',
  kind: 'company',
  status: 'liquidating',
  director: { fullName: 'Орлов Константин Сергеевич', inn: '540501357963' },
};

export const IP_SMIRNOVA: CompanyRecord = {
  inn: '772455667780',
  ogrn: '319774600123453',
  name: 'ИП Смирнова Анна Сергеевна',
  kind: 'sole_proprietor',
  status: 'active',
  director: { fullName: 'Смирнова Анна Сергеевна', inn: '772455667780' },
};

export const IP_KUZNETSOV: CompanyRecord = {
  inn: '165544332210',
  ogrn: '321169000543214',
  name: 'ИП Кузнецов Дмитрий Олегович',
  kind: 'sole_proprietor',
  status: 'active',
  director: { fullName: 'Кузнецов Дмитрий Олегович', inn: '165544332210' },
};

export const FIXTURE_COMPANIES: readonly CompanyRecord[] = [ROMASHKA, SEVERNY_VETER, VEKTOR, ZAKAT, LUCH];
export const FIXTURE_SOLE_PROPRIETORS: readonly CompanyRecord[] = [IP_SMIRNOVA, IP_KUZNETSOV];

/** A registration in the NPD registry: self-employed from `since` (inclusive) until `until` (exclusive), Moscow calendar days. */
export interface SelfEmployedRecord {
  inn: string;
  fullName: string;
  since: string;
  until?: string;
}

export const NPD_SOKOLOVA: SelfEmployedRecord = { inn: '773611223320', fullName: 'Соколова Мария Андреевна', since: '2021-03-15' };
export const NPD_VOLKOV: SelfEmployedRecord = { inn: '781399887705', fullName: 'Волков Алексей Петрович', since: '2023-09-01' };

export const FIXTURE_SELF_EMPLOYED: readonly SelfEmployedRecord[] = [NPD_SOKOLOVA, NPD_VOLKOV];
