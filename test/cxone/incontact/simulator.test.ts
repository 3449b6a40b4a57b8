import { Agent } from 'node:http';
import axios from 'axios';
import type { AgentStatus } from '../../../src/agentstate/sessions/model';
import {
  createIncontactClient,
  ImpersonationNotAllowedError,
  NotFoundError,
  SessionInProgressError,
  zeroDelayRetryPolicy,
} from '../../../src/cxone';
import { createLogger } from '../../../src/logger';
import {
  createIncontactControl,
  type RunningIncontactSimulator,
  startSimulator,
} from '../../../src/simulator';

/**
 * The client against the incontact simulator over real HTTP: discovery, the access-key token, reads of
 * seeded agents, and each change verified by reading the state until it shows. The simulator is the
 * reference of CXONE-INCONTACT.md; where the two disagree, the client follows the document.
 */

const PROPAGATION_MS = 50;
let sim: RunningIncontactSimulator;
// Its own connections, closed with the file, so no pooled socket outlives the simulator. (This file also
// imports nothing that loads nock: nock patches Node's http on load, and left active here it would sit
// beneath the next file's nock in the same jest worker.)
const agent = new Agent({ keepAlive: false });
const http = axios.create({ httpAgent: agent });
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  sim = await startSimulator({ dialect: 'incontact', propagationDelayMs: PROPAGATION_MS, latencyMs: 0 });
});

// Each test starts from the seeded tenant: changes made by one do not leak into the next.
beforeEach(async () => {
  await createIncontactControl(sim.url).reset({ propagationDelayMs: PROPAGATION_MS, latencyMs: 0 });
});

afterAll(async () => {
  await sim?.close();
  agent.destroy();
});

function client(credentials = sim.demo) {
  return createIncontactClient({
    authUrl: sim.url,
    ...credentials,
    apiVersion: 'v27.0',
    logger,
    http,
    retry: zeroDelayRetryPolicy,
    timeoutMs: 5_000,
  });
}

const agentId = (role: Parameters<RunningIncontactSimulator['tenant']['demoAgent']>[0]) =>
  String(sim.tenant.demoAgent(role).agentId);

/** Reads the agent's state until `done` holds, for up to two seconds (many propagation delays). */
async function until(
  port: ReturnType<typeof client>,
  id: string,
  done: (status: AgentStatus) => boolean,
): Promise<AgentStatus> {
  const deadline = Date.now() + 2_000;
  let status = await port.getAgentState(id);
  while (!done(status) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    status = await port.getAgentState(id);
  }
  return status;
}

describe('the incontact client against the simulator', () => {
  it('discovers the token endpoint and the API host, and reads the tenant from the token', async () => {
    const port = client();

    const info = await port.connection();

    expect(info).toMatchObject({
      authUrl: sim.url,
      tokenEndpoint: `${sim.url}/auth/token`,
      apiEndpoint: sim.url,
      apiVersion: 'v27.0',
      clientAuth: 'basic',
    });
    expect(info.tenantId).not.toBe('');
    port.close();
  });

  it('reads the seeded agents’ states: available, unavailable with a reason, on a contact, logged out', async () => {
    const port = client();

    await expect(port.getAgentState(agentId('available'))).resolves.toMatchObject({ kind: 'available' });
    await expect(port.getAgentState(agentId('unavailable'))).resolves.toMatchObject({
      kind: 'unavailable',
      reason: { name: 'Lunch' },
    });
    const onContact = await port.getAgentState(agentId('onContact'));
    expect(onContact).toMatchObject({ kind: 'working', skill: { id: expect.any(String) } });
    expect(onContact.contactId).toEqual(expect.any(String));
    await expect(port.getAgentState(agentId('loggedOut'))).resolves.toMatchObject({ kind: 'logged_out' });
    port.close();
  });

  it('reads every agent’s state, then "no change" incrementally', async () => {
    const port = client();

    const all = await port.getAllAgentStates();
    const again = await port.getAllAgentStates(all.lastPollTime);

    expect(all.states.length).toBeGreaterThan(5);
    expect(again).toEqual({ states: [], unchanged: true, lastPollTime: all.lastPollTime });
    port.close();
  });

  it('finds agents, their skills and their team’s unavailable codes', async () => {
    const port = client();
    const maria = sim.tenant.demoAgent('available');

    const page = await port.searchAgents({ search: maria.lastName, top: 10 });
    const agent = await port.getAgent(String(maria.agentId));
    const reasons = await port.listTeamReasons(String(maria.teamId));

    expect(page.agents.map((a) => a.id)).toContain(String(maria.agentId));
    expect(agent).toMatchObject({ firstName: maria.firstName, teamId: String(maria.teamId) });
    expect(reasons.length).toBeGreaterThan(0);
    await expect(port.listSkills()).resolves.not.toHaveLength(0);
    await expect(port.getAgentSkills(String(maria.agentId))).resolves.not.toHaveLength(0);
    port.close();
  });

  it('makes an unavailable agent Available, and it shows', async () => {
    const port = client();
    const id = agentId('unavailable');

    await port.setAgentState(id, { state: 'Available' });

    await expect(until(port, id, (s) => s.kind === 'available')).resolves.toMatchObject({
      kind: 'available',
    });
    port.close();
  });

  it('makes an available agent Unavailable with a reason of its team', async () => {
    const port = client();
    const maria = sim.tenant.demoAgent('available');
    const [reason] = (await port.listTeamReasons(String(maria.teamId))).filter((r) => r.isActive && !r.isAcw);
    if (!reason) throw new Error('the seeded team has no plain unavailable code');

    await port.setAgentState(String(maria.agentId), { state: 'Unavailable', reasonId: reason.id });

    const status = await until(port, String(maria.agentId), (s) => s.reason?.id === reason.id);
    expect(status).toMatchObject({ kind: 'unavailable', reason: { id: reason.id, name: reason.name } });
    port.close();
  });

  it('forces an agent out, and the agent shows LoggedOut', async () => {
    const port = client();
    const id = agentId('loggedInNoState');

    await port.forceLogout(id);

    await expect(until(port, id, (s) => s.kind === 'logged_out')).resolves.toMatchObject({
      state: 'LoggedOut',
    });
    port.close();
  });

  it('starts a session as a logged-out agent on its station; the session starts Unavailable', async () => {
    const port = client();
    const hugo = sim.tenant.demoAgent('loggedOut');

    const { sessionId } = await port.startSessionAs(String(hugo.agentId), {
      stationId: String(hugo.stationId),
    });

    expect(sessionId).not.toBe('');
    const status = await until(port, String(hugo.agentId), (s) => s.kind === 'unavailable');
    expect(status).toMatchObject({ kind: 'unavailable', station: { id: String(hugo.stationId) } });
    port.close();
  });

  it('a second session for an agent already logged in is SessionInProgressError', async () => {
    const port = client();
    const priya = sim.tenant.demoAgent('onContact');

    await expect(
      port.startSessionAs(String(priya.agentId), { stationId: String(priya.stationId) }),
    ).rejects.toBeInstanceOf(SessionInProgressError);
    port.close();
  });

  it('an access key without impersonation gets ImpersonationNotAllowedError', async () => {
    const key = sim.accessKeys.find(
      (k) => !(k.permissions as readonly string[]).includes('Agents: Impersonate'),
    );
    if (!key) throw new Error('the simulator seeds no access key without impersonation');
    const port = client({ ...sim.demo, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret });
    const hugo = sim.tenant.demoAgent('loggedOut');

    await expect(port.startSessionAs(String(hugo.agentId), { phone: '8015400003' })).rejects.toBeInstanceOf(
      ImpersonationNotAllowedError,
    );
    port.close();
  });

  it('an application that refuses HTTP Basic is served with the credentials in the body', async () => {
    const bodyOnly = sim.applications.find((app) => app !== sim.applications[0]);
    if (!bodyOnly) throw new Error('the simulator seeds no second application');
    const port = client({ ...sim.demo, clientId: bodyOnly.clientId, clientSecret: bodyOnly.clientSecret });

    await expect(port.connection()).resolves.toMatchObject({ clientAuth: 'body' });
    port.close();
  });

  it('an unknown agent id is NotFoundError(agent)', async () => {
    const port = client();

    await expect(port.getAgentState('987654321')).rejects.toMatchObject({ resource: 'agent' });
    await expect(port.getAgentState('987654321')).rejects.toBeInstanceOf(NotFoundError);
    port.close();
  });
});
