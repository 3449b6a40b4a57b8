import type { webApi } from '@slack/bolt';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { type AgentStateService, InvalidTargetError, type LoginOutcome } from '../../src/agentstate/types';
import { loadConfig } from '../../src/config';
import { UnavailableError } from '../../src/cxone/errors';
import { createMetrics } from '../../src/metrics';
import type { AuditEntry } from '../../src/slack/audit';
import type { Card } from '../../src/slack/blocks';
import { runLogin } from '../../src/slack/changes';
import type { SlackDeps } from '../../src/slack/deps';
import { createStoreHealth } from '../../src/slack/store-health';
import type { Authorisation } from '../../src/slack/supervisors';
import { ada, fakeService, resolvedState, sales, silentLogger, target } from './fixtures';
import { allText } from './harness';

/** The guarded change flow with a fake service: what the clicker sees, what is audited, what is posted. */

const verified: LoginOutcome = {
  kind: 'verified',
  agent: ada,
  target: target(),
  state: resolvedState(),
  verifyMs: 1200,
  polls: 2,
};

function setup(service: Partial<AgentStateService>, auth: Authorisation = 'allowed') {
  const audit: AuditEntry[] = [];
  const postMessage = jest.fn(async () => ({ ok: true }));
  const deps: SlackDeps = {
    config: loadConfig({ CXONE_SIMULATOR: '1' }),
    service: fakeService(service),
    guard: createInMemoryOperationGuard(),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    audit: { record: async (e) => void audit.push(e) },
    supervisors: { authorise: async () => auth },
    client: { chat: { postMessage } } as unknown as webApi.WebClient,
    now: () => Date.parse('2024-05-01T10:00:00Z'),
    health: createStoreHealth(undefined),
  };
  const sent: Array<{ card: Card; replace: boolean }> = [];
  const respond = async (card: Card, opts?: { replace?: boolean }) =>
    void sent.push({ card, replace: Boolean(opts?.replace) });
  const req = (userId = 'U1') => ({ agentId: ada.id, userId, respond });
  return { deps, audit, sent, req, postMessage };
}

describe('a state change from Slack', () => {
  it('tells a second supervisor who is already changing the agent, and never calls the use case twice', async () => {
    let finish: (o: LoginOutcome) => void = () => {};
    const loginAndVerify = jest.fn(() => new Promise<LoginOutcome>((r) => (finish = r)));
    const { deps, sent, req } = setup({ loginAndVerify });
    const first = runLogin(deps, req('U1'), { skill: sales.id });
    await new Promise((r) => setImmediate(r));
    await runLogin(deps, req('U2'), { skill: sales.id });
    expect(allText(sent.at(-1)!.card)).toContain('already in progress, started by <@U1>');
    expect(sent.at(-1)!.replace).toBe(false);
    finish(verified);
    await first;
    expect(loginAndVerify).toHaveBeenCalledTimes(1);
  });

  it('does nothing but explain when Slack cannot say whether the clicker is a supervisor', async () => {
    const { deps, sent, req } = setup({}, 'unknown');
    await runLogin(deps, req(), {});
    expect(allText(sent[0]!.card)).toContain('Could not check whether you are in the supervisor user group');
    expect(deps.service.resolveAgent).not.toHaveBeenCalled();
  });

  it('audits who, what, agent, skill, outcome and verify time of a verified login', async () => {
    const { deps, audit, sent, req } = setup({ loginAndVerify: jest.fn(async () => verified) });
    await runLogin(deps, req(), { skill: sales.id });
    expect(audit).toEqual([
      {
        at: new Date('2024-05-01T10:00:00Z'),
        actor: 'U1',
        action: 'login',
        agent: { id: ada.id, name: 'Ada Lovelace' },
        skill: 'Sales',
        outcome: 'verified',
        verifyMs: 1200,
      },
    ]);
    expect(sent.map((s) => s.replace)).toEqual([true, true]);
  });

  it('explains an invalid target without auditing it, since nothing was sent', async () => {
    const invalid = new InvalidTargetError(
      'activity',
      'Napping',
      [{ id: 'x', name: 'Available' }],
      'No activity Napping.',
    );
    const { deps, audit, sent, req } = setup({
      loginAndVerify: jest.fn(async () => Promise.reject(invalid)),
    });
    await runLogin(deps, req(), { activity: 'Napping' });
    expect(allText(sent.at(-1)!.card)).toContain('Valid activity choices');
    expect(audit).toEqual([]);
  });

  it('does not audit a login that found the agent already logged in', async () => {
    const already: LoginOutcome = {
      kind: 'already_logged_in',
      agent: ada,
      target: target(),
      state: resolvedState(),
    };
    const { deps, audit, req } = setup({ loginAndVerify: jest.fn(async () => already) });
    await runLogin(deps, req(), {});
    expect(audit).toEqual([]);
  });

  it('releases the agent after a failure so the next click can try again', async () => {
    const loginAndVerify = jest
      .fn()
      .mockRejectedValueOnce(new UnavailableError('503', 'server'))
      .mockResolvedValueOnce(verified);
    const { deps, audit, sent, req } = setup({ loginAndVerify });
    await runLogin(deps, req(), {});
    expect(allText(sent.at(-1)!.card)).toContain('CXone is not answering');
    await runLogin(deps, req(), {});
    expect(allText(sent.at(-1)!.card)).toContain('verified in 1.2 s');
    expect(audit.map((a) => a.outcome)).toEqual(['unavailable', 'verified']);
  });

  it('sends the result as a direct message when the response_url refuses it', async () => {
    const { deps, postMessage } = setup({ loginAndVerify: jest.fn(async () => verified) });
    let calls = 0;
    const respond = async () => {
      if (++calls > 1) throw new Error('response_url answered 404');
    };
    await runLogin(deps, { agentId: ada.id, userId: 'U1', respond }, {});
    expect(postMessage).toHaveBeenCalledWith(expect.objectContaining({ channel: 'U1' }));
    expect(allText(postMessage.mock.calls[0])).toContain('verified in 1.2 s');
  });
});
