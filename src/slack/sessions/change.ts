import {
  type ChangeOutcome,
  type ChangeProgress,
  InvalidReasonError,
  type SessionAgent,
} from '../../agentstate/sessions';
import type { MessageRef } from '../actions/button';
import type { SessionSlackDeps } from '../deps';
import type { Responder } from '../responder';
import { type ChangeSummary, runChange } from '../run-change';
import { invalidReasonCard, sessionProgressCard, sessionResultCard } from './cards';

export interface SessionChangeRequest {
  agentId: string;
  userId: string;
  respond: Responder;
  message?: MessageRef;
}

type SessionChange = 'available' | 'unavailable' | 'logout' | 'login';

/**
 * A supervisor's change on a real tenant, through the same flow as every change (authorise the clicker,
 * one operation per agent, progress in place, the result, one audit entry): only the use case differs.
 */
export function runSessionChange(
  deps: SessionSlackDeps,
  req: SessionChangeRequest,
  change: SessionChange,
  execute: (agent: SessionAgent, onProgress: (event: ChangeProgress) => void) => Promise<ChangeOutcome>,
  target?: string,
): Promise<void> {
  return runChange<ChangeOutcome, SessionAgent, ChangeProgress>(deps, {
    ...req,
    action: change,
    operation: {
      target: { change, ...(target ? { reason: target } : {}) },
      ...(req.message ? { message: req.message } : {}),
    },
    resolve: (agentId) => deps.sessions.resolveAgent(agentId),
    renderProgress: (agent, event) => sessionProgressCard(agent, change, req.userId, event),
    execute: (agent, opts) => execute(agent, opts.onProgress),
    render: (outcome) => sessionResultCard(outcome, req.userId),
    summarise: summarise,
    renderError: (err) => (err instanceof InvalidReasonError ? invalidReasonCard(err) : undefined),
  });
}

/** What the audit keeps; a change refused before anything was sent is not audited as a change. */
export function summarise(o: ChangeOutcome): ChangeSummary {
  const reason = o.status.reason?.name;
  switch (o.kind) {
    case 'verified':
      return { outcome: 'verified', ...(reason ? { skill: reason } : {}), verifyMs: o.verifyMs };
    case 'already':
      return { outcome: 'already' };
    case 'refused':
      return { outcome: 'refused', detail: o.message };
    case 'not_applied':
      return { outcome: 'not_applied', verifyMs: o.verifyMs, detail: o.explanation };
  }
}
