import { type Agent, displayName } from '../../agentstate/model';
import { type Mrkdwn, md } from './mrkdwn';

/** Formatting shared by the cards: names, durations, Slack date tokens. */

export { slackDate, userMention } from './mrkdwn';

export function agentTitle(agent: Agent): Mrkdwn {
  return md`*${displayName(agent)}* (\`${agent.id}\`)`;
}

export function agentName(agent: Pick<Agent, 'firstName' | 'lastName' | 'userName'>): Mrkdwn {
  return md`${displayName(agent)}`;
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
