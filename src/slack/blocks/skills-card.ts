import type { Skill } from '../../agentstate/model';
import { type Card, capBlocks, card, context, header, join, md, section } from './kit';

const PER_SECTION = 40;

/** `/agentstate skills`: every skill with its id, active ones first. */
export function skillsCard(skills: Skill[]): Card {
  if (skills.length === 0) {
    return card(md`CXone has no skills`, [section(md`CXone returned no skills for this tenant.`)]);
  }
  const sorted = [...skills].sort(
    (a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name),
  );
  const lines = sorted.map((s) => md`• *${s.name}* \`${s.id}\`${s.isActive ? '' : ' _(inactive)_'}`);
  const chunks = [];
  for (let i = 0; i < lines.length; i += PER_SECTION)
    chunks.push(join(lines.slice(i, i + PER_SECTION), '\n'));
  const active = skills.filter((s) => s.isActive).length;
  return card(
    md`${skills.length} skills (${active} active)`,
    capBlocks([
      header(`Skills (${skills.length}, ${active} active)`),
      ...chunks.map((c) => section(c)),
      context(md`Use a skill’s name or id with \`/agentstate login ${'<agent> <skill>'}\`.`),
    ]),
  );
}
