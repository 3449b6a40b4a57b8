import type { AddressInfo } from 'node:net';
import { createInMemoryOperationGuard } from '../../src/agentstate/operation-guard';
import { loadConfig } from '../../src/config';
import { createMetrics } from '../../src/metrics';
import { createSlackApp } from '../../src/slack/app';
import { createReadinessProbe, healthRoutes, type Readiness, serveRoutes } from '../../src/slack/http-routes';
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
    const s = await serve(async () => ({ ok: true, checks: { cxoneToken: 'ok' } }));
    try {
      expect((await fetch(`${s.base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${s.base}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { ok: true, checks: { cxoneToken: 'ok' } }]);
      const metrics = await fetch(`${s.base}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      expect((await fetch(`${s.base}/nope`)).status).toBe(404);
      expect((await fetch(`${s.base}/healthz`, { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });

  it('answers /readyz with 503 when not ready, when the check throws, and when it hangs, naming states only', async () => {
    const cases: Array<[() => Promise<Readiness>, Readiness]> = [
      [
        async () => ({ ok: false, checks: { cxoneToken: 'failing', store: 'ok' } }),
        { ok: false, checks: { cxoneToken: 'failing', store: 'ok' } },
      ],
      [
        async () => Promise.reject(new Error('invalid_client: client_secret s3cr3t is wrong')),
        { ok: false, checks: { readiness: 'failing' } },
      ],
      [() => new Promise<Readiness>(() => {}), { ok: false, checks: { readiness: 'timed_out' } }],
    ];
    for (const [readiness, expected] of cases) {
      const s = await serve(readiness, 50);
      try {
        const res = await fetch(`${s.base}/readyz`);
        expect([res.status, await res.json()]).toEqual([503, expected]);
      } finally {
        await s.close();
      }
    }
  });
});

describe('createReadinessProbe', () => {
  const failing: Readiness = { ok: false, checks: { cxoneToken: 'failing', store: 'ok' } };

  function probeWith(results: Readiness[]) {
    let time = 0;
    const readiness = jest.fn(async () => results.shift() ?? failing);
    const probe = createReadinessProbe({
      metrics: createMetrics({ defaultMetrics: false }),
      logger: silentLogger,
      readiness,
      failureCacheMs: 5000,
      now: () => time,
    });
    return { probe, readiness, advance: (ms: number) => (time += ms) };
  }

  it('when the check fails, then probes within the next 5 s get that answer without checking again', async () => {
    const { probe, readiness, advance } = probeWith([failing, failing]);
    expect(await probe()).toEqual(failing);
    advance(4999);
    expect(await probe()).toEqual(failing);
    expect(await probe()).toEqual(failing);
    expect(readiness).toHaveBeenCalledTimes(1);
    advance(1);
    await probe();
    expect(readiness).toHaveBeenCalledTimes(2);
  });

  it('when many probes arrive together, then they share one check', async () => {
    const { probe, readiness } = probeWith([failing]);
    await Promise.all([probe(), probe(), probe(), probe()]);
    expect(readiness).toHaveBeenCalledTimes(1);
  });

  it('when the check succeeds, then the next probe checks again (an outage shows at once)', async () => {
    const ok: Readiness = { ok: true, checks: { cxoneToken: 'ok', store: 'ok' } };
    const { probe, readiness } = probeWith([ok, failing]);
    expect(await probe()).toEqual(ok);
    expect(await probe()).toEqual(failing);
    expect(readiness).toHaveBeenCalledTimes(2);
  });
});

describe('createSlackApp', () => {
  const base = {
    service: fakeService(),
    guard: createInMemoryOperationGuard(),
    logger: silentLogger,
    metrics: createMetrics({ defaultMetrics: false }),
    readiness: async (): Promise<Readiness> => ({ ok: true, checks: {} }),
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
