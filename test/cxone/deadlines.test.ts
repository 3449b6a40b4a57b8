import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createCxoneClient, type TokenProvider } from '../../src/cxone';
import { UnavailableError } from '../../src/cxone/errors';
import { zeroDelayRetryPolicy } from '../../src/cxone/retry';
import { AGENT_ID, CLIENT_ID, CLIENT_SECRET, captureLogs, caught } from './helpers/fixtures';

// The fixtures load nock, which patches Node's http for the whole worker; this file talks to a real local
// server and must not leave that patch active under the next test file.
afterAll(() => nock.restore());

/**
 * A CXone over real HTTP that sends the states' headers and then trickles the body one byte at a time, forever: only a deadline over the whole exchange stops it.
 */
async function tricklingCxone(intervalMs: number) {
  const open = new Set<http.ServerResponse>();
  let closed = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"states":[');
    open.add(res);
    const timer = setInterval(() => res.write(' '), intervalMs);
    res.on('close', () => {
      clearInterval(timer);
      open.delete(res);
      closed += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Exchanges the client has given up on (the server saw the connection close). */
    closed: () => closed,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A token at hand, so the read under test is the exchange's first (on a fresh connection). */
const tokens: TokenProvider = {
  getToken: async () => ({ accessToken: 'token', scopes: [], expiresAt: Number.POSITIVE_INFINITY }),
  invalidate: () => undefined,
  clear: () => undefined,
  info: async () => ({ scopes: [], expiresAt: Number.POSITIVE_INFINITY }),
};

function client(baseUrl: string, timeoutMs: number) {
  return createCxoneClient({
    baseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokens,
    logger: captureLogs().logger,
    retry: { ...zeroDelayRetryPolicy, maxAttempts: 1 },
    timeoutMs,
  });
}

/** The server sees the abandoned exchange's connection close (within a second or so). */
async function closedOnce(cxone: { closed(): number }) {
  for (let i = 0; i < 100 && cxone.closed() === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(cxone.closed()).toBe(1);
}

/** Real time, bounded with a wide margin: these exchanges run over real sockets. */
const MARGIN_MS = 3_000;

describe('a CXone answer that trickles its body', () => {
  let cxone: Awaited<ReturnType<typeof tricklingCxone>>;
  beforeEach(async () => {
    cxone = await tricklingCxone(250);
  });
  afterEach(() => cxone.close());

  it('when the body never ends, then the exchange is cut off at the request deadline as a timeout', async () => {
    const started = Date.now();

    const error = await caught(client(cxone.url, 1_000).getAgentStates(AGENT_ID));

    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000 + MARGIN_MS);
    await closedOnce(cxone);
  }, 20_000);

  it("when the caller's deadline passes first, then the read rejects with the caller's reason and the connection is closed", async () => {
    const reason = new Error('verify window closed');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 300);
    const started = Date.now();

    const error = await caught(
      client(cxone.url, 60_000).getAgentStates(AGENT_ID, { signal: controller.signal }),
    );

    expect(error).toBe(reason);
    expect(Date.now() - started).toBeLessThan(300 + MARGIN_MS);
    await closedOnce(cxone);
  }, 20_000);
});
