import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { AgentDesk } from './agent-desk';
import { type AppLink, createAppLink } from './app-link';
import { type PageConfig, PageStreams } from './page-stream';
import { ResponseUrls } from './response-urls';
import { createRouter } from './routes';
import { publicDir } from './static-files';
import type { UiContext } from './ui-context';
import type { Workspace } from './workspace';

/**
 * The sandbox's HTTP server (node:http): the Slack Web API, response_urls and the page (see routes.ts).
 * Requests to the app go through `connectApp(url)`, called once the app listens: the app needs the
 * sandbox's URL (SLACK_API_URL) before it can start.
 */

export interface SandboxServerOptions {
  workspace: Workspace;
  page: PageConfig;
  /** The bot token the app was given; Web API calls with another one answer invalid_auth. */
  botToken: string;
  signingSecret: string;
  /** Default 0 (a free port). */
  port?: number;
  host?: string;
  logger?: Logger;
  now?: () => number;
  /** The agents' side of CXone, for a sandbox whose agents log in themselves (incontact). */
  desk?: AgentDesk;
}

export interface SandboxServer {
  url: string;
  port: number;
  /** SLACK_API_URL for the app. */
  apiUrl: string;
  workspace: Workspace;
  connectApp(eventsUrl: string): void;
  close(): Promise<void>;
}

export async function startSandboxServer(opts: SandboxServerOptions): Promise<SandboxServer> {
  const ws = opts.workspace;
  const now = opts.now ?? Date.now;
  const urls = new ResponseUrls(ws, now);
  const streams = new PageStreams(ws, opts.page, opts.desk);
  let link: AppLink | undefined;
  let baseUrl = '';
  const ctx: UiContext = {
    ws,
    urls,
    link: () => link,
    responseUrl: (token) => `${baseUrl}/response/${token}`,
    now,
    ...(opts.desk ? { desk: opts.desk } : {}),
  };
  const server = createServer(
    createRouter({
      ctx,
      streams,
      page: opts.page,
      botToken: opts.botToken,
      root: publicDir(),
      logger: opts.logger,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;

  return {
    url: baseUrl,
    port,
    apiUrl: `${baseUrl}/api/`,
    workspace: ws,
    connectApp(eventsUrl) {
      link = createAppLink({ url: eventsUrl, signingSecret: opts.signingSecret, now });
    },
    async close() {
      streams.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
