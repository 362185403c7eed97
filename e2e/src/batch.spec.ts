import type { Page } from 'playwright-core';
import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { expectAccessibleInBothThemes } from './accessibility.js';
import { snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { contractPdf } from './contract-pdf.js';

const ROWS = 50;
const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков'];
const NAMES = ['Иван', 'Пётр', 'Сергей', 'Андрей', 'Олег'];

/** The n-th contractor's row: name, a valid personal INN, a phone, its own PDF and external id. */
const row = (n: number) =>
  [
    `${SURNAMES[n % 10]} ${NAMES[Math.floor(n / 10) % 5]} Николаевич`,
    withInnCheckDigits(`77${String(20_000_000 + n).slice(-8)}`),
    `+7 901 ${String(1_000_000 + n).slice(-7, -4)}-${String(1_000_000 + n).slice(-4, -2)}-${String(1_000_000 + n).slice(-2)}`,
    `Акт за ноябрь 2026 № ${n + 1}`,
    `act-${n + 1}.pdf`,
    `e2e-act-2026-11-${n + 1}`,
  ].join(';');

const HEADER = 'ФИО;ИНН;Телефон;Название;Файл;Внешний ID';

/** Windows-1251 bytes, as Excel's plain «CSV» saves on a Russian Windows. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      if (ch === '№') return 0xb9;
      throw new Error(`no Windows-1251 byte for ${ch}`);
    }),
  );
}

/**
 * Issue 11, point 7, as a manager does it in Chromium against `npm start`: a CSV of 50 contractors
 * (saved by a spreadsheet in Windows-1251) with a PDF per row; a bad row is shown with its errors
 * before anything is sent; the corrected file (UTF-8) goes as one batch and the page follows it to
 * the end; the board then holds the requests.
 */
describe('many requests at once, through the batch page', () => {
  const suite = browserSuite();
  let manager: Page;

  it('opens «Пакетная отправка» from the board', async () => {
    manager = await suite.newPage('batch-manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.getByRole('link', { name: 'Пакетная отправка' }).click();
    await manager.waitForURL(/\/deals\/batch$/);
    await manager.getByRole('heading', { name: 'Пакетная отправка', level: 1 }).waitFor();
  });

  it('shows each bad row with its errors before sending, from a Windows-1251 CSV', async () => {
    const pdf = await contractPdf('Акт выполненных работ за ноябрь 2026');
    await manager
      .locator('#batch-pdfs')
      .setInputFiles(Array.from({ length: ROWS }, (_, n) => ({ name: `act-${n + 1}.pdf`, mimeType: 'application/pdf', buffer: pdf })));
    await manager.getByText(`Выбрано: ${ROWS}`).waitFor();

    const bad = 'Один;1234567890;555;Акт;act-404.pdf;';
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, n) => row(n)), bad];
    await manager.locator('#batch-csv').setInputFiles({ name: 'акты.csv', mimeType: 'text/csv', buffer: cp1251(lines.join('\r\n')) });
    await manager.getByText(`Строк: ${ROWS + 1}, готовы к отправке: ${ROWS}, с ошибками: 1`).waitFor();
    expect(await manager.locator('#batch-encoding option:checked').textContent()).toContain('Windows-1251');
    const errors = manager.getByTestId('batch-bad-rows');
    await errors.getByRole('cell', { name: String(ROWS + 2), exact: true }).waitFor();
    for (const column of ['ФИО', 'ИНН', 'Телефон', 'Файл']) await errors.getByText(column, { exact: true }).first().waitFor();
    expect(await manager.getByTestId('batch-send').isDisabled()).toBeTrue();
    await snap(manager, 'batch-01-bad-row');
    await expectAccessibleInBothThemes(manager, 'batch-06-a11y-bad-row');
  });

  it('sends the corrected file as one batch and follows it to the end', async () => {
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, n) => row(n))];
    await manager
      .locator('#batch-csv')
      .setInputFiles({ name: 'акты.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8') });
    await manager.getByText(`Строк: ${ROWS}, готовы к отправке: ${ROWS}, с ошибками: 0`).waitFor();
    expect(await manager.locator('#batch-encoding option:checked').textContent()).toContain('UTF-8');
    await snap(manager, 'batch-02-ready');

    await manager.getByTestId('batch-send').click();
    await manager
      .getByTestId('batch-progress-text')
      .getByText(`Готово: обработано ${ROWS} из ${ROWS} — создано ${ROWS}, с ошибками 0`)
      .waitFor({ timeout: 60_000 });
    await snap(manager, 'batch-03-done');

    // The batch is in the address: a reload shows its outcome again, not an empty form.
    expect(new URL(manager.url()).searchParams.get('batch')).toMatch(/^[0-9a-f-]{36}$/);
    await manager.reload();
    await manager
      .getByTestId('batch-progress-text')
      .getByText(`Готово: обработано ${ROWS} из ${ROWS} — создано ${ROWS}, с ошибками 0`)
      .waitFor();
    await expectAccessibleInBothThemes(manager, 'batch-05-a11y-done-after-reload');

    await manager.getByRole('link', { name: 'К списку сделок' }).click();
    await manager.waitForURL(/\/deals$/);
    await manager
      .getByRole('link', { name: /^Акт за ноябрь 2026 № \d+$/ })
      .first()
      .waitFor();
    await snap(manager, 'batch-04-board');
  });
});
