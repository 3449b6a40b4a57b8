import { displayName } from '../../agentstate/model';
import type {
  AgentStatus,
  ChangeKind,
  ChangeOutcome,
  ChangeProgress,
  Reason,
  SessionAction,
  SessionAgent,
  SessionReport,
} from '../../agentstate/sessions';
import { formatDuration, seconds, slackDate } from '../blocks/format';
import {
  actions,
  type Block,
  type ButtonElement,
  button,
  type Card,
  confirmDialog,
  context,
  esc,
  fields,
  header,
  section,
} from '../blocks/kit';
import { encode } from '../payloads';
import { SESSION_ACTION } from './values';

/** The session model's cards (a real tenant's API): status, changes in progress and their results. */

export const SESSION_BLOCK = { buttons: 'agentstate_session_buttons', reason: 'agentstate_session_reason' };

const CONTACT_WORDS: Record<string, string> = {
  InboundContact: 'on an inbound contact',
  OutboundContact: 'on an outbound contact',
  InboundConsult: 'on an inbound consult',
  OutboundConsult: 'on an outbound consult',
  Dialer: 'on a dialer call',
};

/** "Unavailable — Lunch", "Working — on an inbound contact (Sales EN)", "Logged out". */
export function stateWords(s: AgentStatus): string {
  switch (s.kind) {
    case 'available':
      return 'Available';
    case 'unavailable':
      return s.reason ? `Unavailable — ${s.reason.name}` : 'Unavailable (no reason)';
    case 'working':
      return `Working — ${CONTACT_WORDS[s.state] ?? s.state}${s.skill ? ` (${s.skill.name})` : ''}`;
    case 'logged_in_no_state':
      return 'Logged in, no state yet';
    case 'logged_out':
      return 'Logged out';
  }
}

const EMOJI: Record<AgentStatus['kind'], string> = {
  available: ':large_green_circle:',
  unavailable: ':red_circle:',
  working: ':large_blue_circle:',
  logged_in_no_state: ':large_yellow_circle:',
  logged_out: ':white_circle:',
};

function agentLine(agent: SessionAgent): Block {
  const team = agent.teamName ? `${esc(agent.teamName)} · ` : '';
  return context(`${team}${esc(agent.email)} · agent ${esc(agent.id)}`);
}

/** `/agentstate <agent>` on a real tenant: the one state, why it takes no contacts, and what can be done. */
export function sessionStatusCard(report: SessionReport, now: Date): Card {
  const { agent, status } = report;
  const name = esc(displayName(agent));
  const facts = [
    `*State*\n${EMOJI[status.kind]} ${esc(stateWords(status))}`,
    `*Since*\n${slackDate(status.since)} (${formatDuration(now.getTime() - status.since.getTime())})`,
  ];
  if (status.kind !== 'logged_out' && (status.station?.phone || status.station?.id))
    facts.push(`*Station*\n${esc(status.station.phone ?? `station ${status.station.id}`)}`);
  const blocks: Block[] = [header(displayName(agent)), agentLine(agent), fields(facts)];
  if (report.explanation)
    blocks.push(section(`${esc(report.explanation.summary)}\n*Fix:* ${esc(report.explanation.fix)}`));
  blocks.push(actions(SESSION_BLOCK.buttons, ...actionButtons(agent, status, report.actions)));
  blocks.push(context(`Source: CXone · checked ${slackDate(report.checkedAt)}`));
  return { text: `${name}: ${esc(stateWords(status))}`, blocks };
}

/** The buttons for what can be done now, then Refresh and History. */
export function actionButtons(
  agent: SessionAgent,
  status: AgentStatus,
  offered: SessionAction[],
): ButtonElement[] {
  const value = encode({ a: agent.id });
  const name = displayName(agent);
  const first = agent.firstName || name;
  const make: Record<SessionAction, () => ButtonElement> = {
    make_available: () =>
      button({ text: 'Make available', actionId: SESSION_ACTION.available, value, style: 'primary' }),
    make_unavailable: () => button({ text: 'Set unavailable…', actionId: SESSION_ACTION.pickReason, value }),
    force_logout: () =>
      button({
        text: 'Force log out',
        actionId: SESSION_ACTION.logout,
        value,
        style: 'danger',
        confirm: confirmDialog(
          `Log ${name} out?`.slice(0, 100),
          status.kind === 'working'
            ? `This ends ${esc(name)}'s CXone session. *They are on a contact right now: it will be dropped.*`
            : `This ends ${esc(name)}'s CXone session; they take no contacts until they log in again.`,
          'Log out',
          'danger',
        ),
      }),
    log_in: () =>
      button({
        text: 'Log in',
        actionId: SESSION_ACTION.login,
        value,
        style: 'primary',
        confirm: confirmDialog(
          `Log ${name} in?`.slice(0, 100),
          `This starts a CXone session as ${esc(name)} at the station they used last, then makes them available.`,
          'Log in',
          'primary',
        ),
      }),
    ask_agent: () =>
      button({ text: `Ask ${first} to log in`, actionId: SESSION_ACTION.ask, value, style: 'primary' }),
  };
  return [
    ...offered.map((a) => make[a]()),
    button({ text: 'Refresh', actionId: SESSION_ACTION.refresh, value }),
    button({ text: 'History', actionId: SESSION_ACTION.history, value }),
  ];
}

/** "Set unavailable…": the agent's team's reasons to pick from. */
export function reasonPickerCard(agent: SessionAgent, reasons: Reason[]): Card {
  const name = esc(displayName(agent));
  if (reasons.length === 0)
    return {
      text: `${name} has no unavailable reasons to choose from`,
      blocks: [section(`${name}'s team has no active unavailable reasons in CXone.`), agentLine(agent)],
    };
  return {
    text: `Set ${name} unavailable: pick a reason`,
    blocks: [
      {
        type: 'section',
        block_id: SESSION_BLOCK.reason,
        text: { type: 'mrkdwn', text: `Set *${name}* unavailable — why?` },
        accessory: {
          type: 'static_select',
          action_id: SESSION_ACTION.unavailable,
          placeholder: { type: 'plain_text', text: 'Pick a reason' },
          options: reasons.slice(0, 100).map((r) => ({
            text: { type: 'plain_text', text: r.name.slice(0, 75) },
            value: encode({ a: agent.id, r: r.id }),
          })),
        },
      },
      agentLine(agent),
    ],
  };
}

const VERB: Record<ChangeKind, string> = {
  available: 'Making available',
  unavailable: 'Setting unavailable',
  logout: 'Logging out',
  login: 'Logging in',
};

export function sessionProgressCard(
  agent: SessionAgent,
  change: ChangeKind,
  by: string,
  e?: ChangeProgress,
): Card {
  const step =
    !e || e.type === 'checking'
      ? 'checking the current state…'
      : e.type === 'starting_session'
        ? 'starting a session…'
        : e.type === 'posting'
          ? 'sending the change…'
          : e.type === 'polling'
            ? `${esc(e.phase)}: waiting for CXone to show it (${seconds(e.elapsedMs)} s of ${seconds(e.timeoutMs)} s)`
            : `verified in ${seconds(e.elapsedMs)} s`;
  const text = `${VERB[change]} ${esc(displayName(agent))}… ${step}`;
  return { text, blocks: [section(`:hourglass_flowing_sand: ${text}`), context(`Started by <@${by}>`)] };
}

const DONE: Record<ChangeKind, string> = {
  available: 'made available',
  unavailable: 'set unavailable',
  logout: 'logged out',
  login: 'logged in',
};

/** What replaces the progress card when a change ends. */
export function sessionResultCard(o: ChangeOutcome, by: string): Card {
  const name = esc(displayName(o.agent));
  const now = esc(stateWords(o.status));
  switch (o.kind) {
    case 'verified':
      return {
        text: `${name}: ${DONE[o.change]} by <@${by}> — now ${now}, verified in ${seconds(o.verifyMs)} s`,
        blocks: [
          section(
            `:white_check_mark: *${name}* ${DONE[o.change]} by <@${by}> — now *${now}*, verified in ${seconds(o.verifyMs)} s`,
          ),
          agentLine(o.agent),
        ],
      };
    case 'already':
      return {
        text: `${name} is already ${now}; nothing was changed`,
        blocks: [
          section(`:information_source: *${name}* is already *${now}*. Nothing was changed.`),
          agentLine(o.agent),
        ],
      };
    case 'refused':
      return {
        text: `Nothing was sent: ${esc(o.message)}`,
        blocks: [
          section(`:no_entry: ${esc(o.message)}\n*Nothing was sent.* ${esc(o.fix)}`),
          actions(
            SESSION_BLOCK.buttons,
            button({ text: 'Refresh', actionId: SESSION_ACTION.refresh, value: encode({ a: o.agent.id }) }),
          ),
          agentLine(o.agent),
        ],
      };
    case 'not_applied':
      return {
        text: `${name}: not applied — ${esc(o.explanation)}`,
        blocks: [
          section(`:warning: ${esc(o.explanation)}`),
          actions(
            SESSION_BLOCK.buttons,
            button({
              text: 'Check again',
              actionId: SESSION_ACTION.refresh,
              value: encode({ a: o.agent.id }),
            }),
          ),
          agentLine(o.agent),
        ],
      };
  }
}
