import { register as globalRegistry } from 'prom-client';
import { createMetrics } from '../src/metrics';

describe('Prometheus metrics', () => {
  it('lives in its own registry, so several apps (or tests) can create metrics side by side', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics({ defaultMetrics: false });
    a.countCommand('status', 'ok');
    expect(await a.render()).toContain('agentstate_slack_commands_total{subcommand="status",outcome="ok"} 1');
    expect(await b.render()).not.toContain('subcommand="status"');
    expect(await globalRegistry.metrics()).not.toContain('agentstate_');
  });

  it('counts CXone requests by endpoint and status, and observes their latency', async () => {
    const m = createMetrics({ defaultMetrics: false });
    // Passed around unbound, as the composition root hands it to the CXone client.
    const { onCxoneRequest } = m;
    onCxoneRequest({ method: 'GET', endpoint: 'GET /api/v2/skills', status: 200, durationMs: 40 });
    onCxoneRequest({ method: 'GET', endpoint: 'GET /api/v2/skills', status: 'timeout', durationMs: 10_000 });
    onCxoneRequest({ method: 'POST', endpoint: '/oauth/token', status: 401, durationMs: 5 });
    const text = await m.render();
    expect(text).toContain('agentstate_cxone_requests_total{endpoint="GET /api/v2/skills",status="200"} 1');
    expect(text).toContain(
      'agentstate_cxone_requests_total{endpoint="GET /api/v2/skills",status="timeout"} 1',
    );
    expect(text).toContain('agentstate_cxone_requests_total{endpoint="POST /oauth/token",status="401"} 1');
    expect(text).toContain(
      'agentstate_cxone_request_duration_seconds_bucket{le="0.05",endpoint="GET /api/v2/skills"} 1',
    );
  });

  it('counts logins by outcome and observes verify time only when there is one', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.recordChange('login', 'verified', 2300);
    m.recordChange('login', 'conflict');
    const text = await m.render();
    expect(text).toContain('agentstate_logins_total{action="login",outcome="verified"} 1');
    expect(text).toContain('agentstate_logins_total{action="login",outcome="conflict"} 1');
    expect(text).toContain('agentstate_login_verify_seconds_count{action="login"} 1');
    expect(text).toContain('agentstate_login_verify_seconds_sum{action="login"} 2.3');
  });

  it('includes the default process metrics unless turned off', async () => {
    expect(await createMetrics().render()).toContain('agentstate_process_cpu_user_seconds_total');
    expect(createMetrics().contentType).toContain('text/plain');
  });
});
