import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, expectNoHorizontalScroll, snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { contractPdf } from './contract-pdf.js';
import { waitForMessage } from './outbox.js';

/**
 * The walk, in a real Chromium against `npm start`: the manager creates a request; the
 * signer (on a 375-px phone) opens the invitation link, identifies on the sandbox Gosuslugi page,
 * accepts the EDO agreement and signs with the code; the manager's board, never reloaded, shows
 * the deal archived; the auditor opens its trail and sees the chain verified. Each step leaves a
 * screenshot under artifacts/e2e/, and the browser reports no error on the way.
 */
describe('a signing, walked in the browser', () => {
  const title = 'Договор оказания услуг № 42-Э';
  const phone = '+79001234567';
  const suite = browserSuite();
  let manager: Page;
  let signer: Page;
  let processId = '';

  it('sends the manager to the live deals board after signing in', async () => {
    manager = await suite.newPage('manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.getByRole('heading', { name: 'Сделки', level: 1 }).waitFor();
    await manager.getByText('Обновляется в реальном времени').waitFor();
    await snap(manager, '01-manager-board');
  });

  it('lets the manager create a request: company autofill, PDF upload, the deal page', async () => {
    await manager.locator('#main').getByRole('link', { name: 'Новый запрос' }).click();
    await manager.waitForURL(/\/deals\/new$/);
    await manager.getByLabel('Название', { exact: true }).fill(title);
    await manager.getByLabel('Тип подписанта').selectOption('legal_entity');
    await manager.getByLabel('ИНН').fill('7709012344');
    // the registry fills in the company (the fixture registry stands in for DaData)
    await expectValue(manager, 'Наименование организации', /Ромашка/);
    await manager.getByLabel('ФИО руководителя').fill('Иванов Иван Иванович');
    await manager.getByLabel('Мобильный телефон').fill(phone);

    const pdf = join(artifactsDir, 'contract.pdf');
    writeFileSync(pdf, await contractPdf(title));
    await manager.locator('input[type=file]').setInputFiles(pdf);
    await manager.getByText('Загружен').waitFor();
    await snap(manager, '02-manager-new-request');

    await manager.getByRole('button', { name: 'Отправить запрос' }).click();
    await manager.waitForURL(/\/deals\/[0-9a-f-]{36}(\?|$)/);
    processId = new URL(manager.url()).pathname.split('/').pop() ?? '';
    await manager.getByRole('heading', { name: title }).waitFor();
    await manager.getByText('Приглашение отправлено').first().waitFor();
    await snap(manager, '03-manager-deal-invited');

    await manager.getByRole('link', { name: 'Ко всем сделкам' }).click();
    await manager.waitForURL(/\/deals$/);
    await rowOf(manager, title).getByText('Приглашение отправлено').waitFor();
    // a marker the board must keep: a reload would drop it
    await manager.evaluate(() => ((window as unknown as Record<string, unknown>)['e2eNotReloaded'] = true));
  });

  it('walks the signer through the invitation link, Gosuslugi, the EDO agreement and the code (375 px)', async () => {
    signer = await suite.newPage('signer', 'phone');
    const invitation = await waitForMessage(suite.system.baseUrl, phone, 'invitation', new Date(0));
    expect(invitation.link).toMatch(/\/sign\/[^/]+$/);

    await signer.goto(invitation.link ?? '');
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));
    await signer.getByRole('heading', { name: 'Прочитайте документы' }).waitFor();
    // the PDF is drawn in the page (pdf.js), both pages, with ink on them
    await signer.getByText('Страниц: 2').waitFor();
    expect(await signer.locator('canvas.pdf-page').count()).toBe(2);
    expect(await inkShare(signer.locator('canvas.pdf-page').first())).toBeGreaterThan(0.002);
    await snap(signer, '04-signer-documents');
    await expectNoHorizontalScroll(signer);

    await signer.getByRole('button', { name: 'Документы прочитаны, продолжить' }).click();
    await signer.getByRole('button', { name: 'Пройти идентификацию через Госуслуги' }).waitFor();
    await snap(signer, '05-signer-identify');
    await signer.getByRole('button', { name: 'Пройти идентификацию через Госуслуги' }).click();
    await signer.waitForURL(/\/sandbox\/esia\?/);
    await snap(signer, '06-signer-gosuslugi-sandbox');
    await signer.getByRole('button', { name: /Иванов Иван Иванович/ }).click();

    await signer.waitForURL(new RegExp(`/cabinet/${processId}\\?identification=`));
    await signer.getByText('Я прочитал(а) и принимаю соглашение об электронном документообороте').waitFor();
    await snap(signer, '07-signer-edo-agreement');
    await expectNoHorizontalScroll(signer);
    await signer.getByLabel('Я прочитал(а) и принимаю соглашение об электронном документообороте').check();
    await signer.getByRole('button', { name: 'Принять' }).click();

    const beforeCode = new Date();
    await signer.getByRole('button', { name: 'Получить код' }).click();
    const code = (await waitForMessage(suite.system.baseUrl, phone, 'signature_code', beforeCode)).code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await signer.getByLabel('Код из SMS').waitFor();
    await snap(signer, '08-signer-code');

    // a wrong code first: the answer is 422 with the attempts left, shown at the field
    suite.problems.allow(/^422 POST .*\/signature$|status of 422/);
    await signer.getByLabel('Код из SMS').fill(code === '000000' ? '111111' : '000000');
    await signer.getByRole('button', { name: 'Подписать' }).click();
    await signer.getByText('Осталось попыток: 2').waitFor();
    await snap(signer, '09-signer-wrong-code');

    await signer.getByLabel('Код из SMS').fill(code);
    await signer.getByRole('button', { name: 'Подписать' }).click();
    await signer.getByRole('heading', { name: 'Документы подписаны' }).waitFor();
    await snap(signer, '10-signer-done');
    await expectNoHorizontalScroll(signer);

    await signer.getByRole('link', { name: 'Все мои документы' }).click();
    await signer.waitForURL(/\/cabinet$/);
    await signer.getByRole('heading', { name: 'Подписанные (1)' }).waitFor();
    await signer.getByRole('link', { name: title }).waitFor();
    await snap(signer, '10b-signer-cabinet');
    await expectNoHorizontalScroll(signer);
  });

  it('shows the manager the deal archived on the board without a reload', async () => {
    await rowOf(manager, title).getByText('В архиве').waitFor({ timeout: 15_000 });
    expect(await manager.evaluate(() => (window as unknown as Record<string, unknown>)['e2eNotReloaded'])).toBe(true);
    await snap(manager, '11-manager-board-archived');
  });

  it('shows the auditor the trail with the chain verified', async () => {
    const auditor = await suite.newPage('auditor', 'desktop');
    await suite.signIn(auditor, 'auditor');
    await auditor.waitForURL(/\/deals$/);
    await rowOf(auditor, title).getByRole('link', { name: title }).click();
    await auditor.waitForURL(new RegExp(`/deals/${processId}$`));
    await auditor.getByRole('link', { name: 'Журнал событий' }).click();
    await auditor.waitForURL(new RegExp(`/deals/${processId}/trail$`));
    const badge = auditor.locator('[data-test=chain-valid]');
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/[0-9a-f]{64}/);
    await snap(auditor, '12-auditor-trail-verified');

    const json = auditor.waitForEvent('download');
    await auditor.getByRole('button', { name: 'Скачать доказательства (JSON)' }).click();
    expect((await json).suggestedFilename()).toMatch(/\.json$/);
    const pdf = auditor.waitForEvent('download');
    await auditor.getByRole('button', { name: 'Скачать сертификат (PDF)' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
    // the trail opened from a link (a fresh start of the app), then signing out: no request is left
    // behind (the page re-read the trail without a token: two 401s)
    await auditor.goto(auditor.url());
    await auditor.locator('[data-test=chain-valid]').waitFor();
    await auditor.getByRole('button', { name: 'Выйти' }).click();
    await auditor.waitForURL(/\/login/);
    await auditor.getByText('Вы вышли из системы.').waitFor();
  });

  it('shows the admin each read model caught up, and the manager the KPI of the signed deal', async () => {
    const admin = await suite.newPage('admin', 'desktop');
    await suite.signIn(admin, 'admin');
    await admin.waitForURL(/\/deals$/);
    await admin.getByRole('link', { name: 'Проекции' }).click();
    await admin.waitForURL(/\/admin\/projections$/);
    for (const readModel of ['deals', 'audit_trail', 'cabinet', 'stats']) {
      await admin.locator(`tr[data-projection=${readModel}]`).getByText('0 соб.').waitFor();
    }
    await snap(admin, '13-admin-projections');
    // a rebuild of the deals read model, watched until it is back at work with nothing to catch up
    const deals = admin.locator('tr[data-projection=deals]');
    await deals.getByRole('button', { name: 'Перестроить' }).click();
    await deals.getByText('В работе').waitFor({ timeout: 30_000 });
    await deals.getByText('0 соб.').waitFor();
    await snap(admin, '14-admin-projections-rebuilt');

    await manager.getByRole('link', { name: 'Показатели' }).click();
    await manager.waitForURL(/\/kpi$/);
    await manager.locator('[data-test=total]').filter({ hasText: '1' }).waitFor();
    await manager.locator('canvas').first().waitFor();
    await snap(manager, '15-manager-kpi');
  });
});

/** The share of a canvas's pixels that are not white: a drawn page has text on it. */
async function inkShare(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink / (data.length / 4);
  });
}

function rowOf(page: Page, title: string) {
  return page.locator('tr', { has: page.getByRole('link', { name: title, exact: true }) });
}

async function expectValue(page: Page, label: string, value: RegExp): Promise<void> {
  const field = page.getByLabel(label);
  const deadline = Date.now() + 10_000;
  while (!value.test(await field.inputValue())) {
    if (Date.now() > deadline) throw new Error(`${label} never matched ${value}: «${await field.inputValue()}»`);
    await page.waitForTimeout(100);
  }
}
