import type { LogoutOutcome } from '../../agentstate/types';
import { agentName, seconds } from './format';
import { type Card, card, EMPTY, join, md, section } from './kit';
import { userMention } from './mrkdwn';
import { agentContext } from './result-cards';

export function logoutResultCard(outcome: LogoutOutcome, by: string): Card {
  const name = agentName(outcome.agent);
  switch (outcome.kind) {
    case 'logged_out': {
      const skills = join(
        outcome.removed.map((s) => md`*${s.skillName}*`),
        ', ',
      );
      const line = md`${name}: logged out of ${skills} by ${userMention(by)} — confirmed in ${seconds(outcome.verifyMs)} s`;
      return card(line, [section(md`:white_check_mark: ${line}`), agentContext(outcome.agent)]);
    }
    case 'not_logged_in': {
      const skill = outcome.skillName ? md` to *${outcome.skillName}*` : EMPTY;
      const line = md`${name} is not logged in${skill}; nothing to log out.`;
      return card(line, [section(md`:information_source: ${line}`), agentContext(outcome.agent)]);
    }
    case 'not_confirmed': {
      const line = md`The logout of ${name} was sent but the state is still there after ${seconds(outcome.verifyMs)} s.`;
      return card(line, [section(md`:x: ${line}\n${outcome.explanation}`), agentContext(outcome.agent)]);
    }
  }
}
