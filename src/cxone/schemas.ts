import { z } from 'zod';
import {
  activitySchema,
  agentSchema,
  agentStateSchema,
  idSchema,
  skillSchema,
  stateDefinitionSchema,
} from '../agentstate/model';

/**
 * Wire envelopes of the CXone contract (DESIGN.md, "The CXone contract"). Entities come from the domain
 * model so they are defined once; these only add the wrapping each endpoint puts around them.
 * `z.object` strips unknown keys, so extra fields CXone adds later are accepted and dropped.
 */

/** `POST /oauth/token` 200. `scope` is space-separated, e.g. `Agent-Read Agent-Write Skills-Read`. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  scope: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** `GET /api/v2/agents` 200. */
export const agentPageSchema = z.object({
  entities: z.array(agentSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

/** `GET /api/v2/agents/{agentId}/states` 200; `[]` when the agent is not logged in to any skill. */
export const agentStatesSchema = z.object({ states: z.array(agentStateSchema) });

/** `GET /api/v2/agents/states` 200: the bulk form polled by the watcher. */
export const bulkStatesSchema = z.object({
  states: z.array(agentStateSchema),
  removed: z.array(idSchema),
  lastPollTime: z.iso.datetime({ offset: true }),
});

/** `POST /api/v2/agents/{agentId}/states` 201. */
export const loginResponseSchema = z.object({ state: agentStateSchema });

export const skillListSchema = z.object({ entities: z.array(skillSchema) });
export const stateDefinitionListSchema = z.object({ entities: z.array(stateDefinitionSchema) });
export const activityListSchema = z.object({ entities: z.array(activitySchema) });

/**
 * Error bodies. API routes answer `{error, message}`, the token endpoint the OAuth form
 * `{error, error_description}`; 409s may name the conflicting skill as `skillId`. Everything is optional
 * because an error body is only read for a better message, never trusted to be there.
 */
export const errorBodySchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  error_description: z.string().optional(),
  skillId: z.string().optional(),
  conflictingSkillId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function parseErrorBody(body: unknown): ErrorBody {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data : {};
}
