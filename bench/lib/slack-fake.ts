import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackSignature } from '../../src/sandbox/app-link';

/**
 * The smallest Slack stand-in a benchmark needs: the Web API answers `ok` (auth.test with ids), and
 * `response_url` POSTs are timed on arrival so end-to-end latency can be measured from outside the app.
 */
export interface SlackCall {
  method: string;
  channel?: string;
  threadTs?: string;
}

export interface FakeSlackServer {
  apiUrl: string;
  /** Every Web API call received, in order (method, channel, thread_ts). */
  calls: SlackCall[];
  responseUrl(id: string): string;
  /** Resolves with the arrival time (performance.now()) of the first POST to that response_url. */
  arrival(id: string): Promise<number>;
  /** The bodies POSTed to that response_url so far, in arrival order. */
  responses(id: string): string[];
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlackServer> {
  const waiters = new Map<string, { resolve: (t: number) => void; promise: Promise<number> }>();
  const waiter = (id: string) => {
    let w = waiters.get(id);
    if (!w) {
      let resolve!: (t: number) => void;
      const promise = new Promise<number>((r) => {
        resolve = r;
      });
      w = { resolve, promise };
      waiters.set(id, w);
    }
    return w;
  };
  const calls: SlackCall[] = [];
  const bodies = new Map<string, string[]>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url.startsWith('/api/')) calls.push(describeCall(url, Buffer.concat(chunks).toString('utf8')));
      if (url.startsWith('/resp/')) {
        const id = url.slice('/resp/'.length);
        bodies.set(id, [...(bodies.get(id) ?? []), Buffer.concat(chunks).toString('utf8')]);
        waiter(id).resolve(at);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const body = url.endsWith('/auth.test')
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', url: 'https://bench.slack.com/' }
        : { ok: true, ts: `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    calls,
    responseUrl: (id) => `${base}/resp/${id}`,
    arrival: (id) => waiter(id).promise,
    responses: (id) => bodies.get(id) ?? [],
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The Web API client sends form-encoded or JSON bodies; either way we only need a few fields. */
function describeCall(url: string, body: string): SlackCall {
  const method = url.slice('/api/'.length).split('?')[0] ?? '';
  let fields: Record<string, unknown> = {};
  try {
    fields = body.trim().startsWith('{') ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));
  } catch {
    /* not a body we need to read */
  }
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { method, channel: str(fields.channel), threadTs: str(fields.thread_ts) };
}

export function signedCommand(secret: string, text: string, userId: string, responseUrl: string) {
  const body = new URLSearchParams({
    token: 'unused',
    team_id: 'T0001',
    team_domain: 'bench',
    channel_id: 'C0001',
    channel_name: 'supervisors',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: '/agentstate',
    text,
    api_app_id: 'A0001',
    response_url: responseUrl,
    trigger_id: `trigger-${userId}-${Date.now()}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = slackSignature(secret, ts, body);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  };
}
