import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Sleep = (ms: number) => Promise<void>;
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `makeHandler(sleep)` on host:port. Latency and fault delays go through `sleep`, whose timers
 * close() clears, so a hanging request cannot hold up shutdown.
 */
export async function listen(
  makeHandler: (sleep: Sleep) => RequestHandler,
  opts: { port?: number; host?: string },
): Promise<Listening> {
  const timers = new Set<NodeJS.Timeout>();
  const sleep: Sleep = (ms) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = makeHandler(sleep);
  const server = createServer({ noDelay: true }, (req, res) => void handle(req, res));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A wildcard bind address is not something a client can dial; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
