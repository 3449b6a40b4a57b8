import type {
  Activity,
  AgentPage,
  AgentState,
  BulkStates,
  LoginRequest,
  Skill,
  StateDefinition,
  TokenInfo,
} from './model';

/**
 * What the use cases need from CXone. Implemented by `cxone/client.ts` over HTTP; every method throws a
 * `CxoneError` subclass (see `cxone/errors.ts`) on failure, never a transport-specific error.
 */
export interface CxonePort {
  /**
   * Obtains (or reuses) a token and reports what it grants. Throws AuthError when credentials are wrong.
   * `retry: false` makes one attempt only (a readiness probe that must not multiply requests).
   */
  tokenInfo(opts?: { retry?: boolean }): Promise<TokenInfo>;
  /** `GET /api/v2/agents`: `search` matches id, email, user name, first or last name. */
  searchAgents(query: { search?: string; page?: number; pageSize?: number }): Promise<AgentPage>;
  /**
   * `GET /api/v2/agents/{agentId}/states`; `[]` when not logged in. NotFoundError for an unknown agent.
   * `signal` carries the caller's deadline: when it fires the read is abandoned and rejects with its reason.
   */
  getAgentStates(agentId: string, opts?: ReadOptions): Promise<AgentState[]>;
  /** `GET /api/v2/agents/states[?updatedSince=]`: the bulk form used by the watcher. */
  getAllAgentStates(updatedSince?: string): Promise<BulkStates>;
  /** `POST /api/v2/agents/{agentId}/states`. Never retried blindly. ConflictError on 409. */
  loginAgent(agentId: string, body: LoginRequest): Promise<AgentState>;
  /** `DELETE /api/v2/agents/{agentId}/states/{stateId}`. NotFoundError when not logged in with that state. */
  logoutAgent(agentId: string, stateId: string): Promise<void>;
  /** `GET /api/v2/skills`. */
  listSkills(): Promise<Skill[]>;
  /** `GET /api/v2/skills/{skillId}/states`. NotFoundError for an unknown skill. */
  listSkillStates(skillId: string): Promise<StateDefinition[]>;
  /** `GET /api/v2/activities`. */
  listActivities(): Promise<Activity[]>;
}

/** How a caller bounds one read (its verify window, a shutdown). */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** Time, injectable so tests run verification loops without sleeping. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
