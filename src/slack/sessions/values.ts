import { z } from 'zod';

/**
 * What the session cards' buttons and selects carry (compact JSON, validated on the way back in). Only ids
 * travel: what a click does is decided again from CXone's current state, so a forged value (another agent,
 * another reason) is checked like a typed command before anything is sent.
 */

/** Integer agent ids, as strings. */
const agentId = z.string().regex(/^\d{1,12}$/);

export const agentValueSchema = z.object({ a: agentId });
export type AgentValue = z.infer<typeof agentValueSchema>;

/** An unavailable reason picked for an agent: the reason's id (checked against the agent's team's codes). */
export const reasonValueSchema = z.object({ a: agentId, r: z.string().regex(/^\d{1,12}$/) });
export type ReasonValue = z.infer<typeof reasonValueSchema>;

/** A floor's bulk fix: the scope it was drawn for and the fix; the agents are read again at click time. */
export const floorFixValueSchema = z.object({
  t: z.string().min(1).max(100),
  f: z.enum(['make_available', 'log_in_logged_out', 'ask_logged_out', 'log_back_in_watched']),
  d: z.boolean().optional(),
});
export type FloorFixValue = z.infer<typeof floorFixValueSchema>;

export const floorValueSchema = z.object({
  t: z.string().min(1).max(100).optional(),
  all: z.boolean().optional(),
});
export type FloorValue = z.infer<typeof floorValueSchema>;

export const SESSION_ACTION = {
  refresh: 'agentstate.session.refresh',
  available: 'agentstate.session.available',
  pickReason: 'agentstate.session.pick_reason',
  unavailable: 'agentstate.session.unavailable',
  logout: 'agentstate.session.logout',
  login: 'agentstate.session.login',
  ask: 'agentstate.session.ask',
  checkAgain: 'agentstate.session.check_again',
  history: 'agentstate.session.history',
  floorRefresh: 'agentstate.session.floor_refresh',
  floorFix: 'agentstate.session.floor_fix',
} as const;
