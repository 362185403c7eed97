import type { Browser, Page } from 'playwright-core';
import { BrowserProblems, launchBrowser, newContext, snap } from './browser.js';
import { startSystem, type RunningSystem } from './system-under-test.js';

export interface BrowserSuite {
  readonly system: RunningSystem;
  readonly browser: Browser;
  readonly problems: BrowserProblems;
  /** A page in a new browser context, watched for problems; `who` names its failure screenshot. */
  newPage(who: string, device: 'desktop' | 'phone'): Promise<Page>;
  /** Signs an employee in through the login page (the demo password of the started system). */
  signIn(page: Page, login: string): Promise<void>;
}

/**
 * The Jasmine hooks every browser spec file needs: the system started with the README's command
 * (with `options.env` set) and Chromium launched before the first spec, both stopped after the last; after each spec, no
 * browser problem (console error, failed load, HTTP error); a failed spec leaves a screenshot of
 * every open page (`failed-<who>.png`).
 */
export function browserSuite(options: { env?: Record<string, string> } = {}): BrowserSuite {
  let system: RunningSystem | undefined;
  let browser: Browser | undefined;
  const problems = new BrowserProblems();
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    jasmine.DEFAULT_TIMEOUT_INTERVAL = 90_000;
    jasmine.getEnv().addReporter({
      specDone: async (result) => {
        if (result.status !== 'failed') return;
        for (const [who, page] of pages) if (!page.isClosed()) await snap(page, `failed-${who}`).catch(() => undefined);
      },
    });
    system = await startSystem(options.env);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    expect(problems.take()).withContext('browser console, failed loads and HTTP errors').toEqual([]);
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (used outside a spec?)`);
    return value;
  };

  return {
    get system() {
      return started(system, 'the system');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    problems,
    async newPage(who, device) {
      const page = problems.watch(await (await newContext(started(browser, 'the browser'), device)).newPage());
      pages.set(who, page);
      return page;
    },
    async signIn(page, login) {
      const { baseUrl, password } = started(system, 'the system');
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('Логин').fill(login);
      await page.getByLabel('Пароль').fill(password);
      await page.getByRole('button', { name: 'Войти' }).click();
    },
  };
}
