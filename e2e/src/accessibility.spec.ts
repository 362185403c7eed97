import type { Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { expectAccessible, expectAccessibleInBothThemes } from './accessibility.js';
import { browserSuite } from './browser-suite.js';
import { waitForMessage } from './outbox.js';

/** A signer declines through the API (their session from the invitation): a deal that needs the manager's action. */
async function declineThroughApi(baseUrl: string, processId: string, inviteToken: string): Promise<void> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as { token?: string };
  };
  const { token } = await post('/api/signer/session', { inviteToken });
  await post(`/api/signing-processes/${processId}/decline`, { reason: 'Условия не подходят' }, token);
}

/**
 * Every page of the suite as people meet it, checked by axe-core with no serious or critical
 * violation, in the light theme and the dark one (`prefers-color-scheme`), each with a screenshot:
 * login, the empty board inviting the first request, the new request, the board sorted and
 * filtered by «Требуют действий», a deal, its trail, the KPI, the admin pages, the signer's
 * cabinet and reading step on a phone.
 */
describe('accessibility: every page, light and dark', () => {
  const suite = browserSuite();
  let manager: Page;
  const titles = ['Договор подряда № 17', 'Акт выполненных работ № 3', 'Дополнительное соглашение № 2'];
  const declinedTitle = titles[1]!;
  const phones = ['+79001110001', '+79001110002', '+79001110003'];
  const processIds: string[] = [];
  let signerLink = '';

  it('login page', async () => {
    const page = await suite.newPage('a11y-login', 'desktop');
    await page.goto(`${suite.system.baseUrl}/login`);
    await page.getByLabel('Логин').waitFor();
    await expectAccessibleInBothThemes(page, '60-a11y-login');
    await page.close();
  });

  it('the empty board invites the first request; the new request form', async () => {
    manager = await suite.newPage('a11y-manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.getByText('Запросов на подписание пока нет').waitFor();
    await expectAccessibleInBothThemes(manager, '61-a11y-board-empty');
    await manager.getByRole('link', { name: 'Создать первый запрос' }).click();
    await manager.waitForURL(/\/deals\/new$/);
    await manager.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessibleInBothThemes(manager, '62-a11y-new-request');
  });

  it('the board sorted by a column and filtered by «Требуют действий», branch names instead of codes', async () => {
    const { baseUrl, password } = suite.system;
    for (const [i, title] of titles.entries()) {
      const since = new Date(Date.now() - 1000);
      processIds.push(
        await createDealThroughApi(baseUrl, password, title, {
          type: 'individual',
          fullName: 'Кузнецов Пётр Ильич',
          inn: '500100732259',
          phone: phones[i]!,
        }),
      );
      const invitation = await waitForMessage(baseUrl, phones[i]!, 'invitation', since);
      if (title === declinedTitle) await declineThroughApi(baseUrl, processIds[i]!, invitation.inviteToken!);
      if (i === 0) signerLink = invitation.link!;
    }
    await manager.goto(`${baseUrl}/deals`);
    for (const title of titles) await manager.getByRole('link', { name: title }).waitFor();
    await manager.locator('[data-test=count-needs-action]', { hasText: '1' }).waitFor();

    await manager.getByRole('button', { name: /^Название/ }).click();
    const header = manager.locator('th', { has: manager.locator('[data-test=sort-title]') });
    await manager.waitForFunction(
      () => document.querySelector('th:has([data-test=sort-title])')?.getAttribute('aria-sort') === 'ascending',
    );
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const shown = await manager.locator('.deals-board__title a').allTextContents();
    expect(shown.map((t) => t.trim())).toEqual([...titles].sort());
    await expectAccessibleInBothThemes(manager, '63-a11y-board-sorted');

    await manager.locator('[data-test=count-needs-action]').click();
    await manager.waitForFunction(() => document.querySelectorAll('.deals-board__row').length === 1);
    expect((await manager.locator('.deals-board__title a').allTextContents()).map((t) => t.trim())).toEqual([declinedTitle]);
    expect(await manager.locator('[data-test=count-needs-action]').getAttribute('aria-pressed')).toBe('true');
    await expectAccessibleInBothThemes(manager, '64-a11y-board-needs-action');

    const auditor = await suite.newPage('a11y-auditor-board', 'desktop');
    await suite.signIn(auditor, 'auditor');
    await auditor.waitForURL(/\/deals$/);
    await auditor.locator('tr', { hasText: titles[0]! }).getByText('Москва').waitFor();
    expect(await auditor.locator('select[name=branchId] option').allTextContents()).toEqual(['Все филиалы', 'Москва', 'Санкт-Петербург']);
    await expectAccessibleInBothThemes(auditor, '65-a11y-board-auditor');
    await auditor.close();
  });

  it('a deal and its trail: the title heads the trail, people by name, Russian labels, 24-px controls', async () => {
    await manager.goto(`${suite.system.baseUrl}/deals/${processIds[0]}`);
    await manager.getByRole('heading', { name: titles[0]! }).waitFor();
    await expectAccessibleInBothThemes(manager, '66-a11y-deal');

    const auditor = await suite.newPage('a11y-auditor', 'desktop');
    await suite.signIn(auditor, 'auditor');
    await auditor.waitForURL(/\/deals$/);
    await auditor.goto(`${suite.system.baseUrl}/deals/${processIds[1]}/trail`);
    await auditor.getByRole('heading', { level: 1, name: declinedTitle }).waitFor();
    await auditor.getByText('Цепочка цела').waitFor();
    const text = await auditor.locator('body').innerText();
    expect(text).toContain('Мария Соколова');
    expect(text).toContain('Подписант');
    expect(text).toContain('Идентификатор запроса');
    expect(text).not.toContain('Correlation');
    expect(text.match(/Событий: \d+/g)?.length).toBe(1);
    const small = await auditor.evaluate(
      () =>
        Array.from(document.querySelectorAll('main button, main a, main summary, main input, main select'))
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.width > 0 && (box.width < 24 || box.height < 24)).length,
    );
    expect(small).withContext('controls under 24 × 24 px on the trail').toBe(0);
    await expectAccessibleInBothThemes(auditor, '67-a11y-trail');
    await auditor.getByRole('link', { name: '← К сделке' }).click();
    await auditor.waitForURL(new RegExp(`/deals/${processIds[1]}$`));

    await auditor.goto(`${suite.system.baseUrl}/kpi`);
    await auditor.locator('#kpi-branch').waitFor();
    expect(await auditor.locator('#kpi-branch option').allTextContents()).toContain('Москва');
    await auditor.locator('canvas').first().waitFor();
    await expectAccessibleInBothThemes(auditor, '68-a11y-kpi');
    await auditor.close();
  });

  it('admin pages', async () => {
    const admin = await suite.newPage('a11y-admin', 'desktop');
    await suite.signIn(admin, 'admin');
    await admin.waitForURL(/\/deals$/);
    for (const [path, name] of [
      ['/admin/projections', '69-a11y-admin-projections'],
      ['/admin/integrations', '70-a11y-admin-integrations'],
      ['/admin/webhooks', '71-a11y-admin-webhooks'],
    ] as const) {
      await admin.goto(`${suite.system.baseUrl}${path}`);
      await admin.getByRole('heading', { level: 1 }).waitFor();
      await admin.waitForLoadState('networkidle').catch(() => undefined);
      await expectAccessibleInBothThemes(admin, name);
    }
    await admin.close();
  });

  it("the signer's reading step and cabinet on a phone", async () => {
    const signer = await suite.newPage('a11y-signer', 'phone');
    await signer.goto(signerLink);
    await signer.getByRole('heading', { name: 'Прочитайте документы' }).waitFor();
    await signer.locator('canvas').first().waitFor();
    await expectAccessibleInBothThemes(signer, '72-a11y-signer-reading');
    await signer.goto(`${suite.system.baseUrl}/cabinet`);
    await signer.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(signer, 'cabinet (light)');
    await expectAccessibleInBothThemes(signer, '73-a11y-signer-cabinet');
  });
});
