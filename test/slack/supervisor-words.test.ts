import type { Diagnosis } from '../../src/agentstate/types';
import { ConflictError } from '../../src/cxone/errors';
import { mapHttpError } from '../../src/cxone/map-error';
import { type Card, diagnoseCard, errorCard, loginResultCard, statusCard } from '../../src/slack/blocks';
import { ada, emptyDiagnosis, NOW, support, T0, target } from './fixtures';

/** Words on cards are for supervisors: no HTTP, no CLI, names not ids, each fact once. */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HTTP_OR_CLI =
  /\b(GET|POST|DELETE)\b|\/api\/|\.\.\.\/states|\bagentstate (login|logout|skills|agents|status)\b|returns \[\]|\bHTTP\b/;

interface LooseBlock {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

/** Text a reader reads as sentences: the fallback and every section (context lines are secondary). */
function sentences(card: Card): string[] {
  const out: string[] = [card.text];
  for (const b of card.blocks as unknown as LooseBlock[]) {
    if (b.type === 'section') {
      if (b.text) out.push(b.text.text);
      for (const f of b.fields ?? []) out.push(f.text);
    }
    if (b.type === 'header' && b.text) out.push(b.text.text);
  }
  return out;
}

function contexts(card: Card): string[] {
  return (card.blocks as unknown as LooseBlock[])
    .filter((b) => b.type === 'context')
    .flatMap((b) => (b.elements ?? []).map((e) => e.text));
}

function everything(card: Card): string {
  return JSON.stringify(card.blocks) + card.text;
}

// The diagnosis exactly as the use case words it for both surfaces (src/agentstate/diagnose.ts).
const notLoggedIn = 'Ada Lovelace is not logged in to any skill, so GET .../states returns [].';
const realDiagnosis = (over: Partial<Diagnosis> = {}): Diagnosis =>
  emptyDiagnosis({
    checks: [
      { id: 'token', label: 'OAuth token obtainable', outcome: 'pass', detail: 'token obtained' },
      {
        id: 'agent_exists',
        label: 'Agent exists',
        outcome: 'pass',
        detail: `Ada Lovelace (ada@example.com, ${ada.id})`,
      },
      {
        id: 'states_present',
        label: 'Agent has states (logged in to a skill)',
        outcome: 'fail',
        detail: 'GET /agents/{agentId}/states returned [] — the agent is not logged in to any skill',
      },
      {
        id: 'login_target_valid',
        label: 'Login target valid',
        outcome: 'skipped',
        detail: 'skipped: an earlier check decided the outcome',
      },
    ],
    summary: `${notLoggedIn} A login to Sales would fix it.`,
    fix: 'Log the agent in to Sales ("Log agent in", or agentstate login).',
    ...over,
  });

const http = (status: number | 'timeout', endpoint: string, notFound?: { resource: 'agent'; id: string }) =>
  mapHttpError(
    status,
    { error: 'x', message: 'nope' },
    { 'x-request-id': 'req-42' },
    { endpoint, nowMs: 0, ...(notFound ? { notFound } : {}) },
  );

describe('cards speak to supervisors', () => {
  it('when the agent is not logged in, the status card says so once, without the HTTP call or a CLI command', () => {
    const card = statusCard(
      { kind: 'report', agent: ada, states: [], checkedAt: NOW, diagnosis: realDiagnosis() },
      NOW,
    );
    const text = sentences(card).slice(1).join('\n');
    expect(text).not.toMatch(HTTP_OR_CLI);
    expect(text.match(/not logged in to any skill/gi)).toHaveLength(1);
    expect(text).toContain('A login to *Sales* would fix it.');
    expect(text).not.toMatch(UUID);
    expect(contexts(card).join('\n')).toContain(ada.id);
  });

  it('when a diagnosis is shown, checks and verdict carry no HTTP, no CLI and the id only on the secondary line', () => {
    const card = diagnoseCard(realDiagnosis(), NOW);
    const text = sentences(card).join('\n');
    expect(text).not.toMatch(HTTP_OR_CLI);
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('skipped: an earlier check');
    expect(text.match(/not logged in to any skill/gi)).toHaveLength(2); // fallback text + the verdict
    expect(contexts(card).filter((c) => c.includes(ada.id))).toHaveLength(1);
  });

  it('when CXone fails a read, the diagnosis says why once and how to go on', () => {
    const err = http(503, 'GET /api/v2/agents/{agentId}/states');
    const d = realDiagnosis({
      verdict: 'cxone_unavailable',
      summary: `CXone is not answering, so …`,
      fix: err.remediation,
      checks: [
        {
          id: 'states_present',
          label: 'Agent has states',
          outcome: 'fail',
          detail: `${err.message} (HTTP 503)`,
        },
      ],
    });
    const text = sentences(diagnoseCard(d, NOW)).join('\n');
    expect(text).not.toMatch(HTTP_OR_CLI);
    expect(text).not.toContain('req-42');
    expect(text).toContain('CXone is not answering');
  });

  it.each([
    ['503', http(503, 'GET /api/v2/agents/{agentId}/states')],
    ['timeout', http('timeout', 'GET /api/v2/agents/{agentId}/states')],
    ['429', http(429, 'GET /api/v2/agents')],
    ['400', http(400, 'POST /api/v2/agents/{agentId}/states')],
    ['404 agent', http(404, 'GET /api/v2/agents/{agentId}/states', { resource: 'agent', id: ada.id })],
    ['409', http(409, 'POST /api/v2/agents/{agentId}/states')],
  ])('when CXone answers %s, the error card has no path, no CLI, and the request id once', (_n, err) => {
    const card = errorCard(err);
    const text = sentences(card).join('\n');
    expect(text).not.toMatch(HTTP_OR_CLI);
    expect(text).not.toMatch(UUID);
    expect(everything(card).match(/req-42/g)).toHaveLength(1);
    expect(contexts(card).join('\n')).toContain('req-42');
  });

  it('when a login conflicts, the card offers Switch in words, not "DELETE its state"', () => {
    const error = new ConflictError('POST /api/v2/agents/{agentId}/states: 409 conflict', support.id);
    const card = loginResultCard(
      { kind: 'conflict', agent: ada, target: target(), conflictingSkill: support, error },
      'U1',
    );
    const text = sentences(card).join('\n');
    expect(text).not.toMatch(HTTP_OR_CLI);
    expect(text).toContain('*Switch* logs them out of Support and in to Sales');
    void T0;
  });
});
