import type { z } from 'zod';
import {
  type AgentSkill,
  type AgentStatus,
  type Reason,
  type SessionAgent,
  type SkillInfo,
  type StateHistoryEntry,
  stateKindOf,
} from '../../agentstate/sessions/model';
import type {
  agentSkillListSchema,
  skillListSchema,
  stateHistorySchema,
  teamReasonListSchema,
  tenantReasonListSchema,
  WireAgent,
  WireAgentState,
} from './schemas';

/** From the validated wire shapes to the session model the use cases see. Pure functions. */

type Item<T extends z.ZodType, K extends keyof z.output<T>> = z.output<T>[K] extends (infer I)[] ? I : never;

export function toAgent(wire: WireAgent): SessionAgent {
  return {
    id: wire.agentId,
    userId: wire.userID,
    firstName: wire.firstName ?? '',
    lastName: wire.lastName ?? '',
    email: wire.emailAddress ?? '',
    userName: wire.userName ?? '',
    // An agent CXone lists without saying otherwise is taken as active; only `false` marks a deactivated one.
    isActive: wire.isActive ?? true,
    teamId: wire.teamId,
    teamName: wire.teamName,
    isSupervisor: wire.isSupervisor,
    lastLogin: wire.lastLogin,
  };
}

/**
 * `outStateId` 0 is how CXone's reports write "no unavailable code"; real codes are positive. Fields that
 * only mean something in one kind of state (the reason while unavailable, the contact and its skill while
 * working) are dropped in the others, where CXone may still send leftovers.
 */
export function toAgentStatus(wire: WireAgentState): AgentStatus {
  const kind = stateKindOf(wire.state);
  const status: AgentStatus = { agentId: wire.agentId, state: wire.state, kind, since: wire.since };
  const reasonId = wire.outStateId === '0' ? undefined : wire.outStateId;
  if (kind === 'unavailable' && (reasonId !== undefined || wire.outStateDescription)) {
    status.reason = { id: reasonId, name: wire.outStateDescription ?? '' };
  }
  if (kind === 'working') {
    if (wire.contactId !== undefined && wire.contactId !== '0') status.contactId = wire.contactId;
    if (wire.skillId !== undefined) status.skill = { id: wire.skillId, name: wire.skillName ?? '' };
  }
  if (wire.stationId !== undefined || wire.stationPhoneNumber) {
    status.station = { id: wire.stationId, phone: wire.stationPhoneNumber || undefined };
  }
  if (wire.teamId !== undefined) status.team = { id: wire.teamId, name: wire.teamName ?? '' };
  const isAcw = wire.isACW ?? wire.isAcw;
  if (isAcw !== undefined) status.isAcw = isAcw;
  if (wire.firstName !== undefined || wire.lastName !== undefined) {
    status.agentName = {
      firstName: wire.firstName ?? '',
      lastName: wire.lastName ?? '',
      userName: wire.userName,
    };
  }
  if (wire.isActive !== undefined) status.isActive = wire.isActive;
  return status;
}

export function toSkill(wire: Item<typeof skillListSchema, 'skills'>): SkillInfo {
  return {
    id: wire.skillId,
    name: wire.skillName,
    isActive: wire.isActive ?? true,
    mediaType: wire.mediaTypeName,
  };
}

/** An assignment counts as active only when both it and the skill are (CXone reports them separately). */
export function toAgentSkill(wire: Item<typeof agentSkillListSchema, 'agentSkillAssignments'>): AgentSkill {
  return {
    id: wire.skillId,
    name: wire.skillName,
    isActive: (wire.isActive ?? true) && (wire.isSkillActive ?? true),
    proficiency: wire.agentProficiencyValue,
  };
}

export function toTeamReason(wire: Item<typeof teamReasonListSchema, 'unavailableCodes'>): Reason {
  return {
    id: wire.outstateId,
    name: wire.outstateName,
    isActive: wire.isActive ?? true,
    isAcw: wire.isAcw ?? wire.isACW ?? false,
  };
}

export function toTenantReason(wire: Item<typeof tenantReasonListSchema, 'unavailableCodes'>): Reason {
  return {
    id: wire.id,
    name: wire.name,
    isActive: wire.isActive ?? true,
    isAcw: wire.isACW ?? wire.isAcw ?? false,
  };
}

export function toHistoryEntry(
  wire: Item<typeof stateHistorySchema, 'agentStateHistory'>,
): StateHistoryEntry {
  return {
    start: wire.startDate,
    state: wire.agentStateName,
    reason: wire.outStateDescription || undefined,
    durationSeconds: durationSeconds(wire.duration),
    sessionId: wire.agentSessionId,
    stationId: wire.stationId,
    stationName: wire.stationName,
  };
}

/** Seconds as a number or numeric text, or `[d.]hh:mm:ss`; anything else is left out rather than guessed. */
function durationSeconds(duration: number | string | undefined): number | undefined {
  if (typeof duration === 'number') return duration;
  if (duration === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(duration)) return Number(duration);
  const match = /^(?:(\d+)\.)?(\d+):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(duration);
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return Number(days) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
}
