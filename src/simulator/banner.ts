import { describeIncontactSimulator } from './incontact/banner';
import type { AnyRunningSimulator, RunningSimulator } from './server';
import type { TenantView } from './tenant';
import type { SimAgent } from './types';

/** The text `agentstate simulator` prints at start: where it is, how to point the app at it, what to try. */
export function describeSimulator(sim: AnyRunningSimulator): string {
  return sim.dialect === 'incontact' ? describeIncontactSimulator(sim) : describeV2Simulator(sim);
}

function describeV2Simulator(sim: RunningSimulator): string {
  const { tenant, config } = sim;
  const width = Math.max(...sim.clients.map((c) => `${c.clientId} / ${c.clientSecret}`.length));
  const lines = [
    `CXone simulator listening on ${sim.url}`,
    `  seed ${config.seed} · ${tenant.agents.length} agents · ${tenant.skills.length} skills · ` +
      `propagation delay ${config.propagationDelayMs} ms · token TTL ${config.tokenTtlSeconds} s`,
    '',
    'Point the app at it (copy into .env):',
    `  CXONE_BASE_URL=${sim.url}`,
    `  CXONE_CLIENT_ID=${sim.demo.clientId}`,
    `  CXONE_CLIENT_SECRET=${sim.demo.clientSecret}`,
    '',
    'OAuth clients (client id / secret, scopes):',
    ...sim.clients.map(
      (c) =>
        `  ${`${c.clientId} / ${c.clientSecret}`.padEnd(width)}  ${c.scopes.join(' ') || '(none)'} — ${c.purpose}`,
    ),
    '',
    'Agents to try:',
    ...agentsToTry(tenant),
  ];
  return lines.join('\n');
}

function agentsToTry(tenant: TenantView): string[] {
  const skillName = (id: string) => tenant.skills.find((s) => s.id === id)?.name ?? id;
  const activityName = (id: string) => tenant.activities.find((a) => a.id === id)?.name ?? id;
  const statesOf = (a: SimAgent) => tenant.visibleStates(a.id);

  const conflict = findConflictPair(tenant);
  const loggedIn = tenant.agents.find((a) => statesOf(a).length > 0 && a.id !== conflict?.agent.id);
  const loggedOut = tenant.agents.find((a) => a.isActive && statesOf(a).length === 0);
  const inactive = tenant.agents.find((a) => !a.isActive);

  const out: string[] = [];
  if (loggedOut) out.push(row('logged out', loggedOut, 'no states: the "empty array" case'));
  if (loggedIn) {
    const held = statesOf(loggedIn).map((s) => `${skillName(s.skillId)} (${activityName(s.activityId)})`);
    out.push(row('logged in', loggedIn, held.join(', ')));
  }
  if (inactive) out.push(row('inactive', inactive, 'a login answers 400 agent_inactive'));
  if (conflict)
    out.push(
      row(
        '409 conflict',
        conflict.agent,
        `in ${conflict.held}; logging in to ${conflict.target} (id ${conflict.targetId}) answers 409`,
      ),
    );
  return out.length > 0 ? out : ['  (the tenant has no agents)'];
}

function row(label: string, agent: SimAgent, note: string): string {
  return `  ${label.padEnd(12)} ${agent.firstName} ${agent.lastName} <${agent.email}>  ${agent.id}\n${' '.repeat(15)}${note}`;
}

/**
 * An agent holding a skill whose conflict group has another active skill. Skills are tried in catalog
 * order, so the seed's guaranteed "Sales EN" agent is the one shown.
 */
function findConflictPair(tenant: TenantView) {
  for (const held of tenant.skills) {
    const group = tenant.conflictGroup(held.id);
    const target = tenant.skills.find(
      (s) => s.isActive && s.id !== held.id && group && tenant.conflictGroup(s.id) === group,
    );
    if (!target) continue;
    const agent = tenant.agents.find((a) => tenant.visibleStates(a.id).some((s) => s.skillId === held.id));
    if (agent) return { agent, held: held.name, target: target.name, targetId: target.id };
  }
  return undefined;
}
