import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { repoRoot } from './system-under-test.js';

/** Debian's Chromium: `/usr/bin/chromium` is a wrapper script, the binary sits beside it. */
const CHROMIUM_CANDIDATES = [process.env['CHROME_BIN'], '/usr/bin/chromium', '/usr/lib/chromium/chromium'];

export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CHROMIUM_CANDIDATES.find((path): path is string => !!path && existsSync(path));
  if (!executablePath) throw new Error('Chromium not found (apt-get install -y chromium, or set CHROME_BIN)');
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A desktop manager or auditor, or a signer on a 375-px phone; Russian users in Moscow's zone. */
export async function newContext(browser: Browser, device: 'desktop' | 'phone'): Promise<BrowserContext> {
  const base = { locale: 'en-US', timezoneId: 'Europe/Moscow', acceptDownloads: true } as const;
  return device === 'phone'
    ? browser.newContext({ ...base, viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    : browser.newContext({ ...base, viewport: { width: 1366, height: 900 } });
}

/**
 * Everything the browser reports as wrong on a page: console errors, uncaught exceptions, failed
 * loads and HTTP error answers. Not failures: a request the page cancelled because it navigated
 * away (the live stream closing as the user leaves the board, a favicon still loading when the
 * page reloads: aborted requests that started before a later navigation of the page) and the
 * answers a step expects (`allow`, e.g. the 422 of a deliberately wrong code). A missing resource
 * is still caught: it answers 404.
 */
export class BrowserProblems {
  private readonly problems: string[] = [];
  /** Aborted requests, judged when the problems are taken: a navigation may be reported after the abort. */
  private readonly aborted: { problem: string; leftBehind: () => boolean }[] = [];
  private readonly allowed: RegExp[] = [];

  watch(page: Page): Page {
    let navigations = 0;
    const navigationsAtStart = new WeakMap<Request, number>();
    page.on('request', (request) => {
      navigationsAtStart.set(request, navigations);
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations++;
    });
    // A same-document navigation (the router's redirect, e.g. to the login page) also makes the
    // browser drop what the page was still loading for the old URL, such as its favicon.
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !this.isAllowed(message.text())) this.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      if (this.isAllowed(request.url())) return;
      const problem = `request failed: ${request.method()} ${request.url()} (${failure})`;
      if (failure !== 'net::ERR_ABORTED') return void this.problems.push(problem);
      const startedAt = navigationsAtStart.get(request) ?? navigations;
      // The browser may tell of the abort before the navigation that caused it.
      this.aborted.push({ problem, leftBehind: () => request.resourceType() === 'eventsource' || startedAt < navigations });
    });
    page.on('response', (response) => {
      const line = `${response.status()} ${response.request().method()} ${response.url()}`;
      if (response.status() >= 400 && !this.isAllowed(line)) this.problems.push(`HTTP ${line}`);
    });
    return page;
  }

  /** Lets answers matching `pattern` (matched against "STATUS METHOD URL" and console text) pass. */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  take(): string[] {
    const aborted = this.aborted.splice(0).filter((request) => !request.leftBehind());
    return [...this.problems.splice(0), ...aborted.map((request) => request.problem)];
  }

  private isAllowed(text: string): boolean {
    return this.allowed.some((pattern) => pattern.test(text));
  }
}

/** What must never reach a user's screen: template syntax, raw values, raw JSON. */
const RAW_TEXT = [/\{\{|\}\}/, /\bundefined\b/, /\bnull\b/, /\bNaN\b/, /\[object Object\]/, /^\s*[[{]"/m, /Invalid Date/];

/**
 * A full-page screenshot under artifacts/e2e/, numbered in the order of the walk, after checking
 * that the text on the screen has no template syntax, raw value or raw JSON in it.
 */
export async function snap(page: Page, name: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const raw = RAW_TEXT.find((pattern) => pattern.test(text));
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
  if (raw) throw new Error(`${name}: the page shows raw text (${raw}):\n${text}`);
}

/** On a phone nothing may be wider than the screen: the page scrolls only vertically. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).withContext(`page width at ${widths.client} px`).toBeLessThanOrEqual(widths.client);
}
