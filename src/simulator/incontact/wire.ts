import type { Catalog } from './catalog';
import { ABSENT } from './decisions';
import {
  AGENT_STATE_IDS,
  type IcAgent,
  type IcSkill,
  type IcUnavailableCode,
  type StateEntry,
} from './types';

/** Field names and shapes exactly as CXONE-INCONTACT.md lists them; ids are integers, times ISO 8601. */

const iso = (ms: number) => new Date(ms).toISOString();

export function agentJson(catalog: Catalog, agent: IcAgent) {
  return {
    agentId: agent.agentId,
    userID: agent.userId,
    userName: agent.userName,
    firstName: agent.firstName,
    lastName: agent.lastName,
    emailAddress: agent.email,
    isActive: agent.isActive,
    teamId: agent.teamId,
    teamName: catalog.teamById.get(agent.teamId)?.teamName ?? ABSENT.text,
    isSupervisor: agent.isSupervisor,
    lastLogin: agent.lastLogin === undefined ? ABSENT.text : iso(agent.lastLogin),
  };
}

/** One agent's state; the bulk form (`GET /agents/states`) adds the agent's names and `isActive`. */
export function agentStateJson(catalog: Catalog, agent: IcAgent, entry: StateEntry, bulk: boolean) {
  const code = entry.outStateId === undefined ? undefined : catalog.codeById.get(entry.outStateId);
  const skill = entry.contact ? catalog.skillById.get(entry.contact.skillId) : undefined;
  const station = entry.stationId === undefined ? undefined : catalog.stationById.get(entry.stationId);
  const loggedOut = entry.state === 'LoggedOut';
  return {
    agentId: agent.agentId,
    ...(bulk
      ? {
          firstName: agent.firstName,
          lastName: agent.lastName,
          userName: agent.userName,
          isActive: agent.isActive,
        }
      : {}),
    agentStateId: AGENT_STATE_IDS[entry.state],
    agentStateName: entry.state,
    startDate: iso(entry.at),
    outStateId: code?.id ?? ABSENT.id,
    outStateDescription: code?.name ?? ABSENT.text,
    isACW: code?.isAcw ?? false,
    skillId: skill?.skillId ?? ABSENT.skillId,
    skillName: skill?.skillName ?? ABSENT.text,
    contactId: entry.contact?.contactId ?? ABSENT.id,
    isOutbound: skill?.isOutbound ?? false,
    mediaName: skill?.mediaTypeName ?? ABSENT.text,
    // A logged-out agent is at no station, even though the entry remembers the session's.
    stationId: loggedOut ? ABSENT.id : (station?.stationId ?? ABSENT.id),
    stationPhoneNumber: loggedOut ? ABSENT.text : (station?.phoneNumber ?? ABSENT.text),
    teamId: agent.teamId,
    teamName: catalog.teamById.get(agent.teamId)?.teamName ?? ABSENT.text,
    lastUpdateTime: iso(entry.at),
  };
}

/** `duration` in whole seconds; the current state's runs until now. */
export function historyJson(
  catalog: Catalog,
  agent: IcAgent,
  entry: StateEntry,
  end: number | undefined,
  now: number,
) {
  const code = entry.outStateId === undefined ? undefined : catalog.codeById.get(entry.outStateId);
  const skill = entry.contact ? catalog.skillById.get(entry.contact.skillId) : undefined;
  const station = entry.stationId === undefined ? undefined : catalog.stationById.get(entry.stationId);
  return {
    agentId: agent.agentId,
    agentSessionId: entry.agentSessionId ?? ABSENT.id,
    agentStateId: AGENT_STATE_IDS[entry.state],
    agentStateName: entry.state,
    startDate: iso(entry.at),
    endDate: end === undefined ? ABSENT.text : iso(end),
    duration: Math.round(((end ?? now) - entry.at) / 1000),
    outStateId: code?.id ?? ABSENT.id,
    outStateDescription: code?.name ?? ABSENT.text,
    isACW: code?.isAcw ?? false,
    skillId: skill?.skillId ?? ABSENT.skillId,
    skillName: skill?.skillName ?? ABSENT.text,
    contactId: entry.contact?.contactId ?? ABSENT.id,
    stationId: station?.stationId ?? ABSENT.id,
    stationName: station?.stationName ?? ABSENT.text,
    teamId: agent.teamId,
  };
}

export function skillJson(skill: IcSkill) {
  return { ...skill };
}

export function skillAssignmentJson(catalog: Catalog, agent: IcAgent) {
  return agent.skills.map((a) => {
    const skill = catalog.skillById.get(a.skillId) as IcSkill;
    return {
      agentId: agent.agentId,
      skillId: skill.skillId,
      skillName: skill.skillName,
      mediaTypeId: skill.mediaTypeId,
      mediaTypeName: skill.mediaTypeName,
      isOutbound: skill.isOutbound,
      isActive: a.isActive,
      isSkillActive: skill.isActive,
      agentProficiencyValue: a.proficiency,
    };
  });
}

/** The per-team list spells the fields differently from the tenant list (SPEC). */
export const teamCodeJson = (c: IcUnavailableCode) => ({
  outstateId: c.id,
  outstateName: c.name,
  isActive: c.isActive,
  isAcw: c.isAcw,
});
export const tenantCodeJson = (c: IcUnavailableCode) => ({
  id: c.id,
  name: c.name,
  isActive: c.isActive,
  isACW: c.isAcw,
});
