import { InvalidResponseError, isCxoneError, MissingScopeError } from '../cxone/errors';
import type { CxonePort } from './ports';
import { startOfDay } from './sessions/history';
import type { SessionCxonePort } from './sessions/port';

/**
 * `doctor`: a real connection checked step by step — sign-in, then each endpoint the app uses and whether
 * its answer has the shape the app expects (the adapters validate every answer, so a shape problem is an
 * InvalidResponseError naming the field). Nothing is changed in CXone: only reads are made.
 */

export interface DoctorCheck {
  label: string;
  ok: boolean;
  /** What was found, or what went wrong. */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

interface Step {
  label: string;
  /** Returns the detail line; throws a CxoneError to fail. `undefined` skips the step (nothing to check). */
  run: () => Promise<string | undefined>;
}

/** Runs steps in order; once sign-in fails nothing else can pass, so the rest are not attempted. */
async function runSteps(steps: Step[], onCheck?: (c: DoctorCheck) => void): Promise<DoctorCheck[]> {
  const results: DoctorCheck[] = [];
  for (const [i, step] of steps.entries()) {
    let check: DoctorCheck | undefined;
    try {
      const detail = await step.run();
      if (detail !== undefined) check = { label: step.label, ok: true, detail };
    } catch (err) {
      if (!isCxoneError(err)) throw err;
      const shape =
        err instanceof InvalidResponseError ? 'the answer does not have the expected shape: ' : '';
      check = { label: step.label, ok: false, detail: `${shape}${err.message}`, fix: err.remediation };
    }
    if (!check) continue;
    results.push(check);
    onCheck?.(check);
    if (!check.ok && i === 0) break;
  }
  return results;
}

export async function sessionDoctor(
  cxone: SessionCxonePort,
  opts: { now: Date; impersonation: boolean },
  onCheck?: (c: DoctorCheck) => void,
): Promise<DoctorCheck[]> {
  let sample: { id: string; teamId?: string } | undefined;
  const steps: Step[] = [
    {
      label: 'Sign-in (discovery, access key, application)',
      run: async () => {
        const token = await cxone.tokenInfo();
        return `token issued, valid until ${new Date(token.expiresAt).toLocaleTimeString('en-GB')}`;
      },
    },
    {
      label: 'Tenant API endpoint',
      run: async () => {
        const c = await cxone.connection();
        return `tenant ${c.tenantId} at ${c.apiEndpoint} (${c.apiVersion}; client credentials sent as ${c.clientAuth === 'basic' ? 'HTTP Basic' : 'form fields'})`;
      },
    },
    {
      label: 'Agents (search)',
      run: async () => {
        const page = await cxone.searchAgents({ top: 5 });
        sample = page.agents[0];
        const hidden = page.hidden ? `, ${page.hidden} hidden from this API user` : '';
        return `${page.total} agents${hidden}`;
      },
    },
    {
      label: 'All agent states',
      run: async () => `${(await cxone.getAllAgentStates()).states.length} states`,
    },
    { label: 'Skills', run: async () => `${(await cxone.listSkills()).length} skills` },
    { label: 'Unavailable reasons', run: async () => `${(await cxone.listReasons()).length} reasons` },
    {
      label: 'One agent',
      run: async () => (sample ? `agent ${(await cxone.getAgent(sample.id)).id}` : undefined),
    },
    {
      label: "One agent's state",
      run: async () => (sample ? (await cxone.getAgentState(sample.id)).state : undefined),
    },
    {
      label: "One agent's skills",
      run: async () => (sample ? `${(await cxone.getAgentSkills(sample.id)).length} assigned` : undefined),
    },
    {
      label: "One agent's state history",
      run: async () => {
        if (!sample) return undefined;
        const range = { start: startOfDay(opts.now), end: opts.now };
        return `${(await cxone.getStateHistory(sample.id, range)).length} entries today`;
      },
    },
    {
      label: "One team's reasons",
      run: async () => {
        const teamId = sample?.teamId;
        return teamId ? `${(await cxone.listTeamReasons(teamId)).length} reasons` : undefined;
      },
    },
  ];
  const checks = await runSteps(steps, onCheck);
  const note: DoctorCheck = {
    label: 'Logging agents in',
    ok: true,
    detail: opts.impersonation
      ? 'CXONE_IMPERSONATION=1: a logged-out agent gets a session started as them (the API user must be allowed to impersonate; this is only tested by a real login)'
      : 'impersonation off: a logged-out agent is asked to log in',
  };
  onCheck?.(note);
  return [...checks, note];
}

/** The scopes the tutorial's API needs for everything the app does. */
export const V2_SCOPES = ['Agent-Read', 'Agent-Write', 'Skills-Read'];

export async function v2Doctor(cxone: CxonePort, onCheck?: (c: DoctorCheck) => void): Promise<DoctorCheck[]> {
  let agentId: string | undefined;
  let skillId: string | undefined;
  return runSteps(
    [
      {
        label: 'Sign-in (OAuth client)',
        run: async () => {
          const { scopes } = await cxone.tokenInfo();
          return `token issued with ${scopes.join(', ') || 'no scopes'}`;
        },
      },
      {
        label: 'Scopes',
        run: async () => {
          const { scopes } = await cxone.tokenInfo();
          const missing = V2_SCOPES.filter((s) => !scopes.includes(s));
          if (missing.length > 0)
            throw new MissingScopeError(`the token lacks ${missing.join(', ')}`, missing.join(', '));
          return V2_SCOPES.join(', ');
        },
      },
      {
        label: 'Agents (search)',
        run: async () => {
          const page = await cxone.searchAgents({ pageSize: 5 });
          agentId = page.entities[0]?.id;
          return `${page.total} agents`;
        },
      },
      {
        label: 'All agent states',
        run: async () => `${(await cxone.getAllAgentStates()).states.length} states`,
      },
      {
        label: 'Skills',
        run: async () => {
          const skills = await cxone.listSkills();
          skillId = skills[0]?.id;
          return `${skills.length} skills`;
        },
      },
      { label: 'Activities', run: async () => `${(await cxone.listActivities()).length} activities` },
      {
        label: "One agent's states",
        run: async () => (agentId ? `${(await cxone.getAgentStates(agentId)).length} states` : undefined),
      },
      {
        label: "One skill's state definitions",
        run: async () =>
          skillId ? `${(await cxone.listSkillStates(skillId)).length} definitions` : undefined,
      },
    ],
    onCheck,
  );
}
