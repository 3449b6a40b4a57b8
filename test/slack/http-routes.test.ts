import type { AddressInfo } from 'node:net';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { loadConfig } from '../../src/config';
import { createMetrics } from '../../src/metrics';
import { createSlackApp } from '../../src/slack/app';
import { healthRoutes, type Readiness, serveRoutes } from '../../src/slack/http-routes';
import { FakeSlack } from './fake-slack';
import { fakeService, silentLogger } from './fixtures';

/** The routes Socket Mode serves on PORT from a plain server (HTTP mode serves them through Bolt; see e2e). */

async function serve(readiness: () => Promise<Readiness>, readinessTimeoutMs = 5000) {
  const metrics = createMetrics({ defaultMetrics: false });
  const server = serveRoutes(healthRoutes({ metrics, readiness, logger: silentLogger, readinessTimeoutMs }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('health, readiness and metrics routes', () => {
  it('answers /healthz, /readyz and /metrics, and 404/405 for anything else', async () => {
    const s = await serve(async () => ({ ok: true, checks: { cxoneToken: true } }));
    try {
      expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${s.base}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { ok: true, checks: { cxoneToken: true } }]);
      const metrics = await fetch(`${s.base}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect((await fetch(`${s.base}/nope`)).status).toBe(404);
      expect((await fetch(`${s.base}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });

  it('answers /readyz with 503 when not ready, when the check throws, and when it hangs', async () => {
    const cases: Array<() => Promise<Readiness>> = [
      async () => ({ ok: false, checks: { cxoneToken: 'invalid_client' } }),
      async () => Promise.reject(new Error('connect ECONNREFUSED')),
      () => new Promise<Readiness>(() => {}),
    ];
    for (const readiness of cases) {
      const s = await serve(readiness, 50);
      try {
        const res = await fetch(`${s.base}/readyz`);
        expect(res.status).toBe(503);
        expect((await res.json()).ok).toBe(false);
      } finally {
        await s.close();
      }
    }
  });
});

describe('createSlackApp', () => {
  const base = {
    service: fakeService(),
    guard: createInMemoryOperationGuard(),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: async () => ({ ok: true, checks: {} }),
  };

  it('builds a Socket Mode app from SLACK_APP_TOKEN without a signing secret', () => {
    const config = loadConfig({
      CXONE_SIMULATOR: '1',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1-A1-x',
    });
    expect(createSlackApp({ ...base, config }).app).toBeDefined();
  });

  it('reports a bot token Slack refuses as a configuration error from start(), not a crash', async () => {
    const slack = await new FakeSlack().start();
    slack.fail('auth.test', 'invalid_auth');
    const config = loadConfig({
      CXONE_SIMULATOR: '1',
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    });
    try {
      const app = createSlackApp({ ...base, config });
      await expect(app.start()).rejects.toThrow('SLACK_BOT_TOKEN: Slack rejected it (invalid_auth)');
    } finally {
      await slack.close();
    }
  });

  it('refuses HTTP mode without a signing secret, naming the variable', () => {
    const config = loadConfig({ CXONE_SIMULATOR: '1', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(() => createSlackApp({ ...base, config })).toThrow('SLACK_SIGNING_SECRET');
  });
});
