import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { APP, type Workspace } from './workspace';

/**
 * `response_url`s as Slack implements them: one per slash command or message interaction, bound to the
 * channel, the member and (for a click) the message clicked; at most five posts within 30 minutes.
 * A post adds a message (ephemeral unless `response_type: in_channel`), replaces the original
 * (`replace_original`, which keeps an ephemeral message ephemeral) or deletes it (`delete_original`).
 * For a slash command the "original" is the last message sent through the same URL.
 */

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

interface Binding {
  channel: string;
  userId: string;
  /** The message this URL replaces or deletes; for a command, set by its first post. */
  originalTs?: string;
  /** For a click on a reply in a thread: new messages go to that thread, as in Slack. */
  threadTs?: string;
  uses: number;
  expires: number;
}

const bodySchema = z.object({
  text: z.string().optional(),
  blocks: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
  delete_original: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
});

export interface ResponseUrlAnswer {
  status: number;
  body: { ok: boolean; error?: string };
}

const flag = (v: boolean | string | undefined) => v === true || v === 'true';

export class ResponseUrls {
  private readonly bindings = new Map<string, Binding>();

  constructor(
    private readonly ws: Workspace,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the token to put after `/response/` in the URL. */
  issue(binding: { channel: string; userId: string; originalTs?: string; threadTs?: string }): string {
    const token = `${this.ws.nextId('R')}${randomBytes(6).toString('hex')}`;
    this.bindings.set(token, { ...binding, uses: 0, expires: this.now() + RESPONSE_URL_TTL_MS });
    return token;
  }

  post(token: string, raw: unknown): ResponseUrlAnswer {
    const binding = this.bindings.get(token);
    if (!binding) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (binding.expires < this.now()) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (binding.uses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    const parsed = bodySchema.safeParse(raw);
    if (!parsed.success) return { status: 400, body: { ok: false, error: 'invalid_blocks' } };
    const body = parsed.data;
    if (!flag(body.delete_original) && !body.text && !body.blocks?.length)
      return { status: 400, body: { ok: false, error: 'no_text' } };
    binding.uses++;
    this.apply(binding, body);
    return { status: 200, body: { ok: true } };
  }

  private apply(binding: Binding, body: z.infer<typeof bodySchema>): void {
    const original = binding.originalTs ? this.ws.message(binding.channel, binding.originalTs) : undefined;
    if (flag(body.delete_original)) {
      if (original) this.ws.remove(original);
      return;
    }
    const content = { text: body.text ?? '', ...(body.blocks ? { blocks: body.blocks } : {}) };
    if (flag(body.replace_original) && original) {
      this.ws.update(original, content);
      return;
    }
    const inChannel = body.response_type === 'in_channel';
    const message = this.ws.post({
      channel: binding.channel,
      user: APP.botUserId,
      ...content,
      ...(inChannel ? {} : { ephemeralTo: binding.userId }),
      ...(binding.threadTs ? { threadTs: binding.threadTs } : {}),
    });
    binding.originalTs ??= message.ts;
  }
}
