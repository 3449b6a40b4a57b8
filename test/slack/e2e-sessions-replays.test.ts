import { SESSION_ACTION } from '../../src/slack/sessions/values';
import { allText, findButton, SUPERVISOR, waitFor, waitForPostWith } from './harness';
import { type SessionHarness, startSessionHarness } from './session-harness';
import { buttonPayload } from './slack-requests';

/** On a real tenant's API too, a state-changing click that arrives again (same action_ts) is refused. */

let h: SessionHarness;
beforeAll(async () => {
  h = await startSessionHarness({ store: true });
});
afterAll(() => h.close());

it('refuses a captured "Make available" click replayed after the agent was set unavailable again', async () => {
  const agent = h.agent('unavailable');
  const sent = await h.command(agent);
  const card = await waitFor('the status card', () => h.slack.postsTo(sent.responseId)[0]);
  const button = findButton(card, SESSION_ACTION.available);
  if (!button) throw new Error(`no Make available button in ${allText(card)}`);
  const click = buttonPayload(
    SESSION_ACTION.available,
    button.value,
    SUPERVISOR,
    h.slack.responseUrl('first'),
  );
  expect((await h.interact(click)).status).toBe(200);
  await waitForPostWith(h, 'first', 'verified in');
  await h.control.setAgentState(agent, { state: 'Unavailable', reason: 'Lunch' });
  const posts = await h.control.count('POST /agents/{agentId}/state');

  expect((await h.interact(click)).status).toBe(200);
  await waitForPostWith(h, 'first', 'already handled');
  expect(await h.control.count('POST /agents/{agentId}/state')).toBe(posts);
  expect(h.sim.tenant.visibleState(Number(agent)).state).toBe('Unavailable');
});
