/**
 * `npm run bench:watch` — the watcher against a 10,000-agent simulator (its own process, 20 ms latency):
 * 2,000 agents watched across 20 channels, 5 % of them changing before each cycle (half dropping out of
 * every skill, half coming back). The real engine, a real SQLite store and the real Slack notifier (posting
 * to a minimal Slack stand-in that counts messages). Per cycle: time, CPU, CXone calls, Slack messages;
 * then peak RSS. Prints its figures; it asserts nothing.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { createAgentStateService } from '../src/agentstate';
import { systemClock } from '../src/agentstate/ports';
import { createWatchEngine } from '../src/agentstate/watch';
import { createCxoneClient } from '../src/cxone';
import { createLogger } from '../src/logger';
import { createSimulatorControl } from '../src/simulator/control';
import { createSlackWatchNotifier } from '../src/slack/watch-notifier';
import { openStore } from '../src/store';
import { startSimProcess } from './lib/sim-process';
import { startFakeSlack } from './lib/slack-fake';
import { fmt, median, printTable } from './lib/stats';

const AGENTS = 10_000;
const WATCHED = 2_000;
const CHANNELS = 20;
const CHANGE_PER_CYCLE = WATCHED * 0.05;
const CYCLES = 10;
const logger = createLogger({ level: 'silent' });

async function main() {
  console.log(
    `# bench:watch — ${new Date().toISOString()} — ${os.cpus()[0]?.model} ×${os.cpus().length}, node ${process.version}`,
  );
  const sim = await startSimProcess({ agentCount: AGENTS, latencyMs: 20, propagationDelayMs: 0 });
  const control = createSimulatorControl(sim.url);
  const slack = await startFakeSlack();
  const store = await openStore(
    `sqlite:${path.join(mkdtempSync(path.join(os.tmpdir(), 'agentstate-bench-')), 'watch.db')}`,
  );
  try {
    const cxone = createCxoneClient({ baseUrl: sim.url, ...sim.demo, logger });
    const service = createAgentStateService({
      cxone,
      logger,
      defaults: { activity: 'Available' },
      verifyTimeoutMs: 15_000,
    });
    const { states } = await cxone.getAllAgentStates();
    const skillOf = new Map(states.map((s) => [s.agentId, s.skillId]));
    const watched = [...skillOf.keys()].slice(0, WATCHED);
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(8, '0')}`);
    for (const [i, agentId] of watched.entries()) {
      await store.subscriptions.add({
        channelId: channels[i % CHANNELS]!,
        agentId,
        agentName: `Agent ${i}`,
        createdBy: 'U0BENCH',
      });
    }
    const client = new webApi.WebClient('xoxb-bench', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    const notifier = createSlackWatchNotifier({ client, service, store, logger, clock: systemClock });
    const engine = createWatchEngine({
      cxone,
      store,
      notifier,
      clock: systemClock,
      logger,
      catalog: { skills: () => service.listSkills() },
    });

    const baseline = await engine.runCycle();
    console.log(
      `\nbaseline cycle (first sight of ${baseline.watched} watched agents): ${baseline.mode}, ${baseline.cxoneCalls} CXone call(s)`,
    );

    const out = new Set<string>();
    const rows: Array<Array<string | number>> = [];
    const times: number[] = [];
    const cpus: number[] = [];
    let worstPerChannel = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      await changeSome(control, watched, out, skillOf, cycle);
      const callsBefore = (await control.counts()).total;
      const slackBefore = slack.calls.length;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const report = await engine.runCycle();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const cxoneCalls = (await control.counts()).total - callsBefore;
      const calls = slack.calls.slice(slackBefore);
      const topLevel = calls.filter((c) => c.method === 'chat.postMessage' && !c.threadTs);
      const replies = calls.filter((c) => c.method === 'chat.postMessage' && c.threadTs).length;
      const updates = calls.filter((c) => c.method === 'chat.update').length;
      const perChannel = new Map<string, number>();
      for (const c of topLevel) perChannel.set(c.channel ?? '?', (perChannel.get(c.channel ?? '?') ?? 0) + 1);
      const maxPerChannel = Math.max(0, ...perChannel.values());
      worstPerChannel = Math.max(worstPerChannel, maxPerChannel);
      times.push(ms);
      cpus.push(cpuMs);
      rows.push([
        cycle,
        report.mode,
        report.drops,
        report.returns,
        fmt(ms),
        fmt(cpuMs),
        cxoneCalls,
        topLevel.length,
        maxPerChannel,
        replies,
        updates,
      ]);
    }
    const rssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(
      `\n## ${WATCHED} watched of ${AGENTS} agents, ${CHANNELS} channels, ${CHANGE_PER_CYCLE} changes (5 %) before each cycle, 20 ms latency`,
    );
    printTable(
      [
        'cycle',
        'mode',
        'drops',
        'returns',
        'time',
        'CPU',
        'CXone calls',
        'channel messages',
        'max per channel',
        'thread replies',
        'message updates',
      ],
      rows,
    );
    console.log(
      `\ncycle time p50 ${fmt(median(times))}, max ${fmt(Math.max(...times))}; CPU p50 ${fmt(median(cpus))}, max ${fmt(Math.max(...cpus))}`,
    );
    console.log(`peak RSS of the watcher process: ${rssMiB.toFixed(0)} MiB`);
    console.log(
      `target ≤ 1 channel message per channel per cycle: ${worstPerChannel <= 1 ? 'met' : `MISSED (worst ${worstPerChannel})`}`,
    );
    cxone.close();
  } finally {
    await store.close();
    await slack.close();
    await sim.stop();
  }
}

/** Half of the changes drop agents that are in, half bring back agents that are out. */
async function changeSome(
  control: ReturnType<typeof createSimulatorControl>,
  watched: string[],
  out: Set<string>,
  skillOf: Map<string, string>,
  cycle: number,
) {
  const comeBack = [...out].slice(0, CHANGE_PER_CYCLE / 2);
  const start = (cycle * 97) % watched.length;
  const candidates = [...watched.slice(start), ...watched.slice(0, start)].filter((id) => !out.has(id));
  const drop = candidates.slice(0, CHANGE_PER_CYCLE - comeBack.length);
  const jobs = [
    ...drop.map((id) => () => control.setAgentStates(id, []).then(() => out.add(id))),
    ...comeBack.map(
      (id) => () => control.setAgentStates(id, [{ skillId: skillOf.get(id)! }]).then(() => out.delete(id)),
    ),
  ];
  for (let i = 0; i < jobs.length; i += 20) await Promise.all(jobs.slice(i, i + 20).map((j) => j()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
