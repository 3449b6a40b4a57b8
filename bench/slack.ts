/**
 * `npm run bench:slack` — signed `/agentstate` requests to the real HTTP receiver (`agentstate serve` in
 * its own process), the simulator in another (20 ms latency), a minimal Slack stand-in in this one:
 *  (a) ack time p50/p99;
 *  (b) end-to-end time to the response_url message vs the raw CXone round trip, in the same run;
 *  (c) a burst of 1,000 commands from 50 users within 10 s: acks, p99 end-to-end, token requests, and
 *      CXone calls vs commands.
 * Then (a) and (b) for the incontact dialect (`bench/slack-incontact.ts`), against its own simulator and app.
 * Prints its figures; it asserts nothing.
 */
import os from 'node:os';
import axios from 'axios';
import { createSimulatorControl } from '../src/simulator/control';
import { startAppProcess } from './lib/app-process';
import { startSimProcess } from './lib/sim-process';
import { signedCommand, startFakeSlack } from './lib/slack-fake';
import { fmt, median, percentile, printTable } from './lib/stats';
import { benchSlackIncontact } from './slack-incontact';

const LATENCY_MS = 20;
const SECRET = 'bench-signing-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  console.log(
    `# bench:slack — ${new Date().toISOString()} — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}`,
  );
  const sim = await startSimProcess({ latencyMs: LATENCY_MS, propagationDelayMs: 0, agentCount: 60 });
  const control = createSimulatorControl(sim.url);
  const slack = await startFakeSlack();
  const app = await startAppProcess({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: sim.demo.clientSecret,
    DATABASE_URL: `sqlite:${os.tmpdir()}/agentstate-bench-${process.pid}.db`,
  });
  let seq = 0;
  const command = async (text: string, user: string) => {
    const id = `c${++seq}`;
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
    return { ackMs, e2eMs };
  };

  try {
    // The benchmark's own token (listing agents, the raw GETs) is not the app's: count after it.
    const token = await axios.post(
      `${sim.url}/oauth/token`,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sim.demo.clientId,
        client_secret: sim.demo.clientSecret,
      }),
    );
    const raw = axios.create({ headers: { Authorization: `Bearer ${token.data.access_token}` } });
    const benchTokens = await control.count('POST /oauth/token');
    const agents = await agentIds(sim.url, raw);
    for (const id of agents.slice(0, 20)) await command(id, 'U0BENCH'); // warm token, catalog, directory

    // (a) and (b): sequential commands, each beside a raw CXone GET of the same endpoint.
    const acks: number[] = [];
    const e2e: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < 300; i++) {
      const agent = agents[i % 20]!;
      const t0 = performance.now();
      await raw.get(`${sim.url}/api/v2/agents/${agent}/states`);
      rawMs.push(performance.now() - t0);
      const r = await command(agent, 'U0BENCH');
      acks.push(r.ackMs);
      e2e.push(r.e2eMs);
    }
    console.log(`\n## (a) ack time — 300 sequential signed commands`);
    printTable(
      ['p50', 'p99', 'max'],
      [[fmt(median(acks)), fmt(percentile(acks, 99)), fmt(Math.max(...acks))]],
    );
    console.log(`target p99 < 50 ms: ${percentile(acks, 99) < 50 ? 'met' : 'MISSED'}`);

    const ratio = median(e2e) / median(rawMs);
    console.log(
      `\n## (b) command → response_url message vs raw CXone GET of the same endpoint (${LATENCY_MS} ms latency)`,
    );
    printTable(
      ['', 'p50', 'p99'],
      [
        ['raw CXone GET .../states', fmt(median(rawMs)), fmt(percentile(rawMs, 99))],
        ['/agentstate <id> end to end', fmt(median(e2e)), fmt(percentile(e2e, 99))],
      ],
    );
    console.log(`ratio (p50): ${ratio.toFixed(3)}  (target ≤ 1.25: ${ratio <= 1.25 ? 'met' : 'MISSED'})`);

    // (c) the 8 a.m. burst: 20 waves of 50 users, 500 ms apart; each wave asks about 10 agents.
    const before = await control.counts();
    const burstAcks: number[] = [];
    const burstE2e: number[] = [];
    const t0 = performance.now();
    const all: Promise<void>[] = [];
    for (let wave = 0; wave < 20; wave++) {
      const at = wave * 500 - (performance.now() - t0);
      if (at > 0) await sleep(at);
      for (let u = 0; u < 50; u++) {
        const agent = agents[(wave * 10 + (u % 10)) % agents.length]!;
        all.push(
          command(agent, `U${String(u).padStart(4, '0')}BENCH`).then((r) => {
            burstAcks.push(r.ackMs);
            burstE2e.push(r.e2eMs);
          }),
        );
      }
    }
    await Promise.all(all);
    const took = performance.now() - t0;
    const after = await control.counts();
    const delta = (k: string) => (after.byEndpoint[k] ?? 0) - (before.byEndpoint[k] ?? 0);
    const cxoneCalls = after.total - before.total;
    console.log(
      `\n## (c) burst: 1,000 commands from 50 users in 20 waves over ${(took / 1000).toFixed(1)} s`,
    );
    printTable(
      [
        'acked ≤ 3 s',
        'ack p99',
        'ack max',
        'e2e p50',
        'e2e p99',
        'CXone calls',
        'GET states',
        'GET agents',
        'app token requests (whole run)',
      ],
      [
        [
          `${burstAcks.filter((a) => a <= 3000).length}/1000`,
          fmt(percentile(burstAcks, 99)),
          fmt(Math.max(...burstAcks)),
          fmt(median(burstE2e)),
          fmt(percentile(burstE2e, 99)),
          `${cxoneCalls} (${(cxoneCalls / 1000).toFixed(2)} per command)`,
          delta('GET /api/v2/agents/{agentId}/states'),
          delta('GET /api/v2/agents'),
          (after.byEndpoint['POST /oauth/token'] ?? 0) - benchTokens,
        ],
      ],
    );
    console.log('targets: all acked within 3 s; 1 token request; identical concurrent reads share one call');
  } finally {
    await app.stop();
    await slack.close();
    await sim.stop();
  }
  await benchSlackIncontact();
}

async function agentIds(url: string, raw: ReturnType<typeof axios.create>): Promise<string[]> {
  const page = await raw.get(`${url}/api/v2/agents?pageSize=100`);
  return (page.data.entities as Array<{ id: string; isActive: boolean }>)
    .filter((a) => a.isActive)
    .map((a) => a.id);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
