import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AgentDesk, deskAgentOf } from './agent-desk';
import { viewJson } from './web-api';
import { APP, type Message, TEAM, type Workspace } from './workspace';

/**
 * Pushes the workspace to the page with server-sent events: on connect and after every change, each
 * open page gets everything its member may see (ephemeral messages only for their member). A whole
 * snapshot per change keeps the page free of merge logic; the page re-renders only what changed.
 */

/** The identities the page's switch toggles between: a supervisor, a member, and (incontact) agents. */
export interface Actor {
  userId: string;
  role: 'supervisor' | 'member' | 'agent';
}

/** A command the page offers to fill in, with what it shows. */
export interface Hint {
  command: string;
  note: string;
}

/** What the page needs besides the workspace: who the switch toggles between, and what to try. */
export interface PageConfig {
  actors: readonly Actor[];
  hints: readonly Hint[];
}

/** Proxies and idle timeouts drop silent connections; a comment line every so often keeps it open. */
const KEEPALIVE_MS = 15_000;

interface ThreadSummary {
  replyCount: number;
  replyUsers: string[];
  latestReply: string;
}

/**
 * What Slack shows under a thread's parent (`reply_count`, `reply_users`, `latest_reply` in its API):
 * replies everyone sees; an ephemeral reply shows in the thread only, and does not count.
 */
function threadSummaries(messages: readonly Message[]): Map<string, ThreadSummary> {
  const out = new Map<string, ThreadSummary>();
  for (const m of messages) {
    if (!m.threadTs || m.ephemeralTo) continue;
    const key = `${m.channel}/${m.threadTs}`;
    const summary = out.get(key) ?? { replyCount: 0, replyUsers: [], latestReply: m.ts };
    summary.replyCount++;
    if (!summary.replyUsers.includes(m.user)) summary.replyUsers.push(m.user);
    summary.latestReply = m.ts;
    out.set(key, summary);
  }
  return out;
}

/** Slack's ts order: seconds, then the sequence after the dot. */
function byTs(a: { ts: string }, b: { ts: string }): number {
  const [as, aseq] = a.ts.split('.').map(Number) as [number, number];
  const [bs, bseq] = b.ts.split('.').map(Number) as [number, number];
  return as - bs || aseq - bseq;
}

/**
 * A thread whose parent is gone keeps a stand-in where the parent was, as Slack's history does (a
 * "tombstone": "This message was deleted."), so its replies can still be opened.
 */
function tombstones(visible: readonly Message[], threads: Map<string, ThreadSummary>) {
  const present = new Set(visible.map((m) => `${m.channel}/${m.ts}`));
  return [...threads]
    .filter(([key]) => !present.has(key))
    .map(([key, summary]) => {
      const [channel, ts] = key.split('/') as [string, string];
      return {
        ts,
        channel,
        user: '',
        text: 'This message was deleted.',
        blocks: null,
        ephemeral: false,
        edited: false,
        version: 0,
        threadTs: null,
        tombstone: true,
        ...summary,
      };
    });
}

export function snapshot(ws: Workspace, userId: string, page: PageConfig, desk?: AgentDesk) {
  const modal = ws.modalFor(userId);
  const home = ws.homeFor(userId);
  const visible = ws.visibleTo(userId);
  const threads = threadSummaries(visible);
  return {
    me: userId,
    team: TEAM,
    app: APP,
    ...page,
    users: [...ws.users.values()].map((u) => ({
      id: u.id,
      name: u.name,
      realName: u.realName,
      isBot: Boolean(u.isBot),
      ...(u.email ? { email: u.email } : {}),
    })),
    channels: ws
      .channelsFor(userId)
      .map((c) => ({ id: c.id, name: c.name, topic: c.topic ?? '', im: Boolean(c.imUser) })),
    messages: [
      ...visible.map((m) => ({
        ts: m.ts,
        channel: m.channel,
        user: m.user,
        text: m.text,
        blocks: m.blocks ?? null,
        ephemeral: Boolean(m.ephemeralTo),
        edited: Boolean(m.edited),
        version: m.version,
        threadTs: m.threadTs ?? null,
        ...threads.get(`${m.channel}/${m.ts}`),
      })),
      ...tombstones(visible, threads),
    ].sort(byTs),
    modal: modal ? viewJson(modal) : null,
    home: home ? viewJson(home) : null,
    /** The CXone agent this member is, when the page offers the agent's own log-in (incontact). */
    desk: deskAgentOf(ws, desk, userId) ?? null,
  };
}

export class PageStreams {
  private readonly open = new Set<{ userId: string; res: ServerResponse }>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ws: Workspace,
    private readonly page: PageConfig,
    private readonly desk?: AgentDesk,
  ) {
    this.unsubscribe = ws.onChange(() => {
      for (const client of this.open) this.push(client);
    });
    this.timer = setInterval(() => {
      for (const client of this.open) client.res.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    this.timer.unref();
  }

  attach(req: IncomingMessage, res: ServerResponse, userId: string): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const client = { userId, res };
    this.open.add(client);
    req.on('close', () => this.open.delete(client));
    this.push(client);
  }

  private push(client: { userId: string; res: ServerResponse }): void {
    const data = JSON.stringify(snapshot(this.ws, client.userId, this.page, this.desk));
    client.res.write(`event: snapshot\ndata: ${data}\n\n`);
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const client of this.open) client.res.end();
    this.open.clear();
  }
}
