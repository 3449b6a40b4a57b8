import { InvalidTargetError } from '../../src/agentstate/types';
import { ConflictError, InvalidInputError, MissingScopeError } from '../../src/cxone/errors';
import {
  ambiguousCard,
  diagnoseCard,
  errorCard,
  loginModal,
  loginResultCard,
  progressCard,
  skillOptions,
  skillsCard,
  statusCard,
  usageCard,
  withShareButton,
} from '../../src/slack/blocks';
import { formatDuration } from '../../src/slack/blocks/format';
import { emptyCard } from '../../src/slack/blocks/status-card';
import { ACTION } from '../../src/slack/ids';
import { decode, loginValueSchema, modalValueSchema, switchValueSchema } from '../../src/slack/payloads';
import {
  ada,
  available,
  busy,
  emptyDiagnosis,
  legacy,
  loggedIn,
  loggedOut,
  NOW,
  resolvedState,
  sales,
  support,
  T0,
  target,
} from './fixtures';
import { allText, findButton } from './harness';

describe('the status card', () => {
  const report = {
    kind: 'report' as const,
    agent: ada,
    states: [resolvedState(), resolvedState(support, busy)],
    checkedAt: NOW,
  };

  it('has the agent name as header, the id, one row per state and the source line', () => {
    const card = statusCard(report, NOW);
    expect(card.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Ada Lovelace', emoji: true },
    });
    expect(allText(card.blocks[1])).toContain(ada.id);
    expect(card.blocks[2]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Skill*\nSales' },
        { type: 'mrkdwn', text: '*State*\nLogged In' },
        { type: 'mrkdwn', text: '*Activity*\nAvailable' },
        {
          type: 'mrkdwn',
          text: `*Since*\n<!date^${T0.getTime() / 1000}^{date_short_pretty} {time}|${T0.toISOString()}> (2 h 05 min)`,
        },
      ],
    });
    expect(allText(card.blocks[3])).toContain('Busy');
    expect(allText(card.blocks.at(-1))).toContain('Source: CXone · checked <!date^');
    expect(card.text).toBe('Ada Lovelace: logged in (2 states)');
  });

  it('escapes mrkdwn control characters in names', () => {
    const card = statusCard({ ...report, agent: { ...ada, userName: '<b&a>' } }, NOW);
    expect(allText(card)).toContain('&lt;b&amp;a&gt;');
  });

  it('stays under Slack’s 50-block limit for an agent with many states, share button included', () => {
    const many = Array.from({ length: 80 }, () => resolvedState());
    const card = withShareButton(statusCard({ ...report, states: many }, NOW), { k: 'status', a: ada.id });
    expect(card.blocks.length).toBeLessThanOrEqual(50);
    expect(allText(card)).toContain('more lines not shown');
    expect(findButton(card, ACTION.share)?.value).toBe(JSON.stringify({ k: 'status', a: ada.id }));
  });
});

describe('the empty card', () => {
  it('explains why and offers a primary login button with a confirm dialog naming agent and target', () => {
    const card = emptyCard(ada, emptyDiagnosis(), NOW);
    expect(allText(card)).toContain('*Not logged in to any skill.* A login to *Sales* would fix it.');
    expect(allText(card)).toContain('*Fix:* Use *Log agent in* below.');
    const button = findButton(card, ACTION.login)!;
    expect(button.style).toBe('primary');
    expect(button.confirm?.text.text).toBe('Log Ada Lovelace in to *Sales* as *Available*?');
    expect(decode(loginValueSchema, button.value)).toEqual({
      a: ada.id,
      s: sales.id,
      st: loggedIn.id,
      ac: available.id,
    });
    expect(findButton(card, ACTION.openLoginModal)?.text.text).toBe('Other skill…');
  });

  it('opens the modal instead when the target is ambiguous', () => {
    const card = emptyCard(
      ada,
      emptyDiagnosis({ target: target({ ambiguous: true, note: 'first of 3 active skills' }) }),
      NOW,
    );
    expect(findButton(card, ACTION.login)).toBeUndefined();
    const button = findButton(card, ACTION.openLoginModal)!;
    expect(button.style).toBe('primary');
    expect(button.confirm).toBeUndefined();
    expect(allText(card)).toContain('first of 3 active skills');
  });

  it('offers no button when a login cannot help', () => {
    const card = emptyCard(ada, emptyDiagnosis({ canLogin: false, fix: 'Grant Agent-Write.' }), NOW);
    expect(findButton(card, ACTION.login)).toBeUndefined();
    expect(findButton(card, ACTION.openLoginModal)).toBeUndefined();
  });
});

describe('the other cards', () => {
  it('lists candidates of an ambiguous name with a button each', () => {
    const card = ambiguousCard('ada', [ada, { ...ada, id: ada.id.replace('a', 'e'), isActive: false }], 12);
    expect(allText(card)).toContain('*`ada` matches 12 agents (showing 2).*');
    expect(allText(card)).toContain('_(inactive)_');
    expect(findButton(card, ACTION.pickAgent)?.value).toBe(JSON.stringify({ a: ada.id }));
  });

  it('marks diagnostic checks with ✓, ✗, ⚠ and –', () => {
    const text = allText(diagnoseCard(emptyDiagnosis(), NOW));
    expect(text).toContain('✓ *Token* — obtained');
    expect(text).toContain('✗ *States present*\n');
    expect(text).toContain('⚠ *Agent active*');
    expect(text).toContain('– _Login target_');
    expect(text).toContain('*Fix:* Use *Log agent in* below.');
  });

  it('shows progress without any button', () => {
    const card = progressCard(ada, 'login', 'U1', {
      type: 'polling',
      attempt: 3,
      elapsedMs: 2000,
      timeoutMs: 15000,
    });
    expect(card.text).toBe('Logging in Ada Lovelace… waiting for CXone to show the change (up to 15.0 s)…');
    expect(JSON.stringify(card.blocks)).not.toContain('button');
  });

  it('says who logged the agent in and how long verification took', () => {
    const card = loginResultCard(
      { kind: 'verified', agent: ada, target: target(), state: resolvedState(), verifyMs: 2340, polls: 3 },
      'U1',
    );
    expect(allText(card)).toContain('Logged in to *Sales* as *Available* by <@U1> — verified in 2.3 s');
  });

  it('offers "Switch to <skill>" on a conflict with a known skill', () => {
    const error = new ConflictError('already logged in', support.id);
    const card = loginResultCard(
      { kind: 'conflict', agent: ada, target: target(), conflictingSkill: support, error },
      'U1',
    );
    expect(allText(card)).toContain('already logged in to *Support*');
    const button = findButton(card, ACTION.switchSkill)!;
    expect(button.text.text).toBe('Switch to Sales');
    expect(decode(switchValueSchema, button.value)).toMatchObject({ a: ada.id, f: support.id, s: sales.id });
    const unknown = loginResultCard({ kind: 'conflict', agent: ada, target: target(), error }, 'U1');
    expect(findButton(unknown, ACTION.switchSkill)).toBeUndefined();
  });

  it('explains a login that never appeared, with valid choices, Retry and a way to pick another state', () => {
    const card = loginResultCard(
      {
        kind: 'not_visible',
        agent: ada,
        target: target({ state: loggedOut }),
        verifyMs: 15000,
        polls: 9,
        explanation: 'Logged Out is not the Logged In state of Sales.',
        validStates: [loggedIn, loggedOut],
        validActivities: [available, busy],
      },
      'U1',
    );
    expect(allText(card)).toContain('*Logged Out* is not the *Logged In* state of Sales');
    expect(allText(card)).toContain('*Valid states for Sales:* Logged In, Logged Out');
    expect(findButton(card, ACTION.login)?.text.text).toBe('Retry as Logged In');
    expect(decode(loginValueSchema, findButton(card, ACTION.login)!.value)?.st).toBe(loggedIn.id);
    const pick = decode(modalValueSchema, findButton(card, ACTION.openLoginModal)!.value);
    expect(pick?.vs).toEqual([
      [loggedIn.id, 'Logged In'],
      [loggedOut.id, 'Logged Out'],
    ]);
  });

  it('turns every error into a reason and a fix', () => {
    const scope = allText(
      errorCard(new MissingScopeError('403', 'Agent-Write', { status: 403, requestId: 'r-1' })),
    );
    expect(scope).toContain('The CXone OAuth client is missing a permission');
    expect(scope).toContain('*Fix:* The OAuth client is missing the Agent-Write scope');
    expect(scope).toContain('request id `r-1`');
    const invalid = allText(
      errorCard(
        new InvalidTargetError('skill', 'Astro', [{ id: sales.id, name: 'Sales' }], 'No skill named Astro.'),
      ),
    );
    expect(invalid).toContain('No skill `Astro`');
    expect(invalid).toContain(`• Sales \`${sales.id}\``);
    expect(allText(errorCard(new InvalidInputError('not a UUID', 'agent id')))).toContain(
      'How to use /agentstate',
    );
    expect(allText(errorCard(new Error('boom')))).toContain('Something went wrong');
  });

  it('lists usage with every subcommand, with the problem and suggestion first', () => {
    const card = usageCard({ problem: 'Unknown subcommand `dignose`.', suggestion: 'diagnose ada' });
    const text = allText(card);
    expect(text.indexOf('dignose')).toBeLessThan(text.indexOf('How to use'));
    expect(text).toContain('Did you mean `/agentstate diagnose ada`?');
    // `<agent>` reaches Slack escaped, as any `<` in mrkdwn must; Slack shows it as typed here.
    for (const sub of [
      'watch &lt;agent&gt; [#channel]',
      'unwatch &lt;agent&gt; [#channel]',
      'watching',
      'audit [agent]',
    ])
      expect(text).toContain(`/agentstate ${sub}`);
  });

  it('lists skills active first with ids, within the block limit for large tenants', () => {
    const card = skillsCard([legacy, support, sales]);
    const text = allText(card);
    expect(text.indexOf('Sales')).toBeLessThan(text.indexOf('Legacy'));
    expect(text).toContain(`*Legacy* \`${legacy.id}\` _(inactive)_`);
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...sales, name: `Skill ${i}` }));
    expect(skillsCard(many).blocks.length).toBeLessThanOrEqual(48);
  });
});

describe('the login modal', () => {
  it('prefills skill (searchable), state and activity and remembers agent and response_url', () => {
    const view = loginModal({
      agent: ada,
      metadata: { a: ada.id, ru: 'https://hooks.slack.com/actions/x' },
      target: target({ activity: busy }),
      activities: [available, busy],
    });
    expect(JSON.parse(view.private_metadata!)).toEqual({
      a: ada.id,
      ru: 'https://hooks.slack.com/actions/x',
    });
    const [, skill, state, activity] = view.blocks as unknown as Array<{ element: Record<string, unknown> }>;
    expect(skill!.element).toMatchObject({
      type: 'external_select',
      min_query_length: 0,
      initial_option: { value: sales.id },
    });
    expect(state!.element).toMatchObject({ type: 'static_select', initial_option: { value: 'login' } });
    expect(activity!.element).toMatchObject({ initial_option: { value: busy.id } });
  });

  it('answers skill searches with matching skills, active first, at most 100', () => {
    expect(skillOptions([legacy, sales, support], 'S').options.map((o) => o.value)).toEqual([
      sales.id,
      support.id,
    ]);
    const many = Array.from({ length: 150 }, (_, i) => ({ ...sales, name: `Skill ${i}` }));
    expect(skillOptions(many, '').options).toHaveLength(100);
  });
});

describe('formatting', () => {
  it('formats durations for humans', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
