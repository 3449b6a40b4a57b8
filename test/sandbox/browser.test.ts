import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DevStack } from '../../src/sandbox';
import { createSimulatorControl } from '../../src/simulator/control';
import { describeInBrowser, launchChromium, openPage } from './chromium';
import { loggedOutAgent, startStack } from './helpers';

/**
 * The sandbox in a real browser (Debian's Chromium through playwright-core): a supervisor logs a
 * logged-out agent in from the status card and sees it verified; an ordinary member is refused; a drop
 * notice's thread. Saves a screenshot (test-results/sandbox.png; with UPDATE_SCREENSHOT=1, the README's
 * docs/sandbox.png). Waits are Playwright's auto-waiting, never sleeps. The layout (long sessions, phone
 * width) is page-layout.test.ts.
 */

// Every run saves its screenshot under test-results/; UPDATE_SCREENSHOT=1 refreshes the README's copy.
const SCREENSHOT = join(
  __dirname,
  '..',
  '..',
  ...(process.env.UPDATE_SCREENSHOT === '1' ? ['docs', 'sandbox.png'] : ['test-results', 'sandbox.png']),
);
describeInBrowser('the sandbox page in Chromium', () => {
  let stack: DevStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The watcher polls every second (the smallest WATCH_INTERVAL_MS) so a drop notice shows up quickly.
    stack = await startStack({ WATCH_INTERVAL_MS: '1000' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    page = await openPage(browser, stack.url, 1280, 760);
  });
  afterEach(() => page.close());

  async function ask(agentRef: string) {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill(`/agentstate ${agentRef}`);
    await box.press('Enter');
    const card = page.locator('article.message').filter({ hasText: agentRef }).last();
    await card.getByText('Only visible to you').waitFor();
    return card;
  }

  async function askForLoggedOut(agentId: string) {
    const card = await ask(agentId);
    await card.getByText('Not logged in to any skill').waitFor();
    return card;
  }

  async function clickLogInAndConfirm(card: ReturnType<Page['locator']>) {
    await card.getByRole('button', { name: 'Log agent in' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Log agent in?' });
    await dialog.getByText('Billing').waitFor();
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('shows a logged-in agent’s states, then logs a logged-out agent in for a supervisor', async () => {
    const tenant = stack.simulator.tenant;
    const busy = tenant.agents.find((a) => tenant.visibleStates(a.id).length > 0)!;
    await page.getByRole('radio', { name: /Supervisor/ }).check();
    const states = await ask(busy.email);
    await states.getByRole('heading', { name: `${busy.firstName} ${busy.lastName}` }).waitFor();
    await states.getByText('Skill', { exact: true }).first().waitFor();

    const agent = loggedOutAgent(stack);
    const card = await askForLoggedOut(agent.id);
    await card.getByRole('heading', { name: `${agent.firstName} ${agent.lastName}` }).waitFor();

    await clickLogInAndConfirm(card);
    await card.getByText('Logging in').waitFor();
    await card.getByText(/verified in \d+\.\d s/).waitFor();
    await card.getByText('Only visible to you').waitFor();

    // Park the pointer so no message shows its hover background in the picture.
    await page.mouse.move(0, 0);
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(stack.simulator.tenant.visibleStates(agent.id)).toHaveLength(1);
  }, 60_000);

  it('refuses the click of an ordinary member', async () => {
    const agent = loggedOutAgent(stack);
    await page.getByRole('radio', { name: /Member/ }).check();
    await page.getByText('Morgan Blake', { exact: true }).waitFor();
    const card = await askForLoggedOut(agent.id);

    await clickLogInAndConfirm(card);
    await page.getByText('Only supervisors can change agent states').waitFor();
    expect(stack.simulator.tenant.visibleStates(agent.id)).toHaveLength(0);
  }, 60_000);

  it('logs in through the modal: skills come from the app as the supervisor types', async () => {
    const agent = loggedOutAgent(stack);
    const card = await askForLoggedOut(agent.id);
    await card.getByRole('button', { name: 'Other skill…' }).click();

    const modal = page.getByRole('dialog', { name: 'Log agent in' });
    const skill = modal.getByRole('combobox', { name: 'Skill' });
    await skill.fill('reten');
    await page.getByRole('option', { name: 'Retention' }).click();
    await modal.getByLabel('Activity').selectOption({ label: 'Busy' });
    await modal.getByRole('button', { name: 'Log in' }).click();
    await modal.waitFor({ state: 'detached' });

    await card.getByText(/Logged in to Retention as Busy .* verified in/).waitFor();
  }, 60_000);

  it('posts a drop notice for a watched agent; "Log back in" logs the agent back in and the watcher replies in its thread', async () => {
    const tenant = stack.simulator.tenant;
    const agent = tenant.agents.filter((a) => a.isActive && tenant.visibleStates(a.id).length > 0).at(-1)!;
    await page.getByRole('radio', { name: /Supervisor/ }).check();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill(`/agentstate watch ${agent.email}`);
    await box.press('Enter');
    await page.getByText(`Now watching ${agent.firstName} ${agent.lastName}`).waitFor();

    await createSimulatorControl(stack.simulator.url).setAgentStates(agent.id, []);
    const notice = page.locator('article.message').filter({ hasText: 'dropped out of every skill' }).last();
    await notice.getByRole('button', { name: 'Log back in' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Log agent back in?' });
    await dialog.getByRole('button', { name: 'Log in' }).click();

    // The watcher sees the agent back and answers in the notice's thread: the channel shows the reply
    // count under the notice, the thread shows the reply.
    const name = `${agent.firstName} ${agent.lastName}`;
    const channel = page.getByRole('region', { name: 'Messages', exact: true });
    const parent = channel
      .locator('article.message')
      .filter({ hasText: `${name} dropped out` })
      .last();
    await parent.getByRole('button', { name: /^1 reply/ }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    await thread.getByText(`${name} is back in`).waitFor();
    await thread.getByText('1 reply', { exact: true }).waitFor();
    expect(await channel.getByText(`${name} is back in`).count()).toBe(0);
    expect(tenant.visibleStates(agent.id)).toHaveLength(1);

    // The thread's box has the focus: a reply typed there lands in the thread, and the count follows.
    await page.keyboard.type('On it, thanks');
    await page.keyboard.press('Enter');
    await thread.getByText('On it, thanks').waitFor();
    const count = parent.getByRole('button', { name: /^2 replies/ });
    await count.waitFor();
    expect(await channel.getByText('On it, thanks').count()).toBe(0);

    // Escape closes the thread and gives the focus back to the reply count that opened it.
    await page.keyboard.press('Escape');
    await thread.waitFor({ state: 'hidden' });
    expect(await count.evaluate((button) => button === document.activeElement)).toBe(true);
  }, 60_000);
});
