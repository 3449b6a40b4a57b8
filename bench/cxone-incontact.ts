/**
 * The incontact half of `npm run bench:cxone` — the session-model service against the incontact simulator
 * (its own process, 20 ms latency):
 *  (a) report(agentId) vs one raw GET of the same endpoint with a warm token (discovery + password grant);
 *  (b) verify time minus the propagation delay, 0–8 s: make available (agents made unavailable through the
 *      controls first) and an impersonated log-in of logged-out agents;
 *  (c) discovery and token requests for 1,000 calls spanning 3 token lifetimes.
 * `bench/cxone.ts` runs it after the v2 half; `node dist-bench/bench/cxone-incontact.js` runs it alone.
 * BENCH_SMALL=1 runs it with small sizes (development). Prints its figures; it asserts nothing.
 */
import os from 'node:os';
import { FIRST_POLL_DELAY_MS, MAX_POLL_DELAY_MS } from '../src/agentstate/poll-states';
import type { SessionAgent } from '../src/agentstate/sessions';
import { MULTI_STEP_MAX_POLL_DELAY_MS } from '../src/agentstate/sessions/change';
import { tokenMarginMs } from '../src/cxone';
import { createIncontactControl, type IncontactCredentials } from '../src/simulator';
import { LOGGED_IN_AT_FRACTION } from '../src/simulator/incontact/decisions';
import { API_VERSION, incontactStack, rawIncontact, sleep, type WireState } from './lib/incontact';
import { startSimProcess } from './lib/sim-process';
import { fmt, median, percentile, printTable, timed } from './lib/stats';

const SMALL = process.env.BENCH_SMALL === '1';
const LATENCY_MS = 20;
const AGENTS = 200;
type Control = ReturnType<typeof createIncontactControl>;

export async function benchIncontact(): Promise<void> {
  console.log(
    `\n# incontact dialect — ${new Date().toISOString()} — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}${SMALL ? ' — BENCH_SMALL (development sizes)' : ''}`,
  );
  const sim = await startSimProcess({
    dialect: 'incontact',
    latencyMs: LATENCY_MS,
    propagationDelayMs: 0,
    agentCount: AGENTS,
  });
  const control = createIncontactControl(sim.url);
  try {
    await benchReport(sim.url, sim.demo);
    await benchVerify(sim.url, sim.demo, control);
    await benchTokens(sim.url, sim.demo, control);
  } finally {
    await sim.stop();
  }
}

/** Every agent's state as the bulk read lists it (the whole tenant in one page). */
async function wireStates(raw: Awaited<ReturnType<typeof rawIncontact>>): Promise<WireState[]> {
  return (await raw.get<{ agentStates: WireState[] }>('/agents/states', { top: 10_000 })).data.agentStates;
}

/** Agents of the agent teams (not the supervisors' team of API users), active. */
const isFloorAgent = (s: WireState) => s.isActive !== false && s.teamName !== 'Supervisors';

async function benchReport(url: string, demo: IncontactCredentials) {
  const N = SMALL ? 30 : 200;
  const { cxone, service, meter } = incontactStack(url, demo);
  const raw = await rawIncontact(url, demo);
  const agentId = String((await wireStates(raw)).find((s) => isFloorAgent(s))?.agentId);
  const rawGet = () => raw.get(`/agents/${agentId}/states`);
  for (let i = 0; i < 5; i++) await Promise.all([service.report(agentId), rawGet()]); // token, discovery, sockets

  // What one report sends, and whether its requests overlap.
  meter.reset();
  const one = await service.report(agentId);
  if (one.kind !== 'report') throw new Error(`report(${agentId}) answered ${one.kind}`);
  const calls = meter.events.map((e) => e.endpoint);
  const overlap = meter.peakInFlight;

  const reportMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < N; i++) {
    // Interleaved so drift on a noisy machine hits both sides alike.
    rawMs.push((await timed(rawGet)).ms);
    reportMs.push((await timed(() => service.report(agentId))).ms);
  }
  const ratio = median(reportMs) / median(rawMs);
  console.log(
    `\n## (a) incontact: report(agentId) vs one raw GET /inContactAPI/services/${API_VERSION}/agents/{id}/states — ${N} each, ${LATENCY_MS} ms injected latency`,
  );
  printTable(
    ['', 'p50', 'p95', 'p99'],
    [
      [
        'raw GET (warm token: discovery + password grant)',
        fmt(median(rawMs)),
        fmt(percentile(rawMs, 95)),
        fmt(percentile(rawMs, 99)),
      ],
      [
        `report(${agentId})`,
        fmt(median(reportMs)),
        fmt(percentile(reportMs, 95)),
        fmt(percentile(reportMs, 99)),
      ],
    ],
  );
  console.log(
    `one report sends ${calls.length} request(s): ${calls.join(', ')}; most in flight at once: ${overlap} (${overlap >= calls.length ? 'all in parallel' : 'sequential'})`,
  );
  console.log(
    `ratio report/raw (p50): ${ratio.toFixed(3)}  (target ≤ 1.1: ${ratio <= 1.1 ? 'met' : 'MISSED'})`,
  );
  if (ratio > 1.1 && calls.length > 1 && overlap < calls.length)
    console.log(
      `missed because report() sends its ${calls.length} requests one after another (GET agent, then GET state)`,
    );
  cxone.close();
}

async function benchVerify(url: string, demo: IncontactCredentials, control: Control) {
  const K = 5;
  const delays = SMALL ? [0, 500, 1000] : [0, 500, 1000, 2000, 4000, 8000];
  // A session started as the agent shows LoggedIn after LOGGED_IN_AT_FRACTION of the delay (the first sign
  // of the session the use case waits for), then the Available it sends on seeing it shows one delay later.
  const loginFactor = LOGGED_IN_AT_FRACTION + 1;
  const rows: Array<Array<string | number>> = [];
  let allMet = true;
  let availableMet = true;
  let loginMet = true;
  for (const delay of delays) {
    await control.reset({ propagationDelayMs: delay, latencyMs: LATENCY_MS });
    const raw = await rawIncontact(url, demo);
    const states = (await wireStates(raw)).filter(isFloorAgent);
    const inSession = states.filter((s) =>
      ['Available', 'Unavailable', 'LoggedIn'].includes(s.agentStateName),
    );
    const loggedOut = states.filter((s) => s.agentStateName === 'LoggedOut');
    if (inSession.length < K || loggedOut.length < K)
      throw new Error(`the tenant has too few agents in session (${inSession.length}) or logged out`);

    // make available: agents made Unavailable (no reason) through the controls, visible at once.
    const { cxone, service } = incontactStack(url, demo);
    const toFree = inSession.slice(0, K).map((s) => String(s.agentId));
    for (const id of toFree) await control.setAgentState(id, { state: 'Unavailable' });
    const freeAgents = await Promise.all(toFree.map((id) => cxone.getAgent(id)));
    await service.report(toFree[0] as string); // token and discovery before the clock starts
    const available = await Promise.all(freeAgents.map((a) => service.makeAvailable(a)));
    const a = summarize(available, delay);

    // impersonated login of logged-out agents. Each is given a session that ends at once (through the
    // controls), so today's state history names the station the use case logs it in at.
    const imp = incontactStack(url, demo, { impersonation: true });
    for (const s of loggedOut.slice(0, K)) {
      await control.setAgentState(s.agentId, { state: 'Available' });
      await sleep(5);
      await control.setAgentState(s.agentId, { state: 'LoggedOut' });
    }
    const out: SessionAgent[] = await Promise.all(
      loggedOut.slice(0, K).map((s) => imp.cxone.getAgent(String(s.agentId))),
    );
    await imp.service.report(out[0]?.id as string);
    const logins = await Promise.all(out.map((agent) => imp.service.login(agent)));
    const l = summarize(logins, delay * loginFactor);

    if (a.verified !== K || a.max > 300) availableMet = false;
    if (l.verified !== K || l.max > 300) loginMet = false;
    allMet = availableMet && loginMet;
    rows.push([
      `${delay / 1000} s`,
      `${a.verified}/${K} (${pct(a.verified, K)})`,
      fmt(a.p50),
      fmt(a.max),
      `${(delay * loginFactor) / 1000} s`,
      `${l.verified}/${K} (${pct(l.verified, K)})`,
      fmt(l.p50),
      fmt(l.max),
    ]);
    cxone.close();
    imp.cxone.close();
  }
  console.log(
    `\n## (b) incontact: verify time minus the propagation delay — ${K} agents per delay and change, ${LATENCY_MS} ms latency`,
  );
  printTable(
    [
      'delay',
      'make available: verified',
      'overshoot p50',
      'overshoot max',
      'login (impersonated): total delay',
      'verified',
      'overshoot p50',
      'overshoot max',
    ],
    rows,
  );
  console.log(
    `An impersonated login crosses the propagation delay twice: the session started as the agent first shows\n` +
      `LoggedIn after ${LOGGED_IN_AT_FRACTION} × the delay (the simulator's LOGGED_IN_AT_FRACTION; Unavailable after the whole\n` +
      `delay), and the Available the use case sends on seeing the session shows one delay after that — so the\n` +
      `simulator's real total delay for this path is ${loginFactor} × the delay, and its overshoot is measured against that.\n` +
      'Overshoots include the round trips of the change itself (POST, and for a login the POST of the session and\n' +
      'of the state), which verify time counts from the first POST.',
  );
  console.log(
    `target ≤ 300 ms overshoot with 100 % verified at every delay: ${allMet ? 'met' : 'MISSED'} (make available: ${availableMet ? 'met' : 'MISSED'}; impersonated login: ${loginMet ? 'met' : 'MISSED'})`,
  );
  if (availableMet && !loginMet)
    console.log(
      'the login misses where make available meets it because its two waits are in series, each with its own\n' +
        `round trips: the session POST and the Available POST both count. Each wait polls at most every\n` +
        `${MULTI_STEP_MAX_POLL_DELAY_MS} ms (MULTI_STEP_MAX_POLL_DELAY_MS; a one-step change: ${MAX_POLL_DELAY_MS} ms) and looks first\n` +
        `after min(FIRST_POLL_DELAY_MS = ${FIRST_POLL_DELAY_MS} ms, half that pause).`,
    );
}

function summarize(outcomes: Array<{ kind: string; verifyMs?: number }>, delay: number) {
  const over = outcomes.flatMap((o) =>
    o.kind === 'verified' && o.verifyMs !== undefined ? [o.verifyMs - delay] : [],
  );
  return { verified: over.length, p50: median(over), max: over.length ? Math.max(...over) : Number.NaN };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(0)} %`;

async function benchTokens(url: string, demo: IncontactCredentials, control: Control) {
  const TTL_S = 3;
  const CALLS = SMALL ? 200 : 1000;
  const margin = tokenMarginMs(TTL_S * 1000);
  const usableMs = TTL_S * 1000 - margin;
  console.log(
    `\n## (c) incontact: discovery and token requests for ${CALLS} calls spread evenly, token lifetime ${TTL_S} s, ${LATENCY_MS} ms latency`,
  );
  const endpoints = [
    'GET /.well-known/openid-configuration',
    'GET /.well-known/cxone-configuration',
    'POST /auth/token',
  ] as const;
  const rows: Array<Array<string | number>> = [];
  for (const [label, spanMs] of [
    [`3 lifetimes (3 × ${TTL_S.toFixed(1)} s)`, 3 * TTL_S * 1000],
    [`3 usable lifetimes (3 × ${(usableMs / 1000).toFixed(1)} s)`, 3 * usableMs - 50],
  ] as const) {
    await control.reset({ tokenTtlSeconds: TTL_S, latencyMs: LATENCY_MS, propagationDelayMs: 0 });
    const before = (await control.counts()).byEndpoint;
    const { cxone } = incontactStack(url, demo);
    // The first call discovers, fetches the first token and finds the API host. The span counts from when
    // that token was asked for (its lifetime runs from then), read back from the client's token cache.
    const { agents } = await cxone.searchAgents({ top: 100 });
    const issuedAt = (await cxone.tokenInfo()).expiresAt - usableMs;
    const end = issuedAt + spanMs;
    const t0 = Date.now();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < CALLS; i++) {
      const wait = t0 + ((end - t0) * i) / CALLS - Date.now();
      if (wait > 0) await sleep(wait);
      calls.push(cxone.getAgentState((agents[i % agents.length] as SessionAgent).id));
    }
    const lastSentAfter = Date.now() - issuedAt;
    const results = await Promise.allSettled(calls);
    const failed = results.filter((r) => r.status === 'rejected').length;
    const after = (await control.counts()).byEndpoint;
    const delta = endpoints.map((e) => (after[e] ?? 0) - (before[e] ?? 0));
    rows.push([label, `${(lastSentAfter / 1000).toFixed(2)} s`, CALLS, failed, ...delta]);
    cxone.close();
  }
  printTable(['span', 'last call sent after first token', 'calls', 'failed', ...endpoints], rows);
  const [, second] = rows;
  const met =
    second !== undefined && second[3] === 0 && second[4] === 1 && second[5] === 1 && second[6] === 3;
  console.log(
    'target: one discovery (each document once) and one token request per token lifetime. The client retires\n' +
      `each token ${margin / 1000} s (a tenth of its lifetime) before it expires and renews it with its refresh token,\n` +
      `so a token serves ${(usableMs / 1000).toFixed(1)} s: 3 nominal lifetimes span 3.3 usable ones (4 token requests),\n` +
      `3 usable lifetimes take 3. Over 3 usable lifetimes: ${met ? 'met' : 'MISSED'}`,
  );
}

if (require.main === module) {
  benchIncontact().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
