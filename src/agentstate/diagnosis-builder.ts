import {
  AuthError,
  type CxoneError,
  InvalidResponseError,
  MissingScopeError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
} from '../cxone/errors';
import type { Agent } from './model';
import type { AgentRef, Check, CheckId, Diagnosis, LoginTarget, ResolvedState, Verdict } from './types';

/** The tutorial's checks, in the order it runs them, with the label a human sees. */
export const CHECKS: ReadonlyArray<{ id: CheckId; label: string }> = [
  { id: 'token', label: 'OAuth token obtainable' },
  { id: 'scopes', label: 'Scopes granted (Agent-Read, Agent-Write, Skills-Read)' },
  { id: 'agent_exists', label: 'Agent exists' },
  { id: 'agent_active', label: 'Agent account active' },
  { id: 'states_present', label: 'Agent has states (logged in to a skill)' },
  { id: 'skills_available', label: 'Active skills available' },
  { id: 'login_target_valid', label: 'Login target valid (skill, "Logged In" state, activity)' },
];

export interface Conclusion {
  verdict: Verdict;
  summary: string;
  fix: string;
  agent?: Agent;
  candidates?: Agent[];
  canLogin?: boolean;
  target?: LoginTarget;
  states?: ResolvedState[];
  /** Why the checks after the last one run were not run. */
  skippedBecause?: string;
}

/**
 * Records check outcomes as the diagnosis runs and turns the first decisive one into a Diagnosis. Checks
 * never reached are reported as `skipped`, so every diagnosis lists all of them in the same order.
 */
export class DiagnosisBuilder {
  private readonly checks: Check[] = [];
  private current: CheckId | undefined;

  constructor(private readonly ref: AgentRef) {}

  /** Names the check now running, so a CXone error thrown during it is charged to it. */
  begin(id: CheckId): this {
    this.current = id;
    return this;
  }

  pass(detail: string): this {
    return this.record('pass', detail);
  }

  warn(detail: string): this {
    return this.record('warn', detail);
  }

  fail(detail: string): this {
    return this.record('fail', detail);
  }

  finish(c: Conclusion): Diagnosis {
    const skipped = c.skippedBecause ?? 'skipped: an earlier check decided the outcome';
    const checks = CHECKS.map(
      ({ id, label }): Check =>
        this.checks.find((k) => k.id === id) ?? { id, label, outcome: 'skipped', detail: skipped },
    );
    return {
      ref: this.ref,
      ...(c.agent ? { agent: c.agent } : {}),
      ...(c.candidates ? { candidates: c.candidates } : {}),
      checks,
      verdict: c.verdict,
      summary: c.summary,
      fix: c.fix,
      canLogin: c.canLogin ?? false,
      ...(c.target ? { target: c.target } : {}),
      states: c.states ?? [],
    };
  }

  /** A CXone failure mid-diagnosis is itself the answer: it fails the running check and sets the verdict. */
  fromError(err: CxoneError, agent?: Agent): Diagnosis {
    const { verdict, summary } = explainError(err);
    this.fail(`${err.message}${err.status ? ` (HTTP ${err.status})` : ''}`);
    return this.finish({ verdict, summary, fix: err.remediation, ...(agent ? { agent } : {}) });
  }

  private record(outcome: Check['outcome'], detail: string): this {
    const id = this.current;
    if (!id) throw new Error('DiagnosisBuilder: begin() a check before recording its outcome');
    const label = CHECKS.find((c) => c.id === id)!.label;
    this.checks.push({ id, label, outcome, detail });
    this.current = undefined;
    return this;
  }
}

function explainError(err: CxoneError): { verdict: Verdict; summary: string } {
  const cannotTell = 'so the agent states cannot be read — an empty list here would not mean "logged out".';
  if (err instanceof AuthError)
    return { verdict: 'auth_failed', summary: `CXone rejected the app's credentials, ${cannotTell}` };
  if (err instanceof MissingScopeError)
    return {
      verdict: 'missing_scope',
      summary: `The OAuth client lacks the ${err.scope ?? 'required'} scope (403), ${cannotTell}`,
    };
  if (err instanceof RateLimitedError)
    return { verdict: 'rate_limited', summary: `CXone is rate limiting this client, ${cannotTell}` };
  if (err instanceof UnavailableError)
    return { verdict: 'cxone_unavailable', summary: `CXone is not answering, ${cannotTell}` };
  if (err instanceof NotFoundError && err.resource === 'agent')
    return { verdict: 'agent_not_found', summary: 'CXone does not know this agent (404).' };
  if (err instanceof InvalidResponseError)
    return {
      verdict: 'invalid_response',
      summary: `CXone answered with data this app does not understand, ${cannotTell}`,
    };
  // A 400/404/409 on a read is not part of the contract: report it as an answer we cannot interpret.
  return { verdict: 'invalid_response', summary: `CXone answered unexpectedly (${err.code}), ${cannotTell}` };
}
