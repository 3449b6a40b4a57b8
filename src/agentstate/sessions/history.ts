import type { SessionAgent, StateHistoryEntry } from './model';
import type { SessionDeps, SessionHistory, SessionSpan } from './types';

/** Midnight of `now`'s day in the process's time zone: "today" for a supervisor reading the timeline. */
export function startOfDay(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}

/**
 * "Why did they drop?": today's timeline of the agent's states, cut into sessions, with the last logout
 * and the station it happened at — enough to tell a logout from a forced one or a day never started.
 */
export async function sessionHistory(
  deps: SessionDeps,
  agent: SessionAgent,
  now: Date = new Date(deps.clock.now()),
): Promise<SessionHistory> {
  const from = startOfDay(now);
  const [entries, status] = await Promise.all([
    deps.cxone.getStateHistory(agent.id, { start: from, end: now }),
    deps.cxone.getAgentState(agent.id),
  ]);
  const sorted = [...entries].sort((a, b) => a.start.getTime() - b.start.getTime());
  const sessions = sessionsOf(sorted);
  const ended = sessions.filter((s) => s.end !== undefined);
  const last = ended.at(-1);
  const verdict =
    status.kind !== 'logged_out' ? 'in_session' : sessions.length > 0 ? 'logged_out' : 'no_session_today';
  return {
    agent,
    status,
    from,
    to: now,
    entries: sorted,
    sessions,
    lastLogout: last?.end && { at: last.end, stationName: last.stationName },
    verdict,
  };
}

/** A session runs from the first state after a LoggedOut (or the day's start) to the next LoggedOut. */
export function sessionsOf(entries: StateHistoryEntry[]): SessionSpan[] {
  const spans: SessionSpan[] = [];
  let open: SessionSpan | undefined;
  for (const e of entries) {
    if (e.state === 'LoggedOut') {
      if (open) {
        open.end = e.start;
        spans.push(open);
        open = undefined;
      }
      continue;
    }
    open ??= { start: e.start, stationName: e.stationName };
    open.stationName ??= e.stationName;
  }
  if (open) spans.push(open);
  return spans;
}
