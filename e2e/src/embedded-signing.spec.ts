import type { Page } from 'playwright-core';
import { snap } from './browser.js';
import { browserSuite } from './browser-suite.js';
import { startEmbedHost, type EmbedHost } from './embed-host.js';
import { createIntegration, createProcessAsIntegration, embedUrlOf } from './integration-api.js';
import { waitForMessage } from './outbox.js';

/** The `e-contract:*` events the demo page logged, in order: `[type, detail]`. */
async function hostEvents(page: Page): Promise<[string, { processId: string | null; status: string | null }][]> {
  return page.$$eval('#events li', (items) =>
    items.map((item) => {
      const text = item.textContent ?? '';
      return [item.getAttribute('data-type') ?? '', JSON.parse(text.slice(text.indexOf(' ') + 1))];
    }),
  );
}

/**
 * API.md "Integrations", embedded signing: another system's page, on another origin (a loopback
 * port of its own), frames the one-time URL with the `<e-contract-signing>` element; the signer goes
 * through the documents, identification in a new window, the EDO agreement and the code inside the
 * frame; the page hears `ready`, `identified` and `signed` as DOM events. A page of an origin the
 * integration did not allow cannot frame it: the browser refuses, and the token stays unused.
 */
describe('signing embedded in another system’s page', () => {
  const suite = browserSuite();
  const signer = { fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+79005550142' };
  let cabinet: EmbedHost;
  let stranger: EmbedHost;
  let apiKey = '';

  beforeAll(async () => {
    cabinet = await startEmbedHost(suite.system.baseUrl);
    stranger = await startEmbedHost(suite.system.baseUrl);
    apiKey = await createIntegration(suite.system.baseUrl, suite.system.password, [cabinet.origin]);
  });

  afterAll(async () => {
    await cabinet?.close();
    await stranger?.close();
  });

  it('walks the signing inside the frame and tells the host page ready, identified and signed', async () => {
    const processId = await createProcessAsIntegration(suite.system.baseUrl, apiKey, 'Договор ГПХ № 7-В (встроенный)', signer);
    const embedUrl = await embedUrlOf(suite.system.baseUrl, apiKey, processId);
    expect(embedUrl).toMatch(new RegExp(`^${suite.system.baseUrl}/embed/sign/[A-Za-z0-9_-]{64}$`));

    const page = await suite.newPage('embed-host', 'desktop');
    await page.goto(`${cabinet.origin}/?embedUrl=${encodeURIComponent(embedUrl)}`);
    await page.locator('#events li[data-type="ready"]').waitFor();
    const frame = page.frameLocator('e-contract-signing iframe');
    // the signing steps without the app's header
    await frame.getByRole('heading', { name: 'Договор ГПХ № 7-В (встроенный)', level: 1 }).waitFor();
    expect(await frame.locator('header.header').count()).toBe(0);
    expect(await frame.getByRole('link', { name: /кабинет/i }).count()).toBe(0);
    await snap(page, 'embed-01-host-documents');

    await frame.getByRole('button', { name: 'Документы прочитаны, продолжить' }).click();
    const popupOpened = page.context().waitForEvent('page');
    await frame.getByRole('button', { name: 'Пройти идентификацию через Госуслуги' }).click();
    const popup = suite.problems.watch(await popupOpened);
    await popup.waitForURL(/\/sandbox\/esia\?/);
    await frame.getByText('Госуслуги открылись в новом окне').waitFor();
    await snap(page, 'embed-02-host-waiting-for-identification');
    await popup.getByRole('button', { name: /Морозов Сергей Николаевич/ }).click();
    await popup.waitForURL(/\/embed\/identified$/).catch(() => undefined); // it may close itself at once

    // the frame follows the process by itself
    await frame.getByText('Я прочитал(а) и принимаю соглашение об электронном документообороте').waitFor({ timeout: 20_000 });
    await page.locator('#events li[data-type="identified"]').waitFor();
    await frame.getByLabel('Я прочитал(а) и принимаю соглашение об электронном документообороте').check();
    await frame.getByRole('button', { name: 'Принять' }).click();

    const beforeCode = new Date();
    await frame.getByRole('button', { name: 'Получить код' }).click();
    const code = (await waitForMessage(suite.system.baseUrl, signer.phone, 'signature_code', beforeCode)).code ?? '';
    await frame.getByLabel('Код из SMS').fill(code);
    await frame.getByRole('button', { name: 'Подписать' }).click();
    await frame.getByRole('heading', { name: 'Документы подписаны' }).waitFor();
    await page.locator('#events li[data-type="signed"]').waitFor();
    // sized to its frame: the page is as wide as the element that frames it
    const frameWidth = await page.locator('e-contract-signing iframe').evaluate((el) => el.getBoundingClientRect().width);
    const bodyWidth = await frame.locator('body').evaluate((body) => body.clientWidth);
    expect(Math.abs(bodyWidth - frameWidth)).toBeLessThan(2);
    expect(bodyWidth).toBeGreaterThan(600);
    await snap(page, 'embed-03-host-signed');

    const events = await hostEvents(page);
    expect(events.map(([type]) => type)).toEqual(['ready', 'identified', 'signed']);
    expect(events.every(([, detail]) => detail.processId === processId)).toBeTrue();
    expect(events[0]![1].status).toBe('invited');
    expect(['signed', 'archived']).toContain(events[2]![1].status ?? '');
  });

  it('posts its messages to the origin named for the session only, not to whoever frames it', async () => {
    const portal = await startEmbedHost(suite.system.baseUrl);
    try {
      const twoOrigins = await createIntegration(suite.system.baseUrl, suite.system.password, [cabinet.origin, portal.origin]);
      const processId = await createProcessAsIntegration(suite.system.baseUrl, twoOrigins, 'Договор ГПХ № 9-В', {
        ...signer,
        phone: '+79005550144',
      });
      // messages are for the portal; the cabinet (also allowed to frame) frames it
      const embedUrl = await embedUrlOf(suite.system.baseUrl, twoOrigins, processId, portal.origin);
      const page = await suite.newPage('embed-wrong-listener', 'desktop');
      await page.goto(`${cabinet.origin}/?embedUrl=${encodeURIComponent(embedUrl)}`);
      const frame = page.frameLocator('e-contract-signing iframe');
      await frame.getByRole('heading', { name: 'Договор ГПХ № 9-В', level: 1 }).waitFor();
      await page.waitForTimeout(1_000);
      expect(await page.locator('#events li').count()).toBe(0);
    } finally {
      await portal.close();
    }
  });

  it('cannot be framed by an origin the integration did not allow, and the link stays unused', async () => {
    const processId = await createProcessAsIntegration(suite.system.baseUrl, apiKey, 'Договор ГПХ № 8-В', {
      ...signer,
      phone: '+79005550143',
    });
    const embedUrl = await embedUrlOf(suite.system.baseUrl, apiKey, processId);
    // the browser refuses the answer (net::ERR_BLOCKED_BY_RESPONSE) and says why in the console
    suite.problems.allow(/frame-ancestors|Refused to frame|chrome-error|\/embed\/sign\//);

    const page = await suite.newPage('embed-stranger', 'desktop');
    await page.goto(`${stranger.origin}/?embedUrl=${encodeURIComponent(embedUrl)}`);
    const framed = page.locator('e-contract-signing iframe');
    await framed.waitFor({ state: 'attached' });
    await page.waitForTimeout(3_000);
    expect(await page.locator('#events li').count()).toBe(0);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(frame?.url() ?? '').not.toContain('/embed/sign/');
    await snap(page, 'embed-04-stranger-refused');

    // the page never ran: its one-time token still opens a session
    const res = await fetch(`${suite.system.baseUrl}/api/embed/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ embedToken: embedUrl.split('/').pop() }),
    });
    expect(res.status).toBe(200);
  });
});
