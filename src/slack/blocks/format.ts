import { type Agent, displayName } from '../../agentstate/model';
import { esc } from './kit';

/** Formatting shared by the cards: names, durations, Slack date tokens. */

export function agentTitle(agent: Agent): string {
  return `*${esc(displayName(agent))}* (\`${agent.id}\`)`;
}

export function agentName(agent: Agent): string {
  return esc(displayName(agent));
}

/** "2 d 3 h", "1 h 05 min", "12 min", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** Seconds with one decimal, for verify times ("2.3"). */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/**
 * Slack renders `<!date^…>` in each reader's own time zone; the text after `|` is the fallback for
 * clients that cannot (notifications, old clients).
 */
export function slackDate(date: Date): string {
  const epoch = Math.floor(date.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} {time}|${date.toISOString()}>`;
}

export function userMention(userId: string): string {
  return userId.startsWith('cli:') ? esc(userId.slice(4)) : `<@${userId}>`;
}
