import type { webApi } from '@slack/bolt';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import type { LoginOutcome } from '../../src/agentstate/types';
import { loadConfig } from '../../src/config';
import { UnavailableError } from '../../src/cxone/errors';
import { createMetrics } from '../../src/metrics';
import { type AuditEntry, composeAuditSinks, createStoreAuditSink } from '../../src/slack/audit';
import type { Card } from '../../src/slack/blocks';
import { runLogin } from '../../src/slack/changes';
import type { SlackDeps } from '../../src/slack/deps';
import { createStoreHealth } from '../../src/slack/store-health';
import type { AuditEntryInput } from '../../src/store';
import { ada, fakeService, resolvedState, silentLogger, target } from './fixtures';
import { allText } from './harness';

/** Audit sinks: the stored record's fields, and a failing sink never hiding the supervisor's result. */

const entry: AuditEntry = {
  at: new Date('2025-03-01T09:00:00Z'),
  actor: 'U1',
  action: 'login',
  agent: { id: ada.id, name: 'Ada Lovelace' },
  skill: 'Sales',
  outcome: 'verified',
  verifyMs: 1200,
  requestId: 'req-1',
};

describe('the store audit sink', () => {
  it('records who, when, agent, action, target, outcome, verify time and request id', async () => {
    const rows: AuditEntryInput[] = [];
    const record = async (e: AuditEntryInput) => {
      rows.push(e);
      return { id: rows.length, ...e };
    };
    const sink = createStoreAuditSink({ audit: { record }, logger: silentLogger });
    await sink.record(entry);
    await sink.record({
      ...entry,
      action: 'watch',
      skill: undefined,
      channel: 'C9',
      outcome: 'ok',
      verifyMs: undefined,
      requestId: undefined,
    });
    expect(rows).toEqual([
      {
        at: entry.at,
        actor: 'U1',
        action: 'login',
        agentId: ada.id,
        agentName: 'Ada Lovelace',
        target: 'Sales',
        outcome: 'verified',
        verifyMs: 1200,
        requestId: 'req-1',
      },
      {
        at: entry.at,
        actor: 'U1',
        action: 'watch',
        agentId: ada.id,
        agentName: 'Ada Lovelace',
        target: 'C9',
        outcome: 'ok',
      },
    ]);
  });

  it('does not throw when the database fails, and reports the failure', async () => {
    const onFailure = jest.fn();
    const sink = createStoreAuditSink({
      audit: { record: async () => Promise.reject(new Error('SQLITE_IOERR')) },
      logger: silentLogger,
      onFailure,
    });
    await expect(sink.record(entry)).resolves.toBeUndefined();
    expect(onFailure).toHaveBeenCalledWith(expect.objectContaining({ message: 'SQLITE_IOERR' }));
  });
});

function deps(over: Partial<SlackDeps>): SlackDeps {
  return {
    config: loadConfig({ CXONE_SIMULATOR: '1' }),
    service: fakeService(),
    guard: createInMemoryOperationGuard(),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    audit: { record: async () => {} },
    supervisors: { authorise: async () => 'allowed' },
    client: {} as webApi.WebClient,
    now: () => Date.parse('2025-03-01T09:00:00Z'),
    health: createStoreHealth(undefined),
    ...over,
  };
}

describe('composed audit sinks', () => {
  it('record in every sink even when one throws, and the supervisor still gets the result', async () => {
    const recorded: AuditEntry[] = [];
    const audit = composeAuditSinks(
      [
        { record: async () => Promise.reject(new Error('boom')) },
        { record: async (e) => void recorded.push(e) },
      ],
      silentLogger,
    );
    const verified: LoginOutcome = {
      kind: 'verified',
      agent: ada,
      target: target(),
      state: resolvedState(),
      verifyMs: 900,
      polls: 1,
    };
    const sent: Card[] = [];
    await runLogin(
      deps({ service: fakeService({ loginAndVerify: jest.fn(async () => verified) }), audit }),
      { agentId: ada.id, userId: 'U1', respond: async (card) => void sent.push(card) },
      {},
    );
    expect(allText(sent.at(-1))).toContain('verified in 0.9 s');
    expect(recorded.map((e) => e.outcome)).toEqual(['verified']);
  });

  it('keep the CXone request id of a failed change', async () => {
    const recorded: AuditEntry[] = [];
    const failure = new UnavailableError('CXone answered 503', 'server', { requestId: 'req-503' });
    await runLogin(
      deps({
        service: fakeService({ loginAndVerify: jest.fn(async () => Promise.reject(failure)) }),
        audit: { record: async (e) => void recorded.push(e) },
      }),
      { agentId: ada.id, userId: 'U1', respond: async () => {} },
      {},
    );
    expect(recorded[0]).toMatchObject({ outcome: 'unavailable', requestId: 'req-503' });
  });
});
