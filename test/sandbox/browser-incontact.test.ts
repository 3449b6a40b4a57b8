import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DevStackOf } from '../../src/sandbox';
import { describeInBrowser, launchChromium, openPage } from './chromium';
import { startIncontactStack } from './helpers';

/**
 * The incontact sandbox (`agentstate dev --dialect incontact`) in Debian's Chromium, driven by mouse and
 * keyboard only: a supervisor makes an unavailable agent available; then asks a logged-out agent to log
 * in, becomes that agent with the page's switch, finds the app's direct message, logs in from the agent
 * application under it, switches back, and finds the request verified. Screenshots of the DM and of the
 * verified request go to test-results/.
 */

const RESULTS = join(__dirname, '..', '..', 'test-results');

describeInBrowser('the incontact sandbox in Chromium', () => {
  let stack: DevStackOf<'incontact'>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startIncontactStack();
    browser = await launchChromium();
    await mkdir(RESULTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    page = await openPage(browser, stack.url, 1280, 800);
  });
  afterEach(() => page.close());

  async function type(command: string) {
    await page.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
  }

  /** The newest message in the channel that mentions the agent (the status card, then what replaced it). */
  const cardOf = (text: string) =>
    page
      .getByRole('region', { name: 'Messages', exact: true })
      .locator('article.message')
      .filter({ hasText: text })
      .last();

  it('makes an unavailable agent available from the status card, verified in place', async () => {
    const liam = stack.simulator.tenant.demoAgent('unavailable');
    const name = `${liam.firstName} ${liam.lastName}`;
    await type(`/agentstate ${name}`);
    const card = cardOf(liam.email);
    await card.getByText('Lunch').first().waitFor();
    await card.getByRole('button', { name: 'Make available' }).click();
    await card.getByText(new RegExp(`${name} made available by .* verified in \\d+\\.\\d s`)).waitFor();
    await card.getByText('Only visible to you').waitFor();
    expect(stack.simulator.tenant.visibleState(liam.agentId).state).toBe('Available');
  }, 60_000);

  it('asks a logged-out agent to log in; as that agent, logs in from the DM; the request turns verified', async () => {
    const hugo = stack.simulator.tenant.demoAgent('loggedOut');
    const name = `${hugo.firstName} ${hugo.lastName}`;
    await type(`/agentstate ${name}`);
    const card = cardOf(hugo.email);
    await card.getByRole('button', { name: `Ask ${hugo.firstName} to log in` }).click();
    await card.getByText(/waiting for them to log in/).waitFor();

    // Become the agent: the app's direct message waits under Apps, with a count.
    await page.getByRole('radio', { name: `Agent · ${name}` }).click();
    await page.locator('.me').getByText(name, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'agentstate (1 new message)' }).click();
    await page.getByRole('tab', { name: 'Messages' }).and(page.locator('[aria-selected="true"]')).waitFor();
    const dm = page.locator('article.message').filter({ hasText: 'asked you to log in to CXone' });
    await dm.getByText('Log in to your agent application and set yourself Available.').waitFor();

    const desk = page.getByRole('region', { name: 'CXone agent application' });
    await desk.getByText('Logged out', { exact: true }).waitFor();
    await desk.getByRole('button', { name: `Log in to CXone as ${name} and become Available` }).click();
    await desk.getByText(/^Logged in at .* and Available$/).waitFor();
    await desk.getByText('Available', { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(RESULTS, 'sandbox-incontact-dm.png') });

    // Back as the supervisor: the request the app was waiting on is verified, in the same message.
    await page.getByRole('radio', { name: /^Supervisor/ }).click();
    await page.getByRole('button', { name: '# supervisors' }).click();
    const verified = cardOf(`agent ${hugo.agentId}`);
    await verified.getByText(/logged in and is Available — verified .* after/).waitFor();
    await verified.getByText('Only visible to you').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(RESULTS, 'sandbox-incontact.png') });
    expect(stack.simulator.tenant.visibleState(hugo.agentId).state).toBe('Available');
  }, 60_000);
});
