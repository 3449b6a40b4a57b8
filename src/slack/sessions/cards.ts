import { displayName } from '../../agentstate/model';
import type {
  AgentStatus,
  ChangeKind,
  ChangeOutcome,
  ChangeProgress,
  InvalidReasonError,
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
  card,
  confirmDialog,
  context,
  fields,
  header,
  join,
  type Mrkdwn,
  md,
  section,
  selectSection,
} from '../blocks/kit';
import { userMention } from '../blocks/mrkdwn';
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

const EMOJI: Record<AgentStatus['kind'], Mrkdwn> = {
  available: md`:large_green_circle:`,
  unavailable: md`:red_circle:`,
  working: md`:large_blue_circle:`,
  logged_in_no_state: md`:large_yellow_circle:`,
  logged_out: md`:white_circle:`,
};

const emoji = (kind: AgentStatus['kind']) => EMOJI[kind];

export function agentLine(agent: SessionAgent): Block {
  const team = agent.teamName ? md`${agent.teamName} · ` : md``;
  return context(md`${team}${agent.email} · agent ${agent.id}`);
}

/** `/agentstate <agent>` on a real tenant: the one state, why it takes no contacts, and what can be done. */
export function sessionStatusCard(report: SessionReport, now: Date): Card {
  const { agent, status } = report;
  const facts: Mrkdwn[] = [
    md`*State*\n${emoji(status.kind)} ${stateWords(status)}`,
    md`*Since*\n${slackDate(status.since)} (${formatDuration(now.getTime() - status.since.getTime())})`,
  ];
  if (status.kind !== 'logged_out' && (status.station?.phone || status.station?.id))
    facts.push(md`*Station*\n${status.station.phone ?? `station ${status.station.id}`}`);
  const blocks: Block[] = [header(displayName(agent)), agentLine(agent), fields(facts)];
  if (report.explanation)
    blocks.push(section(md`${report.explanation.summary}\n*Fix:* ${report.explanation.fix}`));
  blocks.push(actions(SESSION_BLOCK.buttons, ...actionButtons(agent, status, report.actions)));
  blocks.push(context(md`Source: CXone · checked ${slackDate(report.checkedAt)}`));
  return card(md`${displayName(agent)}: ${stateWords(status)}`, blocks);
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
            ? md`This ends ${name}'s CXone session. *They are on a contact right now: it will be dropped.*`
            : md`This ends ${name}'s CXone session; they take no contacts until they log in again.`,
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
          md`This starts a CXone session as ${name} at the station they used last, then makes them available.`,
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
  const name = displayName(agent);
  if (reasons.length === 0)
    return card(md`${name} has no unavailable reasons to choose from`, [
      section(md`${name}'s team has no active unavailable reasons in CXone.`),
      agentLine(agent),
    ]);
  const picker = selectSection(SESSION_BLOCK.reason, md`Set *${name}* unavailable — why?`, {
    actionId: SESSION_ACTION.unavailable,
    placeholder: 'Pick a reason',
    options: reasons.map((r) => ({ text: r.name, value: encode({ a: agent.id, r: r.id }) })),
  });
  return card(md`Set ${name} unavailable: pick a reason`, [picker, agentLine(agent)]);
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
      ? md`checking the current state…`
      : e.type === 'starting_session'
        ? md`starting a session…`
        : e.type === 'posting'
          ? md`sending the change…`
          : e.type === 'polling'
            ? md`${e.phase}: waiting for CXone to show it (${seconds(e.elapsedMs)} s of ${seconds(e.timeoutMs)} s)`
            : md`verified in ${seconds(e.elapsedMs)} s`;
  const text = md`${VERB[change]} ${displayName(agent)}… ${step}`;
  return card(text, [
    section(md`:hourglass_flowing_sand: ${text}`),
    context(md`Started by ${userMention(by)}`),
  ]);
}

const DONE: Record<ChangeKind, string> = {
  available: 'made available',
  unavailable: 'set unavailable',
  logout: 'logged out',
  login: 'logged in',
};

/** What replaces the progress card when a change ends. */
export function sessionResultCard(o: ChangeOutcome, by: string): Card {
  const name = displayName(o.agent);
  const now = stateWords(o.status);
  const who = userMention(by);
  const again = (text: string) =>
    actions(
      SESSION_BLOCK.buttons,
      button({ text, actionId: SESSION_ACTION.refresh, value: encode({ a: o.agent.id }) }),
    );
  switch (o.kind) {
    case 'verified': {
      const line = md`*${name}* ${DONE[o.change]} by ${who} — now *${now}*, verified in ${seconds(o.verifyMs)} s`;
      return card(line, [section(md`:white_check_mark: ${line}`), agentLine(o.agent)]);
    }
    case 'already':
      return card(md`${name} is already ${now}; nothing was changed`, [
        section(md`:information_source: *${name}* is already *${now}*. Nothing was changed.`),
        agentLine(o.agent),
      ]);
    case 'refused':
      return card(md`Nothing was sent: ${o.message}`, [
        section(md`:no_entry: ${o.message}\n*Nothing was sent.* ${o.fix}`),
        again('Refresh'),
        agentLine(o.agent),
      ]);
    case 'not_applied':
      return card(md`${name}: not applied — ${o.explanation}`, [
        section(md`:warning: ${o.explanation}`),
        again('Check again'),
        agentLine(o.agent),
      ]);
  }
}

/** A reason that is not one of the agent's team's codes (typed, or a forged value): nothing was sent. */
export function invalidReasonCard(err: InvalidReasonError): Card {
  const valid = err.options.length
    ? join(
        err.options.map((r) => md`*${r.name}*`),
        ', ',
      )
    : md`_none_`;
  return card(md`"${err.value}" is not a reason for this agent`, [
    section(
      md`:warning: *${err.value}* is not an unavailable reason for this agent. Nothing was sent.\nReasons: ${valid}`,
    ),
  ]);
}
