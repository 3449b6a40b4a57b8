import { z } from 'zod';
import { AGENT_STATE_NAMES } from './types';

/** Bodies of the incontact /__sim/ controls (the shared ones validate themselves). */

const nonNegative = z.number().int().min(0);

export const runtimeConfigSchema = z
  .object({
    propagationDelayMs: nonNegative,
    latencyMs: nonNegative,
    tokenTtlSeconds: nonNegative,
    noChangeStatus: z.union([z.literal(200), z.literal(204), z.literal(304)]),
    sessionInProgressStatus: z.union([z.literal(409), z.literal(400)]),
  })
  .partial()
  .strict();

export const resetSchema = runtimeConfigSchema
  .extend({ seed: z.number().int(), agentCount: z.number().int().min(0).max(1_000_000) })
  .partial()
  .strict()
  .optional();

/** `reason` (a code name) or `outStateId` for Unavailable; `skillId` for contact states. */
export const forceStateSchema = z
  .object({
    state: z.enum(AGENT_STATE_NAMES),
    reason: z.string().min(1).optional(),
    outStateId: z.number().int().optional(),
    skillId: z.number().int().optional(),
  })
  .strict();
