import type { Browser, Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { BrowserProblems, launchBrowser, newContext, snap } from './browser.js';
import { waitForMessage } from './outbox.js';
import { startSystem, type RunningSystem } from './system-under-test.js';

/**
 * The manager's actions on a deal page: re-sending the invitation (the old link stops working and
 * the signer is told so, in Russian) and cancelling with a reason (the board shows it cancelled).
 */
describe("the manager's actions on a deal", () => {
  const title = 'Акт сверки № 3';
  const phone = '+79005554433';
  let system: RunningSystem;
  let browser: Browser;
  let manager: Page;
  const problems = new BrowserProblems();

  beforeAll(async () => {
    jasmine.DEFAULT_TIMEOUT_INTERVAL = 90_000;
    system = await startSystem();
    browser = await launchBrowser();
    manager = problems.watch(await (await newContext(browser, 'desktop')).newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    expect(problems.take()).withContext('browser console, failed loads and HTTP errors').toEqual([]);
  });

  it('re-sends the invitation: the new link opens the cabinet, the old one is refused with a clear message', async () => {
    const processId = await createDealThroughApi(system.baseUrl, system.password, title, {
      type: 'sole_proprietor',
      fullName: 'Смирнова Анна Сергеевна',
      inn: '772455667780',
      ogrn: '319774600123453',
      phone,
    });
    const first = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));

    await manager.goto(`${system.baseUrl}/login`);
    await manager.getByLabel('Логин').fill('manager');
    await manager.getByLabel('Пароль').fill(system.password);
    await manager.getByRole('button', { name: 'Войти' }).click();
    await manager.waitForURL(/\/deals$/);
    await manager.getByRole('link', { name: title }).click();
    await manager.waitForURL(new RegExp(`/deals/${processId}`));

    const beforeResend = new Date();
    await manager.getByRole('button', { name: 'Отправить приглашение повторно' }).click();
    const second = await waitForMessage(system.baseUrl, phone, 'invitation', beforeResend);
    expect(second.inviteToken).not.toBe(first.inviteToken);
    await manager.getByText('прежняя ссылка больше не действует').waitFor();
    await snap(manager, '30-manager-reinvited');

    const signer = problems.watch(await (await newContext(browser, 'phone')).newPage());
    problems.allow(/^401 POST .*\/api\/signer\/session$|status of 401/);
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
});
