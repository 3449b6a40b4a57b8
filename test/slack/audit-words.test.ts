import type { webApi } from '@slack/bolt';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { outcomeWords } from '../../src/agentstate/outcome-words';
import type { LoginOutcome } from '../../src/agentstate/types';
import { loadConfig } from '../../src/config';
import { createMetrics } from '../../src/metrics';
import { type AuditEntry, auditText, createStoreAuditSink } from '../../src/slack/audit';
import { auditLine, homeView } from '../../src/slack/blocks';
import { runSwitch } from '../../src/slack/changes';
import type { SlackDeps } from '../../src/slack/deps';
import { createStoreHealth } from '../../src/slack/store-health';
import type { AuditEntryInput, AuditEntry as StoredEntry } from '../../src/store';
import { ada, fakeService, resolvedState, silentLogger, target } from './fixtures';
import { allText } from './harness';

/** One vocabulary of outcomes for people, on every surface that shows the audit log. */

const AT = new Date('2025-03-01T09:00:00Z');
const stored = (over: Partial<StoredEntry>): StoredEntry => ({
  id: 1,
  at: AT,
  actor: 'U1',
  action: 'logout',
  agentId: ada.id,
  agentName: 'Ada Lovelace',
  outcome: 'logged_out',
  ...over,
});

describe('outcome words', () => {
  it.each([
    ['logged_out', 'logged out — confirmed'],
    ['already_logged_in', 'already logged in — nothing sent'],
    ['not_logged_in', 'not logged in — nothing sent'],
    ['not_applied', 'not applied'],
    ['refused', 'refused — nothing sent'],
    ['session_in_progress', 'refused — a session is already starting — nothing sent'],
    ['missing_scope', 'failed: the app lacks a CXone permission'],
    ['unavailable', 'failed: CXone was not answering'],
    ['some_new_code', 'some new code'],
  ])('%s reads "%s"', (code, words) => {
    expect(outcomeWords(code)).toBe(words);
  });

  it('a plain failure takes its reason from the detail', () => {
    expect(outcomeWords('error', 'socket hang up. More text')).toBe('failed: socket hang up');
    expect(outcomeWords('failed')).toBe('failed: unknown reason');
  });
});

describe('the audit card and App Home', () => {
  it('show the words, not the raw code, and a failure with its reason, not its log message', () => {
    const line = auditLine(
      stored({
        outcome: 'missing_scope',
        detail: 'POST /api/v2/agents/x/states answered 403',
        requestId: 'r-1',
      }),
    ).toString();
    expect(line).toContain('*failed: the app lacks a CXone permission*');
    expect(line).not.toContain('missing_scope');
    expect(line).not.toContain('POST /api');
    expect(line).toContain('r-1');
    const home = homeView({
      watched: { kind: 'hidden' },
      audit: { kind: 'ok', value: [stored({ outcome: 'logged_out' })] },
      now: AT,
    });
    expect(allText(home)).toContain('logged out — confirmed');
    expect(allText(home)).not.toContain('logged_out');
  });
});

describe('the audit channel post', () => {
  const entry: AuditEntry = {
    at: AT,
    actor: 'U1',
    action: 'switch',
    agent: { id: ada.id, name: 'Ada Lovelace' },
    skill: 'Sales EN',
    from: 'Sales ES',
    outcome: 'verified',
    verifyMs: 800,
  };

  it('says where a switch came from, and uses the same words', () => {
    const text = auditText(entry).toString();
    expect(text).toContain('switch *Ada Lovelace* from Sales ES to Sales EN: *verified*');
    expect(
      auditText({
        ...entry,
        action: 'logout',
        from: undefined,
        skill: 'Sales',
        outcome: 'not_logged_in',
      }).toString(),
    ).toContain('*not logged in — nothing sent*');
  });

  it('the stored record keeps "from → to" as the switch target', async () => {
    const rows: AuditEntryInput[] = [];
    const sink = createStoreAuditSink({
      audit: {
        record: async (e) => {
          rows.push(e);
          return { id: 1, ...e };
        },
      },
      logger: silentLogger,
    });
    await sink.record(entry);
    expect(rows[0]?.target).toBe('Sales ES → Sales EN');
  });
});

describe('the switch flow', () => {
  it('records the skill the agent was switched from', async () => {
    const recorded: AuditEntry[] = [];
    const verified: LoginOutcome = {
      kind: 'verified',
      agent: ada,
      target: target(),
      state: resolvedState(),
      verifyMs: 900,
      polls: 1,
    };
    const switchSkill = jest.fn(async (_a, _f, _t, opts) => {
      opts?.onProgress?.({ type: 'logging_out', skillName: 'Sales ES' });
      return verified;
    });
    const deps: SlackDeps = {
      config: loadConfig({ CXONE_SIMULATOR: '1' }),
      service: fakeService({ switchSkill }),
      guard: createInMemoryOperationGuard(),
      logger: silentLogger,
      metrics: createMetrics({ defaultMetrics: false }),
      audit: { record: async (e) => void recorded.push(e) },
      supervisors: { authorise: async () => 'allowed' },
      client: {} as webApi.WebClient,
      now: () => AT.getTime(),
      health: createStoreHealth(undefined),
    };
    await runSwitch(
      deps,
      { agentId: ada.id, userId: 'U1', respond: async () => {} },
      '11111111-1111-4111-8111-111111111111',
      {},
    );
    expect(recorded[0]).toMatchObject({ action: 'switch', from: 'Sales ES', outcome: 'verified' });
  });
});
