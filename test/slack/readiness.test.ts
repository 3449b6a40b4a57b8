import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type RunningApp, startApp } from '../../src/main';
import { createSimulatorControl, type RunningSimulator, startSimulator } from '../../src/simulator';
import { FakeSlack } from './fake-slack';

/**
 * /readyz of the app as `serve` assembles it (src/main.ts), with CXone refusing the app's credentials:
 * the answer names checks and states only, and probes do not each cost a token request.
 */

let sim: RunningSimulator;
let slack: FakeSlack;
let app: RunningApp;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  slack = await new FakeSlack().start();
  dir = mkdtempSync(join(tmpdir(), 'agentstate-readyz-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    CXONE_BASE_URL: sim.url,
    CXONE_CLIENT_ID: sim.demo.clientId,
    CXONE_CLIENT_SECRET: 'not-the-secret',
    DATABASE_URL: `sqlite:${join(dir, 'agentstate.db')}`,
    WATCH_INTERVAL_MS: '3600000',
    LOG_LEVEL: 'silent',
  });
  app = await startApp(config, createLogger({ level: 'silent' }));
});

afterAll(async () => {
  await app.stop();
  await slack.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

it('when CXone refuses the token, then /readyz names the failing check without CXone’s words, and repeated probes ask CXone once', async () => {
  const control = createSimulatorControl(sim.url);
  const before = await control.count('POST /oauth/token');
  const answers = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`http://127.0.0.1:${app.port}/readyz`);
    answers.push([res.status, await res.text()]);
  }
  const expected = [503, JSON.stringify({ ok: false, checks: { cxoneToken: 'failing', store: 'ok' } })];
  expect(answers).toEqual([expected, expected, expected]);
  expect((await control.count('POST /oauth/token')) - before).toBe(1);
});
