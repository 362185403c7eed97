import Papa from 'papaparse';
import {
  isPlainText,
  isRussianMobile,
  isValidCompanyInn,
  isValidFullName,
  isValidOgrn,
  isValidOgrnip,
  isValidPersonalInn,
  type SignerType,
} from '@e-contract/contracts/validation';
import type { CreateSigningProcessRequest, ProcessKind } from '../../shared/api/api-types';
import { MESSAGES } from '../../shared/i18n/messages.ru';

/**
 * The CSV of a batch (docs/batch-csv.md): one signing request per row, Russian headers as a
 * spreadsheet saves them (`;` or `,`, UTF-8 with or without BOM, or Windows-1251). Pure: parsing,
 * the rows' checks with the server's own rules (`@e-contract/contracts/validation`), and the body of
 * each item.
 */

export type CsvEncoding = 'utf-8' | 'windows-1251';

/** One row as read: the known columns' text (trimmed), and the spreadsheet line it came from. */
export interface BatchRow {
  line: number;
  fullName: string;
  inn: string;
  phone: string;
  type: string;
  ogrn: string;
  companyName: string;
  email: string;
  title: string;
  kind: string;
  file: string;
  documentTitle: string;
  externalId: string;
}

type Column = Exclude<keyof BatchRow, 'line'>;

/** Each column's headers (compared lower-case, `ё` as `е`, spaces and punctuation ignored). */
export const CSV_COLUMNS: Record<Column, readonly string[]> = {
  fullName: ['ФИО', 'Подписант', 'Ф.И.О.'],
  inn: ['ИНН'],
  phone: ['Телефон', 'Мобильный телефон'],
  type: ['Тип подписанта', 'Тип'],
  ogrn: ['ОГРН', 'ОГРНИП', 'ОГРН/ОГРНИП'],
  companyName: ['Организация', 'Наименование организации'],
  email: ['Email', 'E-mail', 'Эл. почта', 'Электронная почта'],
  title: ['Название', 'Название запроса'],
  kind: ['Вид документа', 'Вид'],
  file: ['Файл', 'Файл PDF', 'Имя файла'],
  documentTitle: ['Название документа'],
  externalId: ['Внешний ID', 'Внешний идентификатор', 'externalId'],
};

export const REQUIRED_COLUMNS: readonly Column[] = ['fullName', 'inn', 'phone'];

/** The signer types as people write them in the «Тип подписанта» column (the API's names work too). */
const SIGNER_TYPES: Record<string, SignerType> = {
  физлицо: 'individual',
  физическоелицо: 'individual',
  individual: 'individual',
  самозанятый: 'self_employed',
  selfemployed: 'self_employed',
  ип: 'sole_proprietor',
  индивидуальныйпредприниматель: 'sole_proprietor',
  soleproprietor: 'sole_proprietor',
  юрлицо: 'legal_entity',
  юридическоелицо: 'legal_entity',
  организация: 'legal_entity',
  legalentity: 'legal_entity',
};

const KINDS: Record<string, ProcessKind> = {
  договор: 'contract',
  contract: 'contract',
  акт: 'act',
  act: 'act',
  допсоглашение: 'supplementary_agreement',
  дополнительноесоглашение: 'supplementary_agreement',
  supplementaryagreement: 'supplementary_agreement',
};

const key = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s._\-/()]+/g, '');

const HEADER_OF = new Map<string, Column>(
  (Object.entries(CSV_COLUMNS) as [Column, readonly string[]][]).flatMap(([column, names]) => names.map((name) => [key(name), column])),
);

/**
 * The text of a CSV file: as UTF-8 when it is valid UTF-8 (a BOM is dropped), else as Windows-1251
 * (what Excel's «CSV» saves on a Russian Windows) — or as the encoding the user chose.
 */
export function decodeCsv(bytes: ArrayBuffer, chosen: CsvEncoding | 'auto' = 'auto'): { text: string; encoding: CsvEncoding } {
  const strip = (text: string) => text.replace(/^\uFEFF/, '');
  if (chosen !== 'auto') return { text: strip(new TextDecoder(chosen).decode(bytes)), encoding: chosen };
  try {
    return { text: strip(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

export interface ParsedCsv {
  rows: BatchRow[];
  /** What makes the file unusable as a whole: a missing required column, no rows, too many. */
  problems: string[];
  /** Headers this page does not know (ignored). */
  ignored: string[];
}

export const MAX_ROWS = 1000;

/** Parses the CSV (papaparse: the delimiter is detected, quotes and line breaks in quotes handled). */
export function parseBatchCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...records] = parsed.data;
  const columns = header.map((name) => HEADER_OF.get(key(name)) ?? null);
  const problems: string[] = [];
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) problems.push(MESSAGES.batch.csvProblem.missingColumn(CSV_COLUMNS[required][0]!));
  }
  const ignored = header.filter((_, index) => columns[index] === null).filter((name) => name.trim() !== '');
  if (records.length === 0) problems.push(MESSAGES.batch.csvProblem.noRows);
  if (records.length > MAX_ROWS) problems.push(MESSAGES.batch.csvProblem.tooManyRows(MAX_ROWS, records.length));
  const rows = records.slice(0, MAX_ROWS).map((record, index) => {
    const row: BatchRow = {
      line: index + 2,
      fullName: '',
      inn: '',
      phone: '',
      type: '',
      ogrn: '',
      companyName: '',
      email: '',
      title: '',
      kind: '',
      file: '',
      documentTitle: '',
      externalId: '',
    };
    columns.forEach((column, at) => {
      if (column) row[column] = (record[at] ?? '').trim();
    });
    return row;
  });
  return { rows, problems, ignored };
}

/** What applies to every row unless its own column says otherwise. */
export interface BatchSettings {
  kind: ProcessKind;
  title: string;
  /** One PDF for every row (its file name), or `null`: each row names its own in «Файл». */
  commonPdf: string | null;
}

export interface RowError {
  /** The field as the server names it (`signer.inn`), so a refusal from the server reads the same. */
  field: string;
  message: string;
}

const fieldText = (code: string): string => MESSAGES.fieldError[code] ?? MESSAGES.fieldError['invalid']!;
const signerTypeOf = (row: BatchRow): SignerType | null => (row.type === '' ? 'individual' : (SIGNER_TYPES[key(row.type)] ?? null));
const kindOf = (row: BatchRow, settings: BatchSettings): ProcessKind | null =>
  row.kind === '' ? settings.kind : (KINDS[key(row.kind)] ?? null);
const titleOf = (row: BatchRow, settings: BatchSettings): string => row.title || settings.title.trim();
const fileOf = (row: BatchRow, settings: BatchSettings): string => settings.commonPdf ?? row.file;
const documentTitleOf = (row: BatchRow, settings: BatchSettings): string =>
  row.documentTitle || fileOf(row, settings).replace(/\.pdf$/i, '') || titleOf(row, settings);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A row's errors before sending, by the server's rules: the same checks as the server's DTO (names,
 * INN and OGRN check digits by signer type, mobile phones, text fields), plus what only the page
 * knows: a PDF among the chosen files, an `externalId` not repeated by an earlier row.
 */
export function rowErrors(
  row: BatchRow,
  settings: BatchSettings,
  pdfNames: ReadonlySet<string>,
  earlierExternalIds: ReadonlySet<string>,
): RowError[] {
  const errors: RowError[] = [];
  const add = (field: string, code: string, message = fieldText(code)) => errors.push({ field, message });
  const type = signerTypeOf(row);
  if (!type) add('signer.type', 'isIn', MESSAGES.batch.rowError.signerType);
  if (!row.fullName) add('signer.fullName', 'required');
  else if (!isValidFullName(row.fullName)) add('signer.fullName', 'full_name');
  if (!row.inn) add('signer.inn', 'required');
  else if (type && !(type === 'legal_entity' ? isValidCompanyInn(row.inn) : isValidPersonalInn(row.inn))) add('signer.inn', 'signer_inn');
  if (!row.phone) add('signer.phone', 'required');
  else if (!isRussianMobile(row.phone)) add('signer.phone', 'russian_mobile');
  if (row.email && !EMAIL.test(row.email)) add('signer.email', 'isEmail');
  if (type === 'sole_proprietor' && !isValidOgrnip(row.ogrn)) add('signer.ogrn', row.ogrn ? 'ogrnip' : 'required');
  if (type === 'legal_entity' && row.ogrn && !isValidOgrn(row.ogrn)) add('signer.ogrn', 'ogrn');
  if ((type === 'individual' || type === 'self_employed') && row.ogrn) add('signer.ogrn', 'signer_ogrn');
  if (row.companyName && !isPlainText(row.companyName, { maxLength: 500 })) add('signer.companyName', 'plain_text');
  if (!kindOf(row, settings)) add('kind', 'isIn', MESSAGES.batch.rowError.kind);
  const title = titleOf(row, settings);
  if (!title) add('title', 'required', MESSAGES.batch.rowError.title);
  else if (!isPlainText(title, { maxLength: 300 })) add('title', 'plain_text');
  const file = fileOf(row, settings);
  if (!file) add('documents[0].documentId', 'required', MESSAGES.batch.rowError.noFile);
  else if (!pdfNames.has(file)) add('documents[0].documentId', 'missing_file', MESSAGES.batch.rowError.missingFile(file));
  if (row.externalId.length > 128) add('externalId', 'maxlength', MESSAGES.batch.rowError.externalIdLength);
  else if (row.externalId && earlierExternalIds.has(row.externalId))
    add('externalId', 'duplicate', MESSAGES.batch.rowError.externalIdRepeated);
  return errors;
}

export interface RowCheck {
  row: BatchRow;
  errors: RowError[];
}

/** Every row with its errors (an `externalId` repeated counts against the later row, as on the server). */
export function checkRows(rows: readonly BatchRow[], settings: BatchSettings, pdfNames: readonly string[]): RowCheck[] {
  const names = new Set(pdfNames);
  const seen = new Set<string>();
  return rows.map((row) => {
    const errors = rowErrors(row, settings, names, seen);
    if (row.externalId) seen.add(row.externalId);
    return { row, errors };
  });
}

/** The body of `POST /api/signing-processes` for a row whose PDF was uploaded as `documentId`. */
export function itemOf(row: BatchRow, settings: BatchSettings, documentId: string): CreateSigningProcessRequest {
  const type = signerTypeOf(row) ?? 'individual';
  return {
    kind: kindOf(row, settings) ?? settings.kind,
    title: titleOf(row, settings),
    documents: [{ documentId, title: documentTitleOf(row, settings) }],
    signer: {
      type,
      fullName: row.fullName,
      inn: row.inn,
      phone: row.phone,
      ...(row.ogrn ? { ogrn: row.ogrn } : {}),
      ...(row.companyName ? { companyName: row.companyName } : {}),
      ...(row.email ? { email: row.email } : {}),
    },
    ...(row.externalId ? { externalId: row.externalId } : {}),
  };
}

/** The PDF a row is sent with. */
export const pdfOf = fileOf;
