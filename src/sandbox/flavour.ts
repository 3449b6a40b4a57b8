import type { Env } from '../config';
import type { AgentDesk } from './agent-desk';
import type { Actor, Hint } from './page-stream';
import type { Workspace } from './workspace';

/**
 * What differs between a sandbox on the tutorial's API (v2) and one on a real tenant's (incontact): who is
 * in the workspace, who the page's switch can become, what the page suggests, whether agents log in
 * themselves on the page, and the CXONE_* variables that point the app at the simulator.
 */
export interface SandboxFlavour {
  workspace: Workspace;
  actors: readonly Actor[];
  hints: Hint[];
  desk?: AgentDesk;
  /** CXONE_* (and defaults) for the app; the caller's own variables pass through on top of `defaults`. */
  cxoneEnv: Env;
  defaults: Env;
  /** The banner's CXone lines, after "CXone". */
  cxoneLines: string[];
  /** "Agents to try": name and what to do with them. */
  agentsToTry: Array<[string, string]>;
}

/** Column of two-cell rows, the left padded to the widest. */
export function rows(pairs: ReadonlyArray<[string, string]>, indent = '  '): string[] {
  const width = Math.max(0, ...pairs.map(([left]) => left.length));
  return pairs.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}
