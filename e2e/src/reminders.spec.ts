import type { Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { waitForMessage } from './outbox.js';

/**
 * Reminders and new links as a person meets them (API.md, "After signing, reminders…"): the manager
 * reminds the signer by hand (the same link, through the dev outbox), the signer at a replaced link
 * asks for a new one and gets it by SMS, and a signer who declined asks again — the manager sees it
 * on the board.
 */
describe('reminders and new links', () => {
  const title = 'Акт выполненных работ № 11';
  const phone = '+79005557711';
  const suite = browserSuite();
  let manager: Page;
  let processId: string;

  it('reminds the signer by hand: an SMS with the same link that names the organisation and the manager', async () => {
    const { system } = suite;
    processId = await createDealThroughApi(system.baseUrl, system.password, title, {
      type: 'individual',
      fullName: 'Морозов Сергей Николаевич',
      inn: '770512345019',
      phone,
    });
    const invitation = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));
    expect(invitation.inviteToken?.length).toBe(32);
    expect(invitation.text.length).toBeLessThanOrEqual(134);
    expect(invitation.text).not.toContain(title);

    manager = await suite.newPage('manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.getByRole('link', { name: title }).click();
    await manager.waitForURL(new RegExp(`/deals/${processId}`));

    const before = new Date();
    await manager.getByRole('button', { name: 'Напомнить подписанту' }).click();
    const reminder = await waitForMessage(system.baseUrl, phone, 'reminder', before);
    expect(reminder.inviteToken).toBe(invitation.inviteToken);
    expect(reminder.link).toBe(invitation.link);
    expect(reminder.text).toContain('Соколова М.');
    await manager.getByText('Напоминание отправлено').waitFor();
    await manager.locator('[data-test=history]').getByText('Подписанту отправлено напоминание').waitFor();
    await snap(manager, '40-manager-reminded');
  });

  it('at a replaced link, the signer asks for a new one and it arrives by SMS', async () => {
    const { system } = suite;
    const first = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));
    const beforeResend = new Date();
    await manager.getByRole('button', { name: 'Отправить приглашение повторно' }).click();
    const second = await waitForMessage(system.baseUrl, phone, 'invitation', beforeResend);
    expect(second.inviteToken).not.toBe(first.inviteToken);

    const signer = await suite.newPage('signer', 'phone');
    suite.problems.allow(/^401 POST .*\/api\/signer\/session$|status of 401/);
    await signer.goto(first.link ?? '');
    await signer.getByText('Ссылка недействительна').waitFor();
    const beforeRequest = new Date();
    await signer.getByRole('button', { name: 'Отправить мне новую ссылку' }).click();
    await signer.getByText('новая ссылка придёт в SMS').waitFor();
    await snap(signer, '41-signer-new-link-requested');

    const third = await waitForMessage(system.baseUrl, phone, 'invitation', beforeRequest);
    expect(third.inviteToken).not.toBe(second.inviteToken);
    await signer.goto(third.link ?? '');
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));
    await signer.getByRole('heading', { name: 'Прочитайте документы' }).waitFor();

    // The deal's history shows the new invitation, sent by the system.
    await manager.reload();
    await manager.locator('[data-test=history]').getByText('Приглашение отправлено повторно').first().waitFor();
  });

  it('after declining, the signer may still ask: the board shows the request to the manager', async () => {
    const { system } = suite;
    const current = await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0));
    const signer = await suite.newPage('signer-declines', 'phone');
    await signer.goto(current.link ?? '');
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));
    await signer.getByRole('button', { name: 'Отказаться от подписания' }).click();
    await signer.getByLabel('Причина').fill('Сумма не та');
    await signer.getByRole('button', { name: 'Отказаться', exact: true }).click();
    await signer.getByRole('heading', { name: 'Процесс подписания закрыт' }).waitFor();
    await signer.getByRole('button', { name: 'Отправить мне новую ссылку' }).click();
    await signer.getByText('передадим просьбу менеджеру').waitFor();
    await snap(signer, '42-signer-declined-asks');

    await manager.getByRole('link', { name: 'Ко всем сделкам' }).click();
    await manager.locator('tr', { hasText: title }).getByText('Просит новую ссылку').waitFor();
    await snap(manager, '43-manager-board-link-requested');
  });
});
