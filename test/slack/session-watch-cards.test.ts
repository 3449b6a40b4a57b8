import type { AgentStatus, SessionAgent } from '../../src/agentstate/sessions';
import { stateKindOf } from '../../src/agentstate/sessions/model';
import {
  sessionWatchConfirmationCard,
  sessionWatchingCard,
  sessionWatchStartedCard,
  type WatchedState,
} from '../../src/slack/sessions/watch-cards';
import { allText } from './harness';
import { expectNoForeignMarkup, HOSTILE_NAMES } from './markup-safety';

/** The replies of /agentstate watch and watching on a real tenant, as data. */

const AT = new Date('2025-03-01T09:00:00.000Z');

function agent(over: Partial<SessionAgent> = {}): SessionAgent {
  return {
    id: '1004',
    firstName: 'Hugo',
    lastName: 'Martin',
    email: 'hugo.martin@example.com',
    userName: 'hugo.martin',
    isActive: true,
    ...over,
  };
}

function status(state: AgentStatus['state'], over: Partial<AgentStatus> = {}): AgentStatus {
  return { agentId: '1004', state, kind: stateKindOf(state), since: AT, ...over };
}

describe('watch confirmations on a real tenant', () => {
  it('an agent in a session: no note', () => {
    const card = sessionWatchConfirmationCard(agent(), status('Available'), 'USUPER1');
    expect(card.text).toBe(
      "Watching *Hugo Martin* here — requested by <@USUPER1>; I'll post when they log out of CXone.",
    );
  });

  it('a logged-out agent: nothing can be reported until they log in', () => {
    const started = sessionWatchStartedCard(agent(), status('LoggedOut'), 'C1', 'C1');
    expect(allText(started)).toContain(
      'Hugo Martin is logged out now: nothing can be reported until they log in.',
    );
    expect(allText(started)).toContain('Stop with `/agentstate unwatch hugo.martin@example.com`');
  });

  it('a deactivated agent: nothing can be reported until they are reactivated', () => {
    const card = sessionWatchConfirmationCard(agent({ isActive: false }), status('LoggedOut'), 'USUPER1');
    expect(allText(card)).toContain(
      'Hugo Martin is deactivated in CXone: nothing can be reported until they are reactivated.',
    );
    expect(allText(card)).not.toContain('logged out now');
  });

  it('names and reasons from CXone cannot ping or link in any of these replies', () => {
    const hostile = Object.values(HOSTILE_NAMES).join(' ');
    const a = agent({ firstName: hostile, lastName: hostile, email: `${HOSTILE_NAMES.link}@example.com` });
    const s = status('Unavailable', { reason: { name: hostile } });
    const states = new Map<string, WatchedState>([['1004', { kind: 'read', agent: a, status: s }]]);
    const sub = { channelId: 'C1', agentId: '1004', agentName: hostile, createdBy: 'U1', createdAt: AT };
    expectNoForeignMarkup([
      { where: 'confirmation', message: sessionWatchConfirmationCard(a, status('LoggedOut'), 'USUPER1') },
      { where: 'started', message: sessionWatchStartedCard(a, s, 'COPS001', 'C1') },
      { where: 'watching', message: sessionWatchingCard('C1', [sub], states, AT) },
    ]);
  });
});

describe('/agentstate watching on a real tenant', () => {
  it('one line per agent with its state now; logged out marked, deactivated said, unread ones explained', () => {
    const subs = ['1', '2', '3', '4', '5'].map((id) => ({
      channelId: 'C1',
      agentId: id,
      agentName: `Agent ${id}`,
      createdBy: 'U1',
      createdAt: AT,
    }));
    const states = new Map<string, WatchedState>([
      ['1', { kind: 'read', agent: agent(), status: status('Unavailable', { reason: { name: 'Lunch' } }) }],
      ['2', { kind: 'read', agent: agent(), status: status('LoggedOut') }],
      ['3', { kind: 'read', agent: agent({ isActive: false }), status: status('LoggedOut') }],
      ['4', { kind: 'unknown', reason: 'rate_limited' }],
    ]);
    const text = allText(sessionWatchingCard('C1', subs, states, AT));
    expect(text).toContain('Watched here (5)');
    expect(text).toMatch(/• \*Agent 1\* — \*Unavailable — Lunch\* since <!date/);
    expect(text).toMatch(/• \*Agent 2\* — :red_circle: \*Logged out\* since <!date/);
    expect(text).toContain('• *Agent 3* — :no_entry: deactivated in CXone');
    expect(text).toContain('• *Agent 4* — _state unavailable: rate_limited_');
    expect(text).toContain('• *Agent 5* — _not checked (list too long)_');
  });

  it('a channel watching nobody is told how to start', () => {
    expect(allText(sessionWatchingCard('C1', [], new Map(), AT))).toContain(
      '<#C1> watches no agents. Start with `/agentstate watch &lt;agent&gt;`',
    );
  });
});
