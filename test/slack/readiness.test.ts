import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type RunningApp, startApp } from '../../src/main';
import {
  createSimulatorControl,
  type RunningSimulator,
  type SimulatorControl,
  startSimulator,
} from '../../src/simulator';
import { FakeSlack } from './fake-slack';

/**
 * /readyz of the app as `serve` assembles it (src/main.ts), while CXone will not issue a token: the answer
 * names checks and states only, and probes do not each cost token requests.
 */

interface Served {
  app: RunningApp;
  control: SimulatorControl;
  close(): Promise<void>;
}

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function serve(clientSecret?: string): Promise<Served> {
  const sim: RunningSimulator = await startSimulator({ port: 0 });
  const slack = await new FakeSlack().start();
  const dir = mkdtempSync(join(tmpdir(), 'agentstate-readyz-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: clientSecret ?? sim.demo.clientSecret,
    DATABASE_URL: `sqlite:${join(dir, 'agentstate.db')}`,
    WATCH_INTERVAL_MS: '3600000',
    LOG_LEVEL: 'silent',
  });
  const app = await startApp(config, createLogger({ level: 'silent' }));
  return {
    app,
    control: createSimulatorControl(sim.url),
    async close() {
      await app.stop();
      await slack.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function probe(s: Served, times: number): Promise<Array<[number, string]>> {
  const answers: Array<[number, string]> = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(`http://127.0.0.1:${s.app.port}/readyz`);
    answers.push([res.status, await res.text()]);
  }
  return answers;
}

const FAILING = [503, JSON.stringify({ ok: false, checks: { cxoneToken: 'failing', store: 'ok' } })];

it('when CXone refuses the credentials, then /readyz names the failing check without CXone’s words, and repeated probes ask CXone once', async () => {
  served = await serve('not-the-secret');
  const before = await served.control.count('POST /oauth/token');
  expect(await probe(served, 3)).toEqual([FAILING, FAILING, FAILING]);
  expect((await served.control.count('POST /oauth/token')) - before).toBe(1);
});

it('when the token endpoint answers 503, then a probe makes one token request, not one per retry', async () => {
  served = await serve();
  await served.control.addFaults({ path: '/oauth/token', status: 503, times: 10 });
  const before = await served.control.count('POST /oauth/token');
  expect(await probe(served, 2)).toEqual([FAILING, FAILING]);
  expect((await served.control.count('POST /oauth/token')) - before).toBe(1);
});
