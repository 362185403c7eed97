import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Download, Page } from 'playwright-core';
import { createDealThroughApi } from './api.js';
import { artifactsDir, expectNoHorizontalScroll, snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { waitForMessage } from './outbox.js';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The signed copy as people get it (API.md, "After signing"): the signer signs on a phone and
 * downloads the copy from the done page; its text (pdftotext) carries the stamp on each document
 * page — simple electronic signature, the signer, Moscow time, the document's SHA-256, the process —
 * and the certificate after; the uploaded document keeps its hash; the signer got the signed notice
 * (SMS, e-mail with the copy attached); the cabinet and the manager's deal page offer it too.
 */
describe('the signed copy, downloaded in the browser', () => {
  const title = 'Договор подряда № 77-К';
  const phone = '+79001112233';
  const email = 'morozov.sn@example.ru';
  const suite = browserSuite();
  let processId = '';
  let inviteLink = '';

  it('lets the signer download it from the done page, stamped on every page of the document', async () => {
    const { system } = suite;
    processId = await createDealThroughApi(system.baseUrl, system.password, title, {
      type: 'individual',
      fullName: 'Морозов Сергей Николаевич',
      inn: '770512345019',
      phone,
      email,
    });
    inviteLink = (await waitForMessage(system.baseUrl, phone, 'invitation', new Date(0))).link ?? '';
    const signer = await suite.newPage('signed-copy-signer', 'phone');
    await signer.goto(inviteLink);
    await signer.waitForURL(new RegExp(`/cabinet/${processId}`));
    await signer.getByRole('button', { name: 'Документы прочитаны, продолжить' }).click();
    await signer.getByRole('button', { name: 'Пройти идентификацию через Госуслуги' }).click();
    await signer.waitForURL(/\/sandbox\/esia\?/);
    await signer.getByRole('button', { name: /Морозов Сергей Николаевич/ }).click();
    await signer.waitForURL(new RegExp(`/cabinet/${processId}\\?identification=`));
    await signer.getByLabel('Я прочитал(а) и принимаю соглашение об электронном документообороте').check();
    await signer.getByRole('button', { name: 'Принять' }).click();
    const beforeCode = new Date();
    await signer.getByRole('button', { name: 'Получить код' }).click();
    const code = (await waitForMessage(system.baseUrl, phone, 'signature_code', beforeCode)).code ?? '';
    await signer.getByLabel('Код из SMS').fill(code);
    await signer.getByRole('button', { name: 'Подписать' }).click();
    await signer.getByRole('heading', { name: 'Документы подписаны' }).waitFor();
    await signer.getByRole('button', { name: 'Скачать подписанную копию (PDF)' }).waitFor();
    await snap(signer, '40-signer-done-signed-copy');
    await expectNoHorizontalScroll(signer);

    const copy = await downloaded(signer, signer.getByRole('button', { name: 'Скачать подписанную копию (PDF)' }).click());
    expect(copy.name).toBe(`signed-copy-${processId}.pdf`);
    const pages = (await pdfText(copy.path)).split('\f');
    const { documentSha, documentBytesSha, pageCount } = await uploadedDocument(system.baseUrl, system.password, processId);
    expect(documentBytesSha).toBe(documentSha); // the signed object is the upload, unchanged
    for (const page of pages.slice(0, pageCount)) {
      expect(page).toContain('Подписано простой электронной подписью');
      expect(page).toContain('Морозов Сергей Николаевич');
      expect(page).toMatch(/Дата и время подписания: \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d МСК/);
      expect(page).toContain(`SHA-256 документа: ${documentSha}`);
      expect(page).toContain(`Процесс подписания: ${processId}`);
      expect(page).toContain('Копия для просмотра');
    }
    expect(pages[pageCount]).toContain('Лист подписания');
    // a picture of the first stamped page, to look at
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      copy.path,
      join(artifactsDir, '41-signed-copy-page-1'),
    ]);
    await run('pdftoppm', [
      '-png',
      '-r',
      '200',
      '-f',
      '1',
      '-l',
      '1',
      '-x',
      '0',
      '-y',
      '2000',
      '-W',
      '1400',
      '-H',
      '340',
      '-singlefile',
      copy.path,
      join(artifactsDir, '41b-signed-copy-stamp'),
    ]);

    await signer.getByRole('link', { name: 'Все мои документы' }).click();
    await signer.waitForURL(/\/cabinet$/);
    await signer.getByRole('heading', { name: 'Подписанные (1)' }).waitFor();
    const fromCabinet = await downloaded(signer, signer.getByRole('button', { name: 'Скачать подписанную копию (PDF)' }).click());
    expect(fromCabinet.name).toBe(`signed-copy-${processId}.pdf`);
    await snap(signer, '42-signer-cabinet-signed-copy');
    await expectNoHorizontalScroll(signer);
  });

  it("told the signer by SMS and e-mail, with the invitation's link and the copy attached", async () => {
    const { system } = suite;
    const sms = await waitForMessage(system.baseUrl, phone, 'signed_notice', new Date(0));
    expect(sms.link).toBe(inviteLink);
    expect(sms.text).toContain('Документы подписаны');
    const mail = (await (await fetch(`${system.baseUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as {
      kind: string;
      attachments?: { fileName: string; contentType: string; size: number }[];
    }[];
    const notice = mail.find((m) => m.kind === 'signed_notice');
    expect(notice?.attachments?.[0]).toEqual(
      jasmine.objectContaining({ fileName: `signed-copy-${processId}.pdf`, contentType: 'application/pdf' }),
    );
  });

  it('lets the manager download it from the deal page', async () => {
    const manager = await suite.newPage('signed-copy-manager', 'desktop');
    await suite.signIn(manager, 'manager');
    await manager.waitForURL(/\/deals$/);
    await manager.goto(`${suite.system.baseUrl}/deals/${processId}`);
    await manager.getByRole('heading', { name: title }).waitFor();
    const button = manager.getByRole('button', { name: 'Скачать подписанную копию (PDF)' });
    await button.waitFor();
    await snap(manager, '43-manager-deal-signed-copy');
    const copy = await downloaded(manager, button.click());
    expect(await pdfText(copy.path)).toContain(`Процесс подписания: ${processId}`);
  });
});

/** Starts the download with `click` and saves the file under artifacts/e2e/. */
async function downloaded(page: Page, click: Promise<void>): Promise<{ name: string; path: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click])) as [Download, void];
  const name = download.suggestedFilename();
  const path = join(artifactsDir, `downloaded-${name}`);
  await download.saveAs(path);
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { name, path };
}

async function pdfText(path: string): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;
}

/** The process's document as the manager reads it: its recorded SHA-256, the hash of its bytes, its pages. */
async function uploadedDocument(baseUrl: string, password: string, processId: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'manager', password }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const deal = (await (await fetch(`${baseUrl}/api/deals/${processId}`, { headers: auth })).json()) as {
    documents: { documentId: string; sha256: string }[];
  };
  const document = deal.documents[0]!;
  const bytes = new Uint8Array(await (await fetch(`${baseUrl}/api/documents/${document.documentId}`, { headers: auth })).arrayBuffer());
  const pageCount = (await pdfText(await saved(bytes))).split('\f').length - 1;
  return { documentSha: document.sha256, documentBytesSha: sha256(bytes), pageCount };
}

async function saved(bytes: Uint8Array): Promise<string> {
  const path = join(artifactsDir, 'downloaded-original.pdf');
  writeFileSync(path, bytes);
  return path;
}
