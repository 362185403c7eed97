import type { Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { tabTo } from './keyboard.js';
import { waitForMessage } from './outbox.js';

/**
 * The signer's whole path with the keyboard alone, on a 375-px phone: Tab to each control (its
 * focus visible), Enter or Space to use it, the PDF scrolled with the arrow keys, the sandbox
 * Gosuslugi page included. No mouse click anywhere.
 */
describe('the signer path with the keyboard alone', () => {
  const title = 'Договор ГПХ № 7-К';
  const phone = '+79007654321';
  const suite = browserSuite();
  let signer: Page;

  it('reads, identifies, accepts and signs without a pointer', async () => {
    const { system } = suite;
    signer = await suite.newPage('keyboard-signer', 'phone');
    const processId = await createDealThroughApi(system.baseUrl, system.password, title, {
      type: 'individual',
      fullName: 'Морозов Сергей Николаевич',
      inn: '770512345019',
      phone,
    });
    const invitation = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));
    await signer.goto(invitation.link ?? '');
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));

    const pages = signer.getByRole('region', { name: title });
    await signer.getByText('Страниц: 2').waitFor();
    await tabTo(signer, pages);
    await signer.keyboard.press('PageDown');
    // on a phone the pages scroll with the page itself (no nested scroll box): PageDown moves the window
    await signer.waitForFunction(() => window.scrollY > 0);

    await tabTo(signer, signer.getByRole('button', { name: 'Документы прочитаны, продолжить' }));
    await signer.keyboard.press('Enter');
    await tabTo(signer, signer.getByRole('button', { name: 'Пройти идентификацию через Госуслуги' }));
    await signer.keyboard.press('Enter');

    await signer.waitForURL(/\/sandbox\/esia\?/);
    await tabTo(signer, signer.getByRole('button', { name: /Морозов Сергей Николаевич/ }));
    await signer.keyboard.press('Enter');

    await signer.waitForURL(new RegExp(`/cabinet/${processId}\\?identification=`));
    const consent = signer.getByLabel('Я прочитал(а) и принимаю соглашение об электронном документообороте');
    await tabTo(signer, consent);
    await signer.keyboard.press('Space');
    expect(await consent.isChecked()).toBeTrue();
    await tabTo(signer, signer.getByRole('button', { name: 'Принять' }));
    await signer.keyboard.press('Enter');

    const beforeCode = new Date();
    await tabTo(signer, signer.getByRole('button', { name: 'Получить код' }));
    await signer.keyboard.press('Enter');
    const code = (await waitForMessage(system.baseUrl, phone, 'signature_code', beforeCode)).code ?? '';
    await tabTo(signer, signer.getByLabel('Код из SMS'));
    await signer.keyboard.type(code);
    await snap(signer, '20-keyboard-signer-code');
    await signer.keyboard.press('Enter');

    await signer.getByRole('heading', { name: 'Документы подписаны' }).waitFor();
    await snap(signer, '21-keyboard-signer-done');
  });

  it("lists the same person's other request in the cabinet and shows it for reading", async () => {
    const { system } = suite;
    const otherTitle = 'Дополнительное соглашение № 2';
    const otherId = await createDealThroughApi(system.baseUrl, system.password, otherTitle, {
      type: 'individual',
      fullName: 'Морозов Сергей Николаевич',
      inn: '770512345019',
      phone,
    });
    await signer.getByRole('link', { name: 'Все мои документы' }).click();
    await signer.getByRole('heading', { name: 'Ожидают подписания (1)' }).waitFor();
    await signer.getByRole('link', { name: otherTitle }).click();
    await signer.waitForURL(new RegExp(`/cabinet/${otherId}$`));
    await signer.getByText('подписать — по ссылке из SMS или письма').waitFor();
    await signer.getByText('Страниц: 2').waitFor();
    expect(await signer.getByRole('button', { name: 'Документы прочитаны, продолжить' }).count()).toBe(0);
    await snap(signer, '22-signer-other-process');
  });
});
