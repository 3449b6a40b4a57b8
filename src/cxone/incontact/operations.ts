import { ZodError, type z } from 'zod';
import type { Clock } from '../../agentstate/ports';
import type { AgentStatus } from '../../agentstate/sessions/model';
import type { SessionCxonePort } from '../../agentstate/sessions/port';
import { InvalidInputError, InvalidResponseError, NotFoundError } from '../errors';
import { invalidResponseError } from '../map-error';
import type { CallInput } from '../request';
import { endpointOf } from '../routes';
import { requireInteger, requireIsoDateTime } from '../validate';
import { SET_STATE_ENCODING } from './assumptions';
import { readAllPages } from './paging';
import { type IncontactRoute, INCONTACT_ROUTES as ROUTES } from './routes';
import {
  agentListSchema,
  agentPageSchema,
  agentSkillListSchema,
  agentStateListSchema,
  agentStateSchema,
  anyBody,
  bulkStatesEnvelopeSchema,
  orEmpty,
  sessionStartedSchema,
  skillListSchema,
  stateHistorySchema,
  teamReasonListSchema,
  tenantReasonListSchema,
} from './schemas';
import {
  toAgent,
  toAgentSkill,
  toAgentStatus,
  toHistoryEntry,
  toSkill,
  toTeamReason,
  toTenantReason,
} from './translate';
import {
  requireAgentId,
  requireDate,
  requireIntegerAgentId,
  requireIntegerId,
  requireStation,
} from './validate';

type Call = <S extends z.ZodType>(route: IncontactRoute, input: CallInput, schema: S) => Promise<z.output<S>>;

type Operations = Omit<SessionCxonePort, 'tokenInfo' | 'connection'>;

/**
 * The port's reads and changes, one CXone call each (or one per page). Ids are checked before any request;
 * list endpoints that answer 204 with no body read as empty lists.
 */
export function createOperations({ call, clock }: { call: Call; clock: Clock }): Operations {
  return {
    async searchAgents({ search, skip, top }) {
      const query: Record<string, string | number> = {};
      if (search !== undefined) query.searchString = search;
      if (skip !== undefined) query.skip = requireInteger('skip', skip, 0);
      if (top !== undefined) query.top = requireInteger('top', top, 1);
      const page = await call(ROUTES.searchAgents, { query }, orEmpty(agentPageSchema, { agents: [] }));
      return {
        agents: page.agents.map(toAgent),
        total: page.totalRecords ?? page.agents.length,
        hidden: page.hiddenAgents,
      };
    },

    async getAgent(agentId) {
      const id = requireAgentId(agentId);
      const { agents } = await call(
        ROUTES.agent,
        { params: { agentId: id } },
        orEmpty(agentListSchema, { agents: [] }),
      );
      const wire = agents.find((a) => a.agentId === id || a.userID === id) ?? agents[0];
      if (wire === undefined) {
        throw new NotFoundError(`${endpointOf(ROUTES.agent)}: CXone listed no agent ${id}`, 'agent', id, {
          endpoint: endpointOf(ROUTES.agent),
        });
      }
      return toAgent(wire);
    },

    async getAgentState(agentId, opts) {
      const id = requireAgentId(agentId);
      const signal = opts?.signal;
      const { agentStates } = await call(
        ROUTES.agentState,
        { params: { agentId: id }, ...(signal ? { signal } : {}) },
        agentStateListSchema,
      );
      const wire = agentStates.find((s) => s.agentId === id) ?? agentStates[0];
      if (wire === undefined) {
        // The doc promises a state for every agent (LoggedOut when there is no session); none is a break
        // of that contract, not a state this app can show.
        const endpoint = endpointOf(ROUTES.agentState);
        throw new InvalidResponseError(
          `${endpoint}: CXone returned no state for agent ${id}`,
          ['agentStates'],
          {
            endpoint,
            body: { agentStates },
          },
        );
      }
      return toAgentStatus(wire);
    },

    async getAllAgentStates(updatedSince, opts) {
      const since = updatedSince === undefined ? undefined : requireIsoDateTime('updatedSince', updatedSince);
      const askedAt = new Date(clock.now()).toISOString();
      const endpoint = endpointOf(ROUTES.allAgentStates);
      const pages = await readAllPages(
        endpoint,
        ({ skip, top }) =>
          call(
            ROUTES.allAgentStates,
            { query: { ...(since === undefined ? {} : { updatedSince: since }), skip, top } },
            // 204 and 304 carry no body: both are "no change", like a 200 with an empty list.
            orEmpty(bulkStatesEnvelopeSchema, {}),
          ),
        (page) => page.agentStates?.length ?? 0,
      );
      const wanted = opts?.agentIds;
      const states: AgentStatus[] = [];
      for (const page of pages) {
        for (const [i, item] of (page.agentStates ?? []).entries()) {
          // Only the agents asked for are checked and kept; the others are not read at all.
          if (wanted && !wanted.has(String((item as { agentId?: unknown } | null)?.agentId))) continue;
          const parsed = agentStateSchema.safeParse(item);
          if (!parsed.success) {
            // Named as in the whole answer (`agentStates.3.agentId`), like any other shape problem.
            const issues = parsed.error.issues.map((issue) => ({
              ...issue,
              path: ['agentStates', i, ...issue.path],
            }));
            throw invalidResponseError(new ZodError(issues), page, 200, {}, endpoint);
          }
          states.push(toAgentStatus(parsed.data));
        }
      }
      if (since !== undefined && states.length === 0) {
        return { states, unchanged: true, lastPollTime: since };
      }
      // The first page's poll time: a change made while later pages were read is then read again next
      // time rather than missed. Without one, the previous watermark (safe) or, on a first read, our clock.
      const lastPollTime = pages[0]?.lastPollTime ?? since ?? askedAt;
      return { states, unchanged: false, lastPollTime };
    },

    async listSkills() {
      const pages = await readAllPages(
        endpointOf(ROUTES.skills),
        ({ skip, top }) =>
          call(ROUTES.skills, { query: { skip, top } }, orEmpty(skillListSchema, { skills: [] })),
        (page) => page.skills.length,
      );
      return pages.flatMap((page) => page.skills.map(toSkill));
    },

    async getAgentSkills(agentId) {
      const params = { agentId: requireAgentId(agentId) };
      const body = await call(
        ROUTES.agentSkills,
        { params },
        orEmpty(agentSkillListSchema, { agentSkillAssignments: [] }),
      );
      return body.agentSkillAssignments.map(toAgentSkill);
    },

    async listTeamReasons(teamId) {
      const params = { teamId: requireIntegerId('teamId', teamId) };
      const body = await call(
        ROUTES.teamReasons,
        { params },
        orEmpty(teamReasonListSchema, { unavailableCodes: [] }),
      );
      return body.unavailableCodes.map(toTeamReason);
    },

    async listReasons() {
      const body = await call(ROUTES.reasons, {}, orEmpty(tenantReasonListSchema, { unavailableCodes: [] }));
      return body.unavailableCodes.map(toTenantReason);
    },

    async getStateHistory(agentId, range) {
      const params = { agentId: requireAgentId(agentId) };
      const startDate = requireDate('start', range.start);
      const endDate = requireDate('end', range.end);
      if (range.end.getTime() < range.start.getTime()) {
        throw new InvalidInputError(
          `the history range ends (${endDate}) before it starts (${startDate})`,
          'end',
        );
      }
      const body = await call(
        ROUTES.stateHistory,
        { params, query: { startDate, endDate } },
        orEmpty(stateHistorySchema, { agentStateHistory: [] }),
      );
      return body.agentStateHistory.map(toHistoryEntry);
    },

    async setAgentState(agentId, change) {
      const params = { agentId: requireAgentId(agentId) };
      const fields: Record<string, string> = {};
      if (change.state === 'Available') {
        fields.state = 'Available';
      } else if (change.state === 'Unavailable') {
        fields.state = 'Unavailable';
        if (change.reasonId !== undefined) fields.outStateId = requireIntegerId('reasonId', change.reasonId);
      } else {
        const state: unknown = (change as { state?: unknown }).state;
        throw new InvalidInputError(
          `state must be Available or Unavailable, got ${JSON.stringify(state)}`,
          'state',
        );
      }
      const data =
        SET_STATE_ENCODING === 'form'
          ? new URLSearchParams(fields)
          : { ...fields, ...(fields.outStateId ? { outStateId: Number(fields.outStateId) } : {}) };
      await call(ROUTES.setAgentState, { params, data }, anyBody);
    },

    async forceLogout(agentId) {
      const params = { agentId: requireAgentId(agentId) };
      await call(ROUTES.forceLogout, { params }, anyBody);
    },

    async startSessionAs(agentId, station) {
      const asAgentId = Number(requireIntegerAgentId(agentId));
      const data = { ...requireStation(station), asAgentId };
      const { sessionId } = await call(ROUTES.startSession, { data }, sessionStartedSchema);
      return { sessionId };
    },
  };
}
