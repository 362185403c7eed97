import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { checkRows, decodeCsv, itemOf, parseBatchCsv, type BatchSettings } from './batch-csv';

const INN = withInnCheckDigits('7712345678');
const INN2 = withInnCheckDigits('7712345679');
const settings: BatchSettings = { kind: 'act', title: 'Акт за ноябрь', commonPdf: null };

/** The bytes of a text in Windows-1251 (Cyrillic А–я, Ё, ё; ASCII as is). */
function cp1251(text: string): ArrayBuffer {
  const bytes = Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (ch === 'Ё') return 0xa8;
    if (ch === 'ё') return 0xb8;
    throw new Error(`no cp1251 byte for ${ch}`);
  });
  return new Uint8Array(bytes).buffer;
}

const CSV = [
  'ФИО;ИНН;Телефон;Файл;Внешний ID',
  `Морозов Сергей Николаевич;${INN};+7 900 123-45-67;act-1.pdf;a-1`,
  `Новикова Елена;${INN2};89001234568;act-2.pdf;a-1`,
  'Один;123;555;нет.pdf;',
].join('\r\n');

describe('batch CSV', () => {
  it('reads UTF-8 with a BOM and Windows-1251 alike, as a spreadsheet saves them', () => {
    const utf8 = new TextEncoder().encode(`\uFEFF${CSV}`).buffer;
    expect(decodeCsv(utf8)).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeCsv(cp1251(CSV))).toEqual({ text: CSV, encoding: 'windows-1251' });
    expect(decodeCsv(utf8, 'windows-1251').encoding).toBe('windows-1251');
  });

  it('maps the Russian headers (any case, `;` or `,`) and keeps the spreadsheet line of each row', () => {
    const { rows, problems } = parseBatchCsv(CSV);
    expect(problems).toEqual([]);
    expect(rows.length).toBe(3);
    expect(rows[0]).toEqual(
      jasmine.objectContaining({ line: 2, fullName: 'Морозов Сергей Николаевич', inn: INN, file: 'act-1.pdf', externalId: 'a-1' }),
    );
    const comma = parseBatchCsv(`фио,инн,телефон,Эл. почта\n"Иванов, Иван Иванович",${INN},+79001234567,a@b.ru`);
    expect(comma.rows[0]).toEqual(jasmine.objectContaining({ fullName: 'Иванов, Иван Иванович', email: 'a@b.ru' }));
  });

  it('names a missing required column and an empty file', () => {
    expect(parseBatchCsv('ФИО;Телефон\nИванов Иван;+79001234567').problems).toEqual(['Нет столбца «ИНН»']);
    expect(parseBatchCsv('ФИО;ИНН;Телефон\n').problems).toEqual(['В файле нет строк с подписантами']);
  });

  it('checks each row with the server rules, naming fields as the server does', () => {
    const { rows } = parseBatchCsv(CSV);
    const checks = checkRows(rows, settings, ['act-1.pdf', 'act-2.pdf']);
    expect(checks[0]!.errors).toEqual([]);
    // The later of two equal external ids is refused, as the server would.
    expect(checks[1]!.errors.map((e) => e.field)).toEqual(['externalId']);
    expect(checks[2]!.errors.map((e) => e.field)).toEqual(['signer.fullName', 'signer.inn', 'signer.phone', 'documents[0].documentId']);
  });

  it('needs no «Файл» column with one common PDF, and builds each item from the row and the defaults', () => {
    const { rows } = parseBatchCsv(`ФИО;ИНН;Телефон;Тип подписанта\nМорозов Сергей;${INN};+79001234567;самозанятый`);
    const common = { ...settings, commonPdf: 'common.pdf' };
    expect(checkRows(rows, common, ['common.pdf'])[0]!.errors).toEqual([]);
    expect(itemOf(rows[0]!, common, 'doc-1')).toEqual({
      kind: 'act',
      title: 'Акт за ноябрь',
      documents: [{ documentId: 'doc-1', title: 'common' }],
      signer: { type: 'self_employed', fullName: 'Морозов Сергей', inn: INN, phone: '+79001234567' },
    });
  });
});
