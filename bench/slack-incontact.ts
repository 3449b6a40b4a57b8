/**
 * The incontact half of `npm run bench:slack` — signed `/agentstate` requests to `agentstate serve` (its own
 * process, CXONE_DIALECT=incontact, the variables the incontact simulator prints), the incontact simulator
 * in another (20 ms latency), a minimal Slack stand-in in this one:
 *  (a) ack time p50/p99/max over 300 sequential signed `/agentstate <agent id>` commands;
 *  (b) `/agentstate <agent id>` end to end (command sent → the status card at the response_url) vs one raw
 *      GET /inContactAPI/services/{version}/agents/{id}/states with a warm token, interleaved, 200 each;
 *      beside them, the same use case (`report`) called in this process, so the gap can be split into
 *      the service layer's share and the Slack path's.
 * `bench/slack.ts` runs it after the v2 part; `node dist-bench/bench/slack-incontact.js` runs it alone.
 * BENCH_SMALL=1 runs it with small sizes (development). Prints its figures; it asserts nothing.
 */
import os from 'node:os';
import { createIncontactControl } from '../src/simulator';
import { startAppProcess } from './lib/app-process';
import { API_VERSION, incontactStack, rawIncontact, type WireState } from './lib/incontact';
import { startSimProcess } from './lib/sim-process';
import { signedCommand, startFakeSlack } from './lib/slack-fake';
import { fmt, median, percentile, printTable, timed } from './lib/stats';

const SMALL = process.env.BENCH_SMALL === '1';
const LATENCY_MS = 20;
const SECRET = 'bench-signing-secret';
const ACKS = SMALL ? 30 : 300;
const PAIRS = SMALL ? 20 : 200;
const TARGET_RATIO = 1.1;

/** The status card's footer (src/slack/sessions/cards.ts): what tells the card from an error or a list. */
const STATUS_CARD_MARK = 'Source: CXone';

export async function benchSlackIncontact(): Promise<void> {
  console.log(
    `\n# incontact dialect — ${new Date().toISOString()} — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}${SMALL ? ' — BENCH_SMALL (development sizes)' : ''}`,
  );
  const sim = await startSimProcess({
    dialect: 'incontact',
    latencyMs: LATENCY_MS,
    propagationDelayMs: 0,
    agentCount: 60,
  });
  const control = createIncontactControl(sim.url);
  const slack = await startFakeSlack();
  const app = await startAppProcess({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    // What the incontact simulator prints to paste into .env (src/simulator/incontact/banner.ts).
    CXONE_DIALECT: 'incontact',
    CXONE_AUTH_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: sim.demo.clientSecret,
    CXONE_ACCESS_KEY_ID: sim.demo.accessKeyId,
    CXONE_ACCESS_KEY_SECRET: sim.demo.accessKeySecret,
    DATABASE_URL: `sqlite:${os.tmpdir()}/agentstate-bench-incontact-${process.pid}.db`,
  });
  let seq = 0;
  const command = async (text: string, user: string) => {
    const id = `i${++seq}`;
    const req = signedCommand(SECRET, text, user, slack.responseUrl(id));
    const t0 = performance.now();
    const res = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    const ackMs = performance.now() - t0;
    await res.text();
    if (res.status !== 200) throw new Error(`command answered ${res.status}`);
    const e2eMs = (await slack.arrival(id)) - t0;
    return { id, ackMs, e2eMs };
  };
  /** Whether the first message at that response_url was the status card (read after the timing). */
  const firstIsStatusCard = (id: string) => slack.responses(id)[0]?.includes(STATUS_CARD_MARK) ?? false;

  try {
    // The benchmark's own token (the raw GETs, listing agents) is not the app's.
    const raw = await rawIncontact(sim.url, sim.demo);
    const states = (await raw.get<{ agentStates: WireState[] }>('/agents/states', { top: 10_000 })).data
      .agentStates;
    const agents = states
      .filter((s) => s.isActive !== false && s.teamName !== 'Supervisors')
      .slice(0, 20)
      .map((s) => String(s.agentId));
    if (agents.length < 20) throw new Error(`the tenant has only ${agents.length} active floor agents`);
    for (const id of agents) {
      const r = await command(id, 'U0BENCH'); // the app's token, discovery, sockets
      if (!firstIsStatusCard(r.id))
        throw new Error(`/agentstate ${id} did not answer with the status card: ${slack.responses(r.id)[0]}`);
    }

    // What one command costs CXone (the app's requests only: nothing else runs against the simulator here).
    const before = (await control.counts()).byEndpoint;
    for (const id of agents) await command(id, 'U0BENCH');
    const after = (await control.counts()).byEndpoint;
    const perCommand = Object.keys(after)
      .map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ×${(n / agents.length).toFixed(2)}`);

    // (a) ack time: sequential commands, each answered at its response_url before the next is sent.
    const acks: number[] = [];
    let acksCards = 0;
    for (let i = 0; i < ACKS; i++) {
      const r = await command(agents[i % agents.length]!, 'U0BENCH');
      acks.push(r.ackMs);
      if (firstIsStatusCard(r.id)) acksCards++;
    }
    console.log(
      `\n## (a) incontact: ack time — ${ACKS} sequential signed \`/agentstate <agent id>\` commands, ${LATENCY_MS} ms latency`,
    );
    printTable(
      ['p50', 'p99', 'max', 'answered with the status card'],
      [[fmt(median(acks)), fmt(percentile(acks, 99)), fmt(Math.max(...acks)), `${acksCards}/${ACKS}`]],
    );
    console.log(`target p99 < 50 ms: ${percentile(acks, 99) < 50 ? 'met' : 'MISSED'}`);

    // (b) one agent throughout, as in the raw GET; the three interleaved so drift hits all alike.
    const agentId = agents[0]!;
    const { service, cxone, meter } = incontactStack(sim.url, sim.demo);
    const rawGet = () => raw.get(`/agents/${agentId}/states`);
    for (let i = 0; i < 5; i++) await Promise.all([service.report(agentId), rawGet()]); // token, sockets
    meter.reset();
    await service.report(agentId);
    const reportCalls = meter.events.map((e) => e.endpoint);
    const reportOverlap = meter.peakInFlight;

    const rawMs: number[] = [];
    const reportMs: number[] = [];
    const e2e: number[] = [];
    let cards = 0;
    for (let i = 0; i < PAIRS; i++) {
      rawMs.push((await timed(rawGet)).ms);
      reportMs.push((await timed(() => service.report(agentId))).ms);
      const r = await command(agentId, 'U0BENCH');
      e2e.push(r.e2eMs);
      if (firstIsStatusCard(r.id)) cards++;
    }
    cxone.close();
    const ratio = median(e2e) / median(rawMs);
    console.log(
      `\n## (b) incontact: \`/agentstate ${agentId}\` end to end (command sent → status card at the response_url) vs one raw GET /inContactAPI/services/${API_VERSION}/agents/{id}/states — interleaved, ${PAIRS} each, ${LATENCY_MS} ms latency`,
    );
    printTable(
      ['', 'p50', 'p95', 'p99'],
      [
        [
          'raw GET .../states (warm token: discovery + password grant)',
          fmt(median(rawMs)),
          fmt(percentile(rawMs, 95)),
          fmt(percentile(rawMs, 99)),
        ],
        [
          `report(${agentId}) in this process (the use case the command runs)`,
          fmt(median(reportMs)),
          fmt(percentile(reportMs, 95)),
          fmt(percentile(reportMs, 99)),
        ],
        [
          `/agentstate ${agentId} end to end`,
          fmt(median(e2e)),
          fmt(percentile(e2e, 95)),
          fmt(percentile(e2e, 99)),
        ],
      ],
    );
    console.log(`answered with the status card: ${cards}/${PAIRS}`);
    console.log(
      `CXone requests per command (the app's, over ${agents.length} commands): ${perCommand.join(', ')}`,
    );
    console.log(
      `one report() sends ${reportCalls.length} request(s): ${reportCalls.join(', ')}; most in flight at once: ${reportOverlap}`,
    );
    console.log(
      `ratio end to end / raw (p50): ${ratio.toFixed(3)}  (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`,
    );
    if (ratio > TARGET_RATIO) {
      const gap = median(e2e) - median(rawMs);
      const serviceShare = median(reportMs) - median(rawMs);
      const slackShare = median(e2e) - median(reportMs);
      const budget = (TARGET_RATIO - 1) * median(rawMs);
      console.log(
        `missed: the command takes ${fmt(gap)} more than the raw GET (p50s) where the target allows ${fmt(budget)}.\n` +
          `  ${fmt(serviceShare)} of it is the use case itself (report() in this process vs the raw GET: ${reportCalls.length} request(s), ${reportOverlap >= reportCalls.length ? 'in parallel, so it waits for the slower of the two and reads both answers' : 'one after another'});\n` +
          `  ${fmt(slackShare)} is the Slack path around it (end to end vs report(), p50s): the HTTP request to the app,\n` +
          '  signature check and ack, then a second HTTP request from the app to the response_url — two local hops and\n' +
          `  the work between them that one raw GET does not have. At ${LATENCY_MS} ms latency the ${((TARGET_RATIO - 1) * 100).toFixed(0)} % budget is ${fmt(budget)}.`,
      );
    }
  } finally {
    await app.stop();
    await slack.close();
    await sim.stop();
  }
}

if (require.main === module) {
  benchSlackIncontact().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
