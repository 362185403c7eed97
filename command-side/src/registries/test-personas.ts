import {
  IP_KUZNETSOV,
  IP_SMIRNOVA,
  LUCH,
  NPD_SOKOLOVA,
  NPD_VOLKOV,
  ROMASHKA,
  SEVERNY_VETER,
  VEKTOR,
  ZAKAT,
  type SelfEmployedRecord,
} from './registry-fixtures.js';
import type { CompanyRecord } from './company-registry.js';

/**
 * The people of the sandbox "Gosuslugi" page: what ESIA would answer for each of them. Names and
 * INNs are taken from the registry fixtures, so that picking a director identifies them as the
 * registry's director (and a wrong pick fails the way a real mismatch would).
 */
export type PersonaRole = 'director' | 'sole_proprietor' | 'self_employed' | 'individual';

export interface TestPersona {
  /** Stable slug, for tests and the page. */
  id: string;
  /** Who this is, in Russian, as the sandbox page shows it. */
  label: string;
  role: PersonaRole;
  fullName: string;
  /** 12-digit personal INN with valid check digits. */
  inn: string;
  snils: string;
  /** Whether the ESIA account is confirmed (only confirmed accounts may sign). */
  confirmed: boolean;
  /** The registry INN this person acts for (company, sole proprietor), if any. */
  actsForInn?: string;
}

const directorOf = (id: string, company: CompanyRecord, snils: string, innWhereRegistryHasNone?: string): TestPersona => ({
  id,
  label: `Директор ${company.name}`,
  role: 'director',
  fullName: company.director.fullName,
  inn: company.director.inn ?? innWhereRegistryHasNone ?? '',
  snils,
  confirmed: true,
  actsForInn: company.inn,
});

const proprietor = (id: string, record: CompanyRecord, snils: string): TestPersona => ({
  id,
  label: `Индивидуальный предприниматель, ОГРНИП ${record.ogrn}`,
  role: 'sole_proprietor',
  fullName: record.director.fullName,
  inn: record.inn,
  snils,
  confirmed: true,
  actsForInn: record.inn,
});

const selfEmployed = (id: string, record: SelfEmployedRecord, snils: string): TestPersona => ({
  id,
  label: `Самозанятый: плательщик НПД с ${record.since.split('-').reverse().join('.')}`,
  role: 'self_employed',
  fullName: record.fullName,
  inn: record.inn,
  snils,
  confirmed: true,
});

export const TEST_PERSONAS: readonly TestPersona[] = [
  directorOf('director-romashka', ROMASHKA, '112-233-445 95'),
  directorOf('director-severny-veter', SEVERNY_VETER, '123-456-701 40'),
  // The registry lacks this director's INN; ESIA still has one.
  {
    ...directorOf('director-vektor', VEKTOR, '134-679-852 02', '502701112327'),
    label: `Директор ${VEKTOR.name} (в реестре нет ИНН директора)`,
  },
  { ...directorOf('director-zakat', ZAKAT, '145-236-987 76'), label: `Директор ${ZAKAT.name} (компания ликвидирована)` },
  { ...directorOf('director-luch', LUCH, '156-321-478 56'), label: `Директор ${LUCH.name} (в стадии ликвидации)` },
  proprietor('ip-smirnova', IP_SMIRNOVA, '167-894-523 35'),
  proprietor('ip-kuznetsov', IP_KUZNETSOV, '178-965-432 43'),
  selfEmployed('npd-sokolova', NPD_SOKOLOVA, '189-654-723 39'),
  selfEmployed('npd-volkov', NPD_VOLKOV, '190-876-543 12'),
  {
    id: 'gph-morozov',
    label: 'Физлицо, исполнитель по договору ГПХ',
    role: 'individual',
    fullName: 'Морозов Сергей Николаевич',
    inn: '770512345019',
    snils: '201-345-678 22',
    confirmed: true,
  },
  {
    id: 'gph-novikova',
    label: 'Физлицо, исполнитель по договору ГПХ',
    role: 'individual',
    fullName: 'Новикова Елена Викторовна',
    inn: '500198765480',
    snils: '212-457-896 64',
    confirmed: true,
  },
  {
    id: 'gph-lebedev-unconfirmed',
    label: 'Физлицо ГПХ с НЕподтверждённой учётной записью',
    role: 'individual',
    fullName: 'Лебедев Павел Игоревич',
    inn: '770224681039',
    snils: '223-568-974 91',
    confirmed: false,
  },
];
