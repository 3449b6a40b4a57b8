import type { Activity, Agent, Skill, StateDefinition } from '../../src/agentstate/model';
import { InvalidTargetError, type LoginOutcome } from '../../src/agentstate/types';
import { ConflictError, InvalidInputError, UnavailableError } from '../../src/cxone/errors';
import { auditText } from '../../src/slack/audit';
import {
  alreadyWatchingCard,
  ambiguousCard,
  auditCard,
  backReplyCard,
  busyCard,
  cannotPostCard,
  confirmLoginCard,
  confirmLogoutCard,
  diagnoseCard,
  digestCard,
  dropCard,
  errorCard,
  homeView,
  loginModal,
  loginResultCard,
  logoutResultCard,
  notFoundCard,
  notWatchedCard,
  partlyResolvedDigestCard,
  progressCard,
  recoveredCard,
  resolvedDropCard,
  skillsCard,
  statusCard,
  storeDownCard,
  unwatchedCard,
  unwatchedNoteCard,
  usageCard,
  watchConfirmationCard,
  watchingCard,
  watchStartedCard,
  watchWithdrawnCard,
} from '../../src/slack/blocks';
import { esc, join, md } from '../../src/slack/blocks/kit';
import { sharedChangeCard } from '../../src/slack/blocks/share';
import { emptyCard } from '../../src/slack/blocks/status-card';
import { ada, emptyDiagnosis, loggedIn, NOW, resolvedState, T0, target } from './fixtures';
import { expectNoForeignMarkup, HOSTILE_NAMES as H, markupProblems } from './markup-safety';

/** Every card the app can send, built from names CXone (or a user) could choose to ping or link with. */

const agent: Agent = {
  ...ada,
  firstName: H.channel,
  lastName: H.link,
  userName: H.here,
  email: `${H.everyone}@example.com`,
};
const skill: Skill = { id: 'b0000000-0000-4000-8000-000000000001', name: H.subteam, isActive: true };
const other: Skill = { id: 'b0000000-0000-4000-8000-000000000002', name: H.room, isActive: true };
const activity: Activity = { id: 'd0000000-0000-4000-8000-000000000001', name: H.user };
const oddState: StateDefinition = { id: 'c0000000-0000-4000-8000-000000000009', name: H.here };
const name = `${H.channel} ${H.link}`;
const hostileTarget = target({ skill, activity, note: `first of ${H.here} skills` });
const state = { ...resolvedState(skill, activity), stateName: H.everyone };

describe('md, esc and join', () => {
  it('escape every interpolated string once, and keep nested markup as it is', () => {
    const inner = md`*${'<a&b>'}*`;
    expect(String(md`x ${inner} ${'<!here>'} ${3}`)).toBe('x *&lt;a&amp;b&gt;* &lt;!here&gt; 3');
    expect(String(md`${esc('<x>')}`)).toBe('&lt;x&gt;');
    expect(String(join(['<a>', md`<@U1>`], ', '))).toBe('&lt;a&gt;, <@U1>');
  });
});

describe('every card, with hostile names from CXone and from users', () => {
  const loginOutcomes: LoginOutcome[] = [
    { kind: 'verified', agent, target: hostileTarget, state, verifyMs: 2300, polls: 3 },
    { kind: 'already_logged_in', agent, target: hostileTarget, state },
    {
      kind: 'conflict',
      agent,
      target: hostileTarget,
      conflictingSkill: other,
      error: new ConflictError(H.channel, other.id, { remediation: `Log out of ${H.here} first` }),
    },
    {
      kind: 'not_visible',
      agent,
      target: hostileTarget,
      verifyMs: 2000,
      polls: 4,
      explanation: `state ${H.subteam} is not ${H.link}`,
      validStates: [loggedIn, oddState],
      validActivities: [activity],
    },
  ];
  const drop = {
    agentId: agent.id,
    agentName: name,
    lastSkillId: skill.id,
    lastSkillName: H.subteam,
    at: T0,
  };
  const back = { agentName: name, skillName: H.room, activityName: H.user, more: 1, at: NOW };
  const sub = { channelId: 'C0001', agentId: agent.id, agentName: name, createdBy: 'U1', createdAt: T0 };
  const auditEntry = {
    id: 1,
    at: T0,
    actor: 'U1',
    action: 'login' as const,
    agentId: agent.id,
    agentName: name,
    target: H.subteam,
    outcome: H.here,
    detail: H.link,
    requestId: H.user,
  };
  const diagnosis = emptyDiagnosis({
    ref: H.here,
    agent,
    summary: `${name} is not logged in`,
    fix: `Log in to ${H.subteam}`,
    target: hostileTarget,
    checks: [{ id: 'states_present', label: H.here, outcome: 'fail', detail: H.link }],
  });

  const cards: Array<[string, unknown]> = [
    ['status', statusCard({ kind: 'report', agent, states: [state], checkedAt: NOW }, NOW)],
    ['empty status', emptyCard(agent, diagnosis, NOW)],
    ['diagnose', diagnoseCard(diagnosis, NOW)],
    ['ambiguous', ambiguousCard(H.here, [agent, agent], 2)],
    ['not found', notFoundCard(H.channel, { hint: H.here })],
    ['not found by mention', notFoundCard(H.channel, { mention: { userId: 'U1', email: H.link } })],
    ['skills', skillsCard([skill, other])],
    ['confirm login', confirmLoginCard(agent, hostileTarget)],
    ['confirm login, ambiguous', confirmLoginCard(agent, { ...hostileTarget, ambiguous: true })],
    ['confirm logout', confirmLogoutCard(agent, [state])],
    ['confirm logout of a typed skill', confirmLogoutCard(agent, [state], H.channel)],
    ...loginOutcomes.map((o): [string, unknown] => [`login ${o.kind}`, loginResultCard(o, 'U1')]),
    ['logged out', logoutResultCard({ kind: 'logged_out', agent, removed: [state], verifyMs: 900 }, 'U1')],
    ['not logged in', logoutResultCard({ kind: 'not_logged_in', agent, skillName: H.here }, 'U1')],
    [
      'logout not confirmed',
      logoutResultCard(
        { kind: 'not_confirmed', agent, removed: [state], verifyMs: 900, explanation: H.link },
        'U1',
      ),
    ],
    ['progress', progressCard(agent, 'switch', 'U1', { type: 'logging_out', skillName: H.subteam })],
    ['progress posting', progressCard(agent, 'login', 'U1', { type: 'posting', target: hostileTarget })],
    ['busy', busyCard(name, 'U1', 'login')],
    ['store down', storeDownCard(H.channel, 'change')],
    ['error', errorCard(new Error(`boom ${H.channel}`), H.here)],
    ['CXone error', errorCard(new UnavailableError(`CXone said ${H.here}`, 'server', {}))],
    ['conflict error', errorCard(new ConflictError(H.subteam, undefined, { remediation: H.link }))],
    ['input error', errorCard(new InvalidInputError(`bad ${H.channel}`, 'agent'))],
    ['invalid target', errorCard(new InvalidTargetError('skill', H.here, [skill, other], `No ${H.link}`))],
    ['usage', usageCard({ problem: `Unknown ${H.channel}`, suggestion: H.here })],
    ['drop', dropCard(drop)],
    ['digest', digestCard(Array.from({ length: 50 }, () => drop))],
    ['back', backReplyCard([back, back])],
    ['resolved', resolvedDropCard([back])],
    ['resolved digest', resolvedDropCard([back, back])],
    ['partly resolved', partlyResolvedDigestCard([drop], [back])],
    ['watch confirmation', watchConfirmationCard(agent, 'U1')],
    ['watch withdrawn', watchWithdrawnCard(agent)],
    ['watch started', watchStartedCard(agent, 'C0002', 'C0001')],
    ['already watching', alreadyWatchingCard(agent, 'C0001', sub)],
    ['cannot post', cannotPostCard('C0001', H.channel)],
    ['unwatched note', unwatchedNoteCard(name, 'U1')],
    ['unwatched', unwatchedCard(name, 'C0001')],
    ['not watched', notWatchedCard(name, 'C0001')],
    [
      'watching',
      watchingCard(
        'C0001',
        [sub, { ...sub, agentId: 'x' }, { ...sub, agentId: 'y' }],
        new Map([
          [agent.id, { kind: 'in' as const, states: [state] }],
          ['x', { kind: 'unknown' as const, reason: H.here }],
        ]),
        NOW,
      ),
    ],
    ['audit', auditCard([auditEntry], { id: agent.id, name })],
    [
      'audit channel',
      {
        text: String(
          auditText({
            at: T0,
            actor: 'U1',
            action: 'switch',
            agent: { id: agent.id, name },
            skill: H.subteam,
            outcome: H.here,
            detail: H.link,
            requestId: H.user,
          }),
        ),
      },
    ],
    [
      'home',
      homeView({
        watched: { kind: 'ok', value: { subs: [sub], states: new Map() } },
        audit: { kind: 'ok', value: [auditEntry] },
        now: NOW,
      }),
    ],
    [
      'home, unavailable',
      homeView({ watched: { kind: 'unavailable', reason: H.here }, audit: { kind: 'hidden' }, now: NOW }),
    ],
    [
      'login modal',
      loginModal({ agent, metadata: { a: agent.id }, target: hostileTarget, activities: [activity] }),
    ],
    [
      'recovered',
      recoveredCard(
        { action: 'login', startedBy: 'U1', agentId: agent.id },
        { kind: 'verified', agent, state },
      ),
    ],
    [
      'recovery failed',
      recoveredCard(
        { action: 'switch', startedBy: 'cli:<!here>', agentId: agent.id },
        { kind: 'failed', agentId: agent.id, agent, skillName: H.subteam, explanation: H.link },
      ),
    ],
    [
      'shared change',
      sharedChangeCard(
        { agentId: agent.id, agentName: name, outcome: 'conflict', skills: [H.subteam], conflicting: H.room },
        'U1',
      ),
    ],
  ];

  it.each(cards)('%s: no markup but the app’s own, in the text and in the blocks', (where, message) => {
    expectNoForeignMarkup([{ where, message }]);
  });

  it('the checker itself finds what was not escaped', () => {
    expect(markupProblems({ text: `hi ${H.channel}`, blocks: [] }).map((p) => p.token)).toContain(H.channel);
    expect(
      markupProblems({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `<${'http://x|y'}>` } }] }),
    ).toHaveLength(1);
    expect(markupProblems({ text: 'a & b' })).toHaveLength(1);
    expect(markupProblems({ text: '<@U1> at <!date^1^{date_short_pretty} {time}|x> in <#C1>' })).toEqual([]);
  });
});
