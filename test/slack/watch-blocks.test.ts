import {
  auditCard,
  auditLine,
  cannotPostCard,
  digestCard,
  homeView,
  recoveredCard,
  stateLine,
  storeDownCard,
  watchStartedCard,
} from '../../src/slack/blocks';
import type { CurrentState } from '../../src/slack/current-states';
import type { AuditEntry, Subscription } from '../../src/store';
import { ada, resolvedState, sales } from './fixtures';
import { allText, hasButtons } from './harness';

/** The watch, audit, App Home and recovery builders, as data. */

const AT = new Date('2025-03-01T09:00:00Z');

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: 1,
    at: AT,
    actor: 'U1',
    action: 'login',
    agentId: ada.id,
    agentName: 'Ada Lovelace',
    outcome: 'verified',
    ...over,
  };
}

const sectionTexts = (blocks: unknown[]) =>
  blocks
    .map((b) => (b as { text?: { text?: string } }).text?.text)
    .filter((t): t is string => typeof t === 'string');

describe('audit lines', () => {
  it('show who, what, agent, target, outcome, verify time and CXone request id', () => {
    expect(String(auditLine(entry({ target: 'Sales', verifyMs: 2345, requestId: 'req-9' })))).toBe(
      `<!date^1740819600^{date_short_pretty} {time}|2025-03-01T09:00:00.000Z> <@U1> log in *Ada Lovelace* (Sales): *verified* in 2.3 s · CXone request \`req-9\``,
    );
    expect(String(auditLine(entry({ action: 'watch', target: 'C42', outcome: 'ok' })))).toContain(
      '<@U1> watch *Ada Lovelace* in <#C42>: *done*',
    );
    expect(String(auditLine(entry({ actor: 'cli:root', agentName: undefined })))).toContain(
      `root log in \`${ada.id}\``,
    );
  });

  it('escape what came from outside and keep 20 long entries within section limits', () => {
    const long = entry({ detail: `<script>${'x'.repeat(1000)}`, target: 'A & B' });
    expect(String(auditLine(long))).toContain('&lt;script&gt;');
    expect(String(auditLine(long))).toContain('(A &amp; B)');
    const card = auditCard(Array.from({ length: 20 }, () => long));
    for (const text of sectionTexts(card.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });
});

describe('watch replies', () => {
  it('explain each reason Slack gives for not posting in a channel', () => {
    expect(allText(cannotPostCard('C1', 'not_in_channel'))).toContain('Invite @agentstate to <#C1> first');
    expect(allText(cannotPostCard('C1', 'is_archived'))).toContain('<#C1> is archived');
    expect(allText(cannotPostCard('C1', 'restricted_action_read_only_channel'))).toContain('restricted');
    expect(allText(cannotPostCard('C1', 'fatal_error'))).toContain('Try again in a moment');
  });

  it('render each kind of current state on one line', () => {
    const states: CurrentState[] = [
      { kind: 'in', states: [resolvedState(), resolvedState()] },
      { kind: 'none' },
      { kind: 'unknown', reason: 'rate_limited' },
    ];
    expect(states.map((s) => String(stateLine('Ada', s)))).toEqual([
      expect.stringMatching(/^• \*Ada\* — in \*Sales\* \(\+1 more\) as \*Available\* since <!date/),
      '• *Ada* — :red_circle: not logged in to any skill',
      '• *Ada* — _state unavailable: rate_limited_',
    ]);
  });

  it('name DATABASE_URL and the reason when the database is unreachable, and say changes are refused', () => {
    expect(allText(storeDownCard('connect ECONNREFUSED 127.0.0.1:5432', 'change'))).toContain(
      "The app's database (`DATABASE_URL`) is not reachable: connect ECONNREFUSED 127.0.0.1:5432. Changes are refused",
    );
  });
});

describe('App Home', () => {
  it('stays within 100 blocks for a user watching 200 agents', () => {
    const subs: Subscription[] = Array.from({ length: 200 }, (_, i) => ({
      channelId: 'C1',
      agentId: `agent-${i}`,
      agentName: `Agent ${i}`,
      createdBy: 'U1',
      createdAt: AT,
    }));
    const view = homeView({
      watched: { kind: 'ok', value: { subs, states: new Map() } },
      audit: { kind: 'ok', value: Array.from({ length: 10 }, () => entry()) },
      now: AT,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(allText(view)).toContain('…and 160 more.');
    for (const text of sectionTexts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('leaves out what needs a database when the app runs without one', () => {
    const text = allText(homeView({ watched: { kind: 'hidden' }, audit: { kind: 'hidden' }, now: AT }));
    expect(text).not.toContain('Agents you watch');
    expect(text).not.toContain('Latest changes');
    expect(text).toContain('How to use /agentstate');
  });
});

describe('digests and recovered operations', () => {
  it('title a digest by its count, each agent with its own button', () => {
    const drop = { agentId: ada.id, agentName: 'Ada', lastSkillId: sales.id, lastSkillName: 'Sales', at: AT };
    expect(allText(digestCard([drop]))).toContain('1 agent dropped out of every skill');
    expect(hasButtons(digestCard([drop]))).toBe(true);
  });

  it('say what happened to an operation finished after a restart, and who started it', () => {
    const op = { action: 'login', startedBy: 'U1', agentId: ada.id };
    const verified = recoveredCard(op, { kind: 'verified', agent: ada, state: resolvedState() });
    expect(verified.text).toBe(
      '*Ada Lovelace*: logged in to *Sales* as *Available* (login started by <@U1>) — confirmed after the app restarted.',
    );
    const failed = recoveredCard(op, { kind: 'failed', agentId: ada.id, explanation: 'Gone.' });
    expect(failed.text).toContain(`\`${ada.id}\`: the login started by <@U1> could not be confirmed. Gone.`);
    expect(hasButtons(failed)).toBe(false);
  });
});

describe('watch started', () => {
  it('when watching in the channel the command was typed in, then the stop hint is a command to copy as is', () => {
    const card = watchStartedCard(ada, 'C0SUP', 'C0SUP');

    expect(card.text).toContain(`Stop with \`/agentstate unwatch ${ada.email}\``);
    expect(card.text).not.toMatch(/`[^`]*<#C0SUP>[^`]*`/);
  });

  it('when watching another channel, then the hint says to pick that channel instead of showing its raw id', () => {
    const card = watchStartedCard(ada, 'C0OTHER', 'C0SUP');

    expect(card.text).toContain(`\`/agentstate unwatch ${ada.email} #channel\` (pick <#C0OTHER>)`);
  });
});
