import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser download) for the sandbox page's browser
 * tests, and the geometry checks they share. Without Chromium the tests are skipped, except on CI,
 * which must install it.
 */

const CHROMIUM = '/usr/bin/chromium';
/** Generous for a cold browser on a small CI runner; a passing run takes a few seconds. */
export const UI_TIMEOUT_MS = 20_000;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) {
  throw new Error(
    `The sandbox browser tests need Chromium at ${CHROMIUM}; CI must install it (apt-get install chromium).`,
  );
}
if (!hasChromium)
  console.warn(`Skipping the sandbox browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
export const describeInBrowser = hasChromium ? describe : describe.skip;

/** launch() runs each browser in a fresh temporary profile (user data dir), removed on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openPage(browser: Browser, url: string, width: number, height: number) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  await page.goto(url);
  return page;
}

/** Where an element is against the window and against the scrolling pane it sits in. */
export interface Placement {
  top: number;
  bottom: number;
  paneTop: number;
  paneBottom: number;
  windowHeight: number;
}

export function placement(locator: Locator): Promise<Placement> {
  return locator.evaluate((node) => {
    const rect = node.getBoundingClientRect();
    let pane = node.parentElement;
    while (pane && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
    const box = pane?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
    return {
      top: rect.top,
      bottom: rect.bottom,
      paneTop: box.top,
      paneBottom: box.bottom,
      windowHeight: window.innerHeight,
    };
  });
}

/**
 * Inside the window, and inside its scrolling pane when it has one (1 px of rounding). An element taller
 * than the pane counts when its end is shown, as a chat list shows the end of a long newest message.
 */
export function isInView(p: Placement): boolean {
  const top = Math.max(0, p.paneTop);
  const bottom = Math.min(p.windowHeight, p.paneBottom);
  const fits = p.bottom - p.top <= bottom - top;
  return p.bottom <= bottom + 1 && p.bottom > top && (!fits || p.top >= top - 1);
}

/**
 * Waits until the element is in view (the page renders and scrolls after each pushed snapshot); on
 * timeout, fails naming what was expected and where the element was.
 */
export async function expectInView(what: string, locator: Locator, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Placement | undefined;
  while (Date.now() < deadline) {
    last = await placement(locator);
    if (isInView(last)) return;
    await locator.page().waitForTimeout(50);
  }
  throw new Error(`${what} is not in view: ${JSON.stringify(last)}`);
}

/** How far the page and each pane scroll sideways: 0 everywhere means nothing overflows the window. */
export function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const panes = Array.from(document.querySelectorAll<HTMLElement>('.messages, .home')).filter(
      (p) => p.offsetParent !== null,
    );
    return {
      page: root.scrollWidth - window.innerWidth,
      panes: Math.max(0, ...panes.map((p) => p.scrollWidth - p.clientWidth)),
    };
  });
}
