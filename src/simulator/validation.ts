import { z } from 'zod';
import { fail } from './http';

/** Turns a zod failure into the contract's 400 `{error:"bad_request", message}`, naming every field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const message = result.error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
  throw fail(400, 'bad_request', message);
}

const nonNegative = z.number().int().min(0);

/** UUIDs compare case-insensitively; the tenant stores them lower-case. */
const uuid = z.guid().transform((s) => s.toLowerCase());

export const loginBodySchema = z.object({ skillId: uuid, stateId: uuid, activityId: uuid });

export const runtimeConfigSchema = z
  .object({ propagationDelayMs: nonNegative, latencyMs: nonNegative, tokenTtlSeconds: nonNegative })
  .partial()
  .strict();

export const resetSchema = runtimeConfigSchema
  .extend({ seed: z.number().int(), agentCount: z.number().int().min(0).max(1_000_000) })
  .partial()
  .strict()
  .optional();

export const setStatesSchema = z.object({
  states: z.array(z.object({ skillId: z.string(), activityId: z.string().optional() })),
});

export const faultsSchema = z.object({
  rules: z.array(
    z
      .object({
        method: z.string().optional(),
        path: z.string().optional(),
        status: z.number().int().min(100).max(599).optional(),
        times: z.number().int().min(1).default(1),
        retryAfter: z.union([z.string(), z.number().transform(String)]).optional(),
        delayMs: nonNegative.optional(),
      })
      .refine((r) => r.status !== undefined || r.delayMs !== undefined, 'a rule needs a status or a delayMs'),
  ),
});
