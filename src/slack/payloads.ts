import { z } from 'zod';

/**
 * What buttons and modals carry between a card and the click that comes back. Slack returns the value
 * verbatim (max 2000 chars for a button, 3000 for private_metadata), so it is compact JSON with short keys,
 * validated with zod on the way back in: a stale or tampered value is refused, never half-used.
 */

const id = z.guid();

/** A login target as ids; anything absent falls back to the service defaults. */
const targetShape = { s: id.optional(), st: id.optional(), ac: id.optional() };

export const loginValueSchema = z.object({ a: id, ...targetShape });
export type LoginValue = z.infer<typeof loginValueSchema>;

export const switchValueSchema = z.object({ a: id, f: id, ...targetShape });
export type SwitchValue = z.infer<typeof switchValueSchema>;

/** Valid state definitions to offer in the modal (from a not_visible outcome): [id, name] pairs. */
const statesShape = z.array(z.tuple([id, z.string().max(80)])).max(20);

export const modalValueSchema = z.object({ a: id, ...targetShape, vs: statesShape.optional() });
export type ModalValue = z.infer<typeof modalValueSchema>;

/** `s` is a skill id or name as typed in `/agentstate logout <agent> <skill>`; absent = every skill. */
export const logoutValueSchema = z.object({ a: id, s: z.string().max(100).optional() });
export type LogoutValue = z.infer<typeof logoutValueSchema>;

/** The subcommands a picked candidate continues (a plain pick shows the status card). */
export const PICK_COMMANDS = ['diagnose', 'history', 'login', 'logout', 'watch'] as const;
export type PickCommand = (typeof PICK_COMMANDS)[number];

/**
 * A candidate of "matches N agents": the agent, and the command that was typed, so picking continues it
 * (`c`) with its argument (`x`: the skill as typed for login/logout, the channel id for watch).
 */
export const pickAgentValueSchema = z
  .object({
    a: id,
    d: z.boolean().optional(),
    c: z.enum(PICK_COMMANDS).optional(),
    x: z.string().min(1).max(100).optional(),
  })
  .refine((v) => v.c !== 'watch' || (v.x !== undefined && /^[CGD][A-Z0-9]+$/.test(v.x)), {
    message: 'a watch continues in a channel',
  })
  .refine((v) => v.x === undefined || v.c === 'login' || v.c === 'logout' || v.c === 'watch', {
    message: 'only login, logout and watch carry an argument',
  });
export type PickAgentValue = z.infer<typeof pickAgentValueSchema>;

/** The outcomes of a state change that can be shared, each worded by the app (blocks/share.ts). */
export const SHARED_OUTCOMES = [
  'verified',
  'already_logged_in',
  'conflict',
  'not_visible',
  'logged_out',
  'not_logged_in',
  'not_confirmed',
] as const;

/**
 * Share re-renders the card fresh for the channel (an ephemeral message's blocks are not sent back). The
 * value holds ids and an outcome only, never text: whatever a forged value says, the app writes the
 * message in its own words, with names it reads from CXone.
 */
export const shareValueSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('status'), a: id }),
  z.object({ k: z.literal('diagnose'), a: id }),
  z.object({ k: z.literal('skills') }),
  z.object({
    k: z.literal('change'),
    a: id,
    o: z.enum(SHARED_OUTCOMES),
    /** The skills involved: logged in to, targeted, or logged out of. */
    s: z.array(id).max(20).optional(),
    ac: id.optional(),
    /** The conflicting skill of a 409. */
    f: id.optional(),
    /** Verify time in ms. */
    ms: z.number().int().min(0).max(3_600_000).optional(),
  }),
]);
export type ShareValue = z.infer<typeof shareValueSchema>;

/**
 * The login modal remembers the agent, and the response_url and channel of the message it should update
 * (the channel lets a successor process report the outcome there after a crash).
 */
export const modalMetadataSchema = z.object({
  a: id,
  ru: z.url().optional(),
  c: z
    .string()
    .regex(/^[CGD][A-Z0-9]+$/)
    .optional(),
});
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

export function encode(value: object): string {
  return JSON.stringify(value);
}

/** Parses and validates; undefined for anything malformed. */
export function decode<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
