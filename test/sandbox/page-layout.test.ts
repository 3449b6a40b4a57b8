import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DevStack } from '../../src/sandbox';
import { APP } from '../../src/sandbox/workspace';
import {
  describeInBrowser,
  expectInView,
  isInView,
  launchChromium,
  openPage,
  placement,
  sidewaysOverflow,
} from './chromium';
import { CHANNEL, loggedOutAgent, startStack } from './helpers';

/**
 * The sandbox page's layout in Chromium, driven with the mouse and the keyboard as a person would: a
 * long session at 1366×768 (the message box and the newest reply stay in the window, the list scrolls
 * in its own pane, a reload opens at the newest message), a phone's 390 px (nothing overflows sideways,
 * the sidebar behind a menu button) and a thread at both widths. Screenshots go to test-results/.
 */

const RESULTS = join(__dirname, '..', '..', 'test-results');

describeInBrowser('the sandbox page’s layout in Chromium', () => {
  let stack: DevStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    await mkdir(RESULTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => page?.close());

  const channel = () => page.getByRole('region', { name: 'Messages', exact: true });
  const messages = () => channel().locator('article.message');
  const messageBox = () => page.getByRole('textbox', { name: 'Message' });

  /** Types into the focused box and presses Enter; resolves once the channel shows one more message. */
  async function send(text: string): Promise<Locator> {
    const before = await messages().count();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await messages().nth(before).waitFor();
    return messages().last();
  }

  /** scrollTop once a wheel's scrolling has come to rest. */
  async function settledScrollTop(pane: Locator): Promise<number> {
    let last = -1;
    for (;;) {
      const now = await pane.evaluate((node) => node.scrollTop);
      if (now === last) return now;
      last = now;
      await page.waitForTimeout(100);
    }
  }

  function commands() {
    const tenant = stack.simulator.tenant;
    const busy = tenant.agents.find((a) => tenant.visibleStates(a.id).length > 0)!;
    const out = loggedOutAgent(stack);
    return ['help', busy.email, `diagnose ${out.id}`, 'skills', out.id].map((c) => `/agentstate ${c}`);
  }

  it('keeps the box and the newest reply in view through 20+ messages, scrolls the list alone, and reopens at the newest', async () => {
    page = await openPage(browser, stack.url, 1366, 768);
    const actingAs = page.getByRole('group', { name: 'Acting as' });
    await messageBox().click();
    const tried = commands();
    for (let i = 0; i < 24; i++) {
      const newest = await send(i % 2 ? tried[(i >> 1) % tried.length]! : `Checking the queue, note ${i}`);
      await expectInView(`the newest message after ${i + 1} sent`, newest);
      await expectInView(`the message box after ${i + 1} sent`, messageBox());
    }
    await expectInView('the acting-as switch', actingAs);
    expect(await messages().count()).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBe(0);

    // The wheel over the list scrolls the list, and only it.
    const list = (await channel().boundingBox())!;
    await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
    await page.mouse.wheel(0, -1500);
    const reading = await settledScrollTop(channel());
    expect(isInView(await placement(messages().last()))).toBe(false);
    await expectInView('the message box while reading older messages', messageBox());

    // A message arriving meanwhile leaves the reader where they are and offers a jump to it.
    stack.workspace.post({
      channel: CHANNEL,
      user: APP.botUserId,
      text: 'Ana Silva dropped out of every skill',
    });
    const jump = page.getByRole('button', { name: 'New messages' });
    await jump.waitFor();
    expect(await settledScrollTop(channel())).toBe(reading);
    await jump.click();
    await expectInView('the message that arrived while reading', messages().last());

    // PageUp and PageDown in the message box scroll the list.
    await messageBox().click();
    const bottom = await settledScrollTop(channel());
    await page.keyboard.press('PageUp');
    expect(await settledScrollTop(channel())).toBeLessThan(bottom);
    expect(isInView(await placement(messages().last()))).toBe(false);
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    await expectInView('the newest message after PageDown', messages().last());

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(RESULTS, 'sandbox-1366.png') });
    await page.reload();
    await messages().last().waitFor();
    await expectInView('the newest message after a reload', messages().last());
    await expectInView('the message box after a reload', messageBox());
  }, 120_000);

  it('fits a phone’s 390 px: no sideways scrolling, cards wrap by words, the sidebar behind a menu button', async () => {
    page = await openPage(browser, stack.url, 390, 844);
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, panes: 0 });
    await messageBox().click();
    for (const command of commands()) {
      const newest = await send(command);
      await newest.getByText('Only visible to you').waitFor();
      expect(await sidewaysOverflow(page)).toEqual({ page: 0, panes: 0 });
      await expectInView(`the reply to ${command}`, newest);
      await expectInView('the message box', messageBox());
    }
    // Text breaks between words: every message keeps a readable column (one letter a line was ~20 px).
    const columns = await messages()
      .locator('.msg-content')
      .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().width));
    expect(Math.min(...columns)).toBeGreaterThan(250);
    await page.screenshot({ path: join(RESULTS, 'sandbox-390.png') });

    // The sidebar (channels, and who you act as) opens from the menu button and closes on Escape.
    const actingAs = page.getByRole('group', { name: 'Acting as' });
    const menu = page.getByRole('button', { name: 'Channels and who you act as' });
    expect(await actingAs.isVisible()).toBe(false);
    await menu.click();
    await actingAs.waitFor();
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, panes: 0 });
    await page.keyboard.press('Escape');
    await actingAs.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((button) => button === document.activeElement)).toBe(true);

    // Picking in it closes it and shows the pick.
    await menu.click();
    await page.getByRole('radio', { name: /Member/ }).click();
    await actingAs.waitFor({ state: 'hidden' });
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.locator('#me').innerText()).toContain('MB');
  }, 120_000);

  it.each([
    { width: 1366, height: 768, beside: true },
    { width: 390, height: 844, beside: false },
  ])(
    'opens a thread at $width px: beside the channel on a wide window, over it on a narrow one',
    async ({ width, height, beside }) => {
      const parent = stack.workspace.post({
        channel: CHANNEL,
        user: APP.botUserId,
        text: `Ben dropped out (${width})`,
      });
      stack.workspace.post({
        channel: CHANNEL,
        user: APP.botUserId,
        text: `Ben is back (${width})`,
        threadTs: parent.ts,
      });
      page = await openPage(browser, stack.url, width, height);
      const count = messages()
        .filter({ hasText: `Ben dropped out (${width})` })
        .getByRole('button', { name: /^1 reply/ });
      await count.click();
      const thread = page.getByRole('complementary', { name: 'Thread' });
      await thread.getByText(`Ben is back (${width})`).waitFor();
      const reply = page.getByRole('textbox', { name: 'Reply' });
      await expectInView('the thread’s reply box', reply);
      expect(await reply.evaluate((box) => box === document.activeElement)).toBe(true);
      const pane = (await thread.boundingBox())!;
      if (beside) {
        await expectInView('the channel’s message box beside the thread', messageBox());
        expect(pane.x).toBeGreaterThan(width / 2);
      } else {
        expect(pane).toMatchObject({ x: 0, width });
        expect(await messageBox().isVisible()).toBe(false);
        expect(await sidewaysOverflow(page)).toEqual({ page: 0, panes: 0 });
      }
      await page.screenshot({ path: join(RESULTS, `sandbox-thread-${width}.png`) });

      await page.getByRole('button', { name: 'Close thread' }).click();
      await thread.waitFor({ state: 'hidden' });
      await expectInView('the channel’s message box once the thread is closed', messageBox());
    },
    60_000,
  );
});
