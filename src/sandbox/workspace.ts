import { normaliseBlocks } from './blocks';

/**
 * The sandbox's in-memory Slack workspace: members, channels, messages (ephemeral ones belong to one
 * member), open modals and App Home views, and trigger ids. The Web API, the response_urls and the page
 * all read and change it; every change notifies the listeners so the page can be pushed a fresh view.
 */

export const TEAM = { id: 'T0SANDBOX', domain: 'sandbox', name: 'Sandbox' } as const;
export const APP = {
  id: 'A0AGENTSTATE',
  botId: 'B0AGENTSTATE',
  botUserId: 'U0AGENTSTATE',
  name: 'agentstate',
} as const;
export const SLACKBOT = 'USLACKBOT';

export interface SandboxUser {
  id: string;
  /** The handle typed after `@`. */
  name: string;
  realName: string;
  email?: string;
  isBot?: boolean;
  title?: string;
}

export interface Channel {
  id: string;
  name: string;
  topic?: string;
  /** A direct-message channel between the app and this member. */
  imUser?: string;
}

export interface Message {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks?: Record<string, unknown>[];
  /** Set for ephemeral messages: the only member who sees it. */
  ephemeralTo?: string;
  /** Set for a reply in a thread: the ts of the thread's parent message (Slack's `thread_ts`). */
  threadTs?: string;
  edited?: boolean;
  /** Bumped on every change so the page re-renders only what changed. */
  version: number;
}

export interface StoredView {
  id: string;
  hash: string;
  type: 'modal' | 'home';
  userId: string;
  /** The view as the app sent it, with block ids filled in the way Slack does. */
  view: Record<string, unknown>;
}

/** A trigger_id opens a modal once, within 3 seconds of the interaction that issued it. */
const TRIGGER_TTL_MS = 3000;
/** Enough history for a demo without growing forever. */
const MAX_MESSAGES_PER_CHANNEL = 200;

export class Workspace {
  readonly users = new Map<string, SandboxUser>();
  readonly channels = new Map<string, Channel>();
  readonly usergroups = new Map<string, string[]>();
  private messages: Message[] = [];
  private readonly views = new Map<string, StoredView>();
  private readonly modalOf = new Map<string, string>();
  private readonly homeOf = new Map<string, string>();
  private readonly triggers = new Map<string, { userId: string; expires: number; used: boolean }>();
  private readonly listeners = new Set<() => void>();
  private notifyQueued = false;
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Listeners run once per burst of changes (a response_url post can touch several things). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of this.listeners) listener();
    });
  }

  nextId(prefix: string): string {
    return `${prefix}${(++this.seq).toString(36).toUpperCase().padStart(6, '0')}`;
  }

  /** Slack timestamps are unique per channel and sort by time: seconds, a dot, six digits. */
  private nextTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
  }

  addUser(user: SandboxUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: Channel): void {
    this.channels.set(channel.id, channel);
  }

  isMember(userId: string): boolean {
    const user = this.users.get(userId);
    return Boolean(user && !user.isBot);
  }

  /** The app's direct-message channel with a member, opened on first use (what chat.postMessage to a user id does). */
  imWith(userId: string): Channel {
    const id = `D${userId.slice(1)}`;
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, name: APP.name, imUser: userId };
      this.channels.set(id, channel);
    }
    return channel;
  }

  channelsFor(userId: string): Channel[] {
    return [...this.channels.values()].filter((c) => !c.imUser || c.imUser === userId);
  }

  post(input: Omit<Message, 'ts' | 'version'>): Message {
    const message: Message = { ...input, ts: this.nextTs(), version: 1 };
    if (input.blocks) message.blocks = normaliseBlocks(input.blocks);
    this.messages.push(message);
    const inChannel = this.messages.filter((m) => m.channel === input.channel);
    if (inChannel.length > MAX_MESSAGES_PER_CHANNEL) {
      const oldest = inChannel[0];
      this.messages = this.messages.filter((m) => m !== oldest);
    }
    this.changed();
    return message;
  }

  message(channel: string, ts: string): Message | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /**
   * The parent of the thread a reply to `ts` belongs to: the message itself, or the parent when `ts` is
   * already a reply (Slack threads are one level deep). Undefined when there is no such message or only
   * its member sees it (an ephemeral message cannot start a thread).
   */
  threadParent(channel: string, ts: string): Message | undefined {
    const message = this.message(channel, ts);
    if (!message || message.ephemeralTo) return undefined;
    return message.threadTs ? this.message(channel, message.threadTs) : message;
  }

  update(message: Message, patch: { text: string; blocks?: Record<string, unknown>[] }): Message {
    message.text = patch.text;
    message.blocks = patch.blocks ? normaliseBlocks(patch.blocks) : undefined;
    message.edited = !message.ephemeralTo;
    message.version++;
    this.changed();
    return message;
  }

  remove(message: Message): void {
    this.messages = this.messages.filter((m) => m !== message);
    this.changed();
  }

  visibleTo(userId: string): Message[] {
    const channels = new Set(this.channelsFor(userId).map((c) => c.id));
    return this.messages.filter(
      (m) => channels.has(m.channel) && (!m.ephemeralTo || m.ephemeralTo === userId),
    );
  }

  issueTrigger(userId: string): string {
    const id = `${this.nextId('')}.${Math.floor(this.now())}.sandbox`;
    this.triggers.set(id, { userId, expires: this.now() + TRIGGER_TTL_MS, used: false });
    return id;
  }

  /** The member a trigger_id belongs to, or the error Slack would answer views.open with. */
  redeemTrigger(id: string): { userId: string } | { error: string } {
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'trigger_exchanged' };
    if (trigger.expires < this.now()) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return { userId: trigger.userId };
  }

  openModal(userId: string, view: Record<string, unknown>): StoredView {
    const stored = this.storeView(this.nextId('V'), 'modal', userId, view);
    this.modalOf.set(userId, stored.id);
    return stored;
  }

  publishHome(userId: string, view: Record<string, unknown>): StoredView {
    const stored = this.storeView(this.homeOf.get(userId) ?? this.nextId('V'), 'home', userId, view);
    this.homeOf.set(userId, stored.id);
    return stored;
  }

  view(id: string): StoredView | undefined {
    return this.views.get(id);
  }

  updateView(id: string, view: Record<string, unknown>): StoredView {
    const current = this.views.get(id)!;
    return this.storeView(id, current.type, current.userId, view);
  }

  /** Closing forgets the view: a later views.update on it answers not_found, as Slack does. */
  closeModal(userId: string): void {
    const id = this.modalOf.get(userId);
    if (!id) return;
    this.modalOf.delete(userId);
    this.views.delete(id);
    this.changed();
  }

  modalFor(userId: string): StoredView | undefined {
    const id = this.modalOf.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  homeFor(userId: string): StoredView | undefined {
    const id = this.homeOf.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  private storeView(
    id: string,
    type: StoredView['type'],
    userId: string,
    view: Record<string, unknown>,
  ): StoredView {
    const blocks = Array.isArray(view.blocks) ? normaliseBlocks(view.blocks) : [];
    const stored: StoredView = { id, hash: this.nextId('h'), type, userId, view: { ...view, blocks } };
    this.views.set(id, stored);
    this.changed();
    return stored;
  }
}
