import type { Skill } from '../../agentstate/model';
import { type Card, capBlocks, context, esc, header, section } from './kit';

const PER_SECTION = 40;

/** `/agentstate skills`: every skill with its id, active ones first. */
export function skillsCard(skills: Skill[]): Card {
  if (skills.length === 0) {
    return { text: 'CXone has no skills', blocks: [section('CXone returned no skills for this tenant.')] };
  }
  const sorted = [...skills].sort(
    (a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name),
  );
  const lines = sorted.map((s) => `• *${esc(s.name)}* \`${s.id}\`${s.isActive ? '' : ' _(inactive)_'}`);
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += PER_SECTION) chunks.push(lines.slice(i, i + PER_SECTION).join('\n'));
  const active = skills.filter((s) => s.isActive).length;
  return {
    text: `${skills.length} skills (${active} active)`,
    blocks: capBlocks([
      header(`Skills (${skills.length}, ${active} active)`),
      ...chunks.map((c) => section(c)),
      context('Use a skill’s name or id with `/agentstate login <agent> <skill>`.'),
    ]),
  };
}
