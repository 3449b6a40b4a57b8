import type { LogoutOutcome } from '../../agentstate/types';
import { agentName, seconds } from './format';
import { type Card, esc, section } from './kit';
import { agentContext } from './result-cards';

export function logoutResultCard(outcome: LogoutOutcome, by: string): Card {
  const name = agentName(outcome.agent);
  switch (outcome.kind) {
    case 'logged_out': {
      const skills = outcome.removed.map((s) => `*${esc(s.skillName)}*`).join(', ');
      const line = `${name}: logged out of ${skills} by <@${by}> — confirmed in ${seconds(outcome.verifyMs)} s`;
      return { text: line, blocks: [section(`:white_check_mark: ${line}`), agentContext(outcome.agent)] };
    }
    case 'not_logged_in': {
      const line = `${name} is not logged in${outcome.skillName ? ` to *${esc(outcome.skillName)}*` : ''}; nothing to log out.`;
      return { text: line, blocks: [section(`:information_source: ${line}`), agentContext(outcome.agent)] };
    }
    case 'not_confirmed': {
      const line = `The logout of ${name} was sent but the state is still there after ${seconds(outcome.verifyMs)} s.`;
      return {
        text: line,
        blocks: [section(`:x: ${line}\n${esc(outcome.explanation)}`), agentContext(outcome.agent)],
      };
    }
  }
}
