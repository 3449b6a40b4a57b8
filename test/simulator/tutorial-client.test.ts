import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { pick, send, sleep } from './helpers';

/**
 * The tutorial's own "Complete Working Example" (seed document), replayed request for request against the
 * simulator started with its defaults, as `agentstate simulator` runs it: a form-encoded token request,
 * GET states (empty), POST the login, `time.sleep(1)`, GET states once. The simulator is the reference
 * implementation of that contract, so the tutorial's client has to succeed against it.
 */

/** The tutorial's fixed wait before its single check. */
const TUTORIAL_SLEEP_MS = 1000;

describe("the tutorial's complete working example against the simulator's defaults", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('sees the agent logged in on its one check, one second after the login was accepted', async () => {
    const tokenRes = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sim.demo.clientId,
        client_secret: sim.demo.clientSecret,
      }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const p = pick(sim);
    const agent = p.loggedOut();
    const statesUrl = `${sim.url}/api/v2/agents/${agent.id}/states`;

    expect((await send<{ states: unknown[] }>(statesUrl, { token })).body.states).toEqual([]);
    const login = p.login('Billing');
    expect((await send(statesUrl, { method: 'POST', token, json: login })).status).toBe(201);
    await sleep(TUTORIAL_SLEEP_MS);
    const after = await send<{ states: Record<string, unknown>[] }>(statesUrl, { token });

    expect(after.status).toBe(200);
    expect(after.body.states).toEqual([expect.objectContaining({ agentId: agent.id, ...login })]);
  });

  it('keeps the default delay well inside the tutorial’s sleep, leaving room for a slow machine', () => {
    expect(sim.config.propagationDelayMs).toBeLessThanOrEqual(800);
  });
});
