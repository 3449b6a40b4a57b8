import { allText, SUPERVISOR, waitFor } from './harness';
import { type SessionHarness, startSessionHarness } from './session-harness';

describe('App Home on a real tenant', () => {
  let h: SessionHarness;
  beforeAll(async () => {
    h = await startSessionHarness({ store: true });
  });
  afterAll(() => h.close());

  it('lists only what this CXone connection can do, in its words', async () => {
    const sent = await h.event({ type: 'app_home_opened', user: SUPERVISOR, tab: 'home', channel: 'D1' });
    expect(sent.status).toBe(200);
    const publish = await waitFor('views.publish', () => h.slack.callsTo('views.publish')[0]);
    const text = allText(publish.args);
    expect(text).toMatch(/unavailable maria lunch/);
    expect(text).toMatch(/ask her to log in/);
    // The tutorial's skill logins are not offered on a real tenant.
    expect(text).not.toMatch(/login <agent> \[skill\]|Log agent in/);
  });
});
