import { createServer } from 'node:net';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { loadConfig } from '../../src/config';
import { createMetrics } from '../../src/metrics';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { FakeSlack } from './fake-slack';
import { FakeSocketMode } from './fake-socket-mode';
import { fakeService, silentLogger } from './fixtures';
import { waitFor } from './harness';

/**
 * Socket Mode against a fake of Slack's side: the Web API at SLACK_API_URL (FakeSlack) and the WebSocket
 * it hands out (FakeSocketMode), so nothing may reach slack.com.
 */

let slack: FakeSlack;
let socket: FakeSocketMode;
let app: SlackApp | undefined;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  socket = await new FakeSocketMode().start();
  slack.socketModeUrl = socket.url;
});
afterEach(async () => {
  await app?.stop();
  await socket.close();
  await slack.close();
});

/** Socket Mode reports its port only once connected, so the test picks one it knows. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('opens the connection through SLACK_API_URL and answers /healthz before Slack says hello', async () => {
  const port = await freePort();
  const config = loadConfig({
    CXONE_SIMULATOR: '1',
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_APP_TOKEN: 'xapp-1-A1-x',
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
  });
  app = createSlackApp({
    config,
    service: fakeService(),
    guard: createInMemoryOperationGuard(),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: async () => ({ ok: true, checks: {} }),
  });
  const started = app.start();
  started.catch(() => {});

  await waitFor('apps.connections.open at SLACK_API_URL', () => slack.callsTo('apps.connections.open')[0]);
  await socket.connected;
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

  socket.hello();
  await expect(started).resolves.toEqual({ port });
});
