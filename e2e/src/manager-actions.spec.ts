import type { Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { expectNoHorizontalScroll, snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { waitForMessage } from './outbox.js';

/**
 * The manager's actions on a deal page: re-sending the invitation (the old link stops working and
 * the signer is told so, in Russian) and cancelling with a reason (the board shows it cancelled).
 */
describe("the manager's actions on a deal", () => {
  const title = 'Акт сверки № 3';
  const phone = '+79005554433';
  const suite = browserSuite();
  let manager: Page;

  it('re-sends the invitation: the new link opens the cabinet, the old one is refused with a clear message', async () => {
    const { system } = suite;
    const processId = await createDealThroughApi(system.baseUrl, system.password, title, {
      type: 'sole_proprietor',
      fullName: 'Смирнова Анна Сергеевна',
      inn: '772455667780',
      ogrn: '319774600123453',
      phone,
    });
    const first = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));

    manager = await suite.newPage('manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.getByRole('link', { name: title }).click();
    await manager.waitForURL(new RegExp(`/deals/${processId}`));

    const beforeResend = new Date();
    await manager.getByRole('button', { name: 'Отправить приглашение повторно' }).click();
    const second = await waitForMessage(system.baseUrl, phone, 'invitation', beforeResend);
    expect(second.inviteToken).not.toBe(first.inviteToken);
    await manager.getByText('прежняя ссылка больше не действует').waitFor();
    await snap(manager, '30-manager-reinvited');

    const signer = await suite.newPage('signer', 'phone');
    suite.problems.allow(/^401 POST .*\/api\/signer\/session$|status of 401/);
    await signer.goto(first.link ?? '');
    await signer.getByText('Ссылка недействительна').waitFor();
    await snap(signer, '31-signer-old-link');
    await signer.goto(second.link ?? '');
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));
    await signer.getByRole('heading', { name: 'Прочитайте документы' }).waitFor();
  });

  it('cancels with a reason: the deal and the board show it cancelled', async () => {
    await manager.getByRole('button', { name: 'Отменить', exact: true }).click();
    await manager.getByLabel('Причина').fill('Клиент передумал');
    await manager.getByRole('button', { name: 'Отменить процесс' }).click();
    await manager.locator('app-status-chip').getByText('Отменён').waitFor();
    await manager.getByText('Клиент передумал').waitFor();
    await snap(manager, '32-manager-cancelled');
    await manager.getByRole('link', { name: 'Ко всем сделкам' }).click();
    await manager.locator('tr', { hasText: title }).getByText('Отменён').waitFor();
  });

  it('fits the board on a phone: each deal a card, no sideways scrolling', async () => {
    const phone = await suite.newPage('manager-phone', 'phone');
    await suite.signIn(phone, 'manager');
    await phone.waitForURL(/\/deals$/);
    await phone.getByRole('link', { name: title }).waitFor();
    await expectNoHorizontalScroll(phone);
    await snap(phone, '33-manager-board-phone');
  });

  it('does not bring back a session whose token lapsed while the tab was away (no 401 probe)', async () => {
    const page = await suite.newPage('lapsed', 'desktop');
    await suite.signIn(page, 'manager');
    await page.waitForURL(/\/deals$/);
    // the kept session's token now says it ended a minute ago
    await page.evaluate(() => {
      const key = 'e-contract.session';
      const session = JSON.parse(sessionStorage.getItem(key)!) as { token: string };
      const payload = btoa(JSON.stringify({ sub: 'x', exp: Math.floor(Date.now() / 1000) - 60 })).replace(/=+$/, '');
      sessionStorage.setItem(key, JSON.stringify({ ...session, token: `e30.${payload}.sig` }));
    });
    await page.reload();
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Вход для сотрудников' }).waitFor();
  });
});
