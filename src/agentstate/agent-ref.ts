import { InvalidInputError } from '../cxone/errors';
import { idSchema } from './model';
import type { AgentRef } from './types';

/**
 * What a supervisor typed to name an agent, classified before anything is sent to CXone. Slack mentions
 * arrive here already turned into an email by the Slack layer.
 */
export type ParsedAgentRef =
  | { kind: 'id'; id: string }
  | { kind: 'email'; email: string }
  /** A user name or a fragment of a name; an exact user-name match wins over partial ones. */
  | { kind: 'name'; text: string };

const MAX_REF_LENGTH = 200;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** Hex digits and dashes with at least one dash: someone pasting an id, perhaps truncated. */
const ID_ATTEMPT = /^(?=.*-)[0-9a-f-]{8,}$/i;

export function parseAgentRef(raw: AgentRef): ParsedAgentRef {
  const text = raw.trim();
  if (text === '') throw new InvalidInputError('an agent id, email, user name or name is required', 'agent');
  if (text.length > MAX_REF_LENGTH)
    throw new InvalidInputError(`the agent reference is longer than ${MAX_REF_LENGTH} characters`, 'agent');
  if (CONTROL_CHARS.test(text))
    throw new InvalidInputError('the agent reference contains control characters', 'agent');
  if (idSchema.safeParse(text).success) return { kind: 'id', id: text };
  // Caught here so a mistyped id gets a clear message instead of a name search that finds nothing.
  if (ID_ATTEMPT.test(text))
    throw new InvalidInputError(
      `"${text}" looks like an agent id but is not a valid UUID (8-4-4-4-12 hex digits)`,
      'agent',
    );
  if (text.includes('@')) return { kind: 'email', email: text };
  return { kind: 'name', text };
}
