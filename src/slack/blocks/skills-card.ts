import type { Skill } from '../../agentstate/model';
import { type Card, capBlocks, card, context, EMPTY, header, join, type Mrkdwn, md, section } from './kit';

const PER_SECTION = 40;

/**
 * How many agents are in each skill now (by skill id), from one bulk read of states; undefined when that
 * read failed, so the card says the counts are missing rather than showing zeros.
 */
export type SkillCounts = ReadonlyMap<string, number> | undefined;

/**
 * `/agentstate skills`: every skill, active ones first, with how many agents are in it now and its id on
 * the side. The tutorial's API does not say which skills conflict (CXone answers a conflicting login with
 * a conflict, naming the skill in the way), so the card says so instead of guessing groups.
 */
export function skillsCard(skills: Skill[], counts?: SkillCounts): Card {
  if (skills.length === 0) {
    return card(md`CXone has no skills`, [section(md`CXone returned no skills for this tenant.`)]);
  }
  const sorted = [...skills].sort(
    (a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name),
  );
  const lines = sorted.map(
    (s) => md`• *${s.name}*${inNow(s, counts)} \`${s.id}\`${s.isActive ? '' : ' _(inactive)_'}`,
  );
  const chunks = [];
  for (let i = 0; i < lines.length; i += PER_SECTION)
    chunks.push(join(lines.slice(i, i + PER_SECTION), '\n'));
  const active = skills.filter((s) => s.isActive).length;
  return card(
    md`${skills.length} skills (${active} active)`,
    capBlocks([
      header(`Skills (${skills.length}, ${active} active)`),
      ...chunks.map((c) => section(c)),
      context(
        counts
          ? md`Agents in each skill as of now.`
          : md`How many agents are in each skill could not be read from CXone just now.`,
      ),
      context(
        md`Conflicting skills: CXone does not tell the app which skills conflict, so they are not listed here. A login that conflicts names the skill in the way and offers the switch.`,
      ),
      context(md`Use a skill’s name or id with \`/agentstate login ${'<agent> <skill>'}\`.`),
    ]),
  );
}

function inNow(skill: Skill, counts: SkillCounts): Mrkdwn {
  if (!counts) return EMPTY;
  const n = counts.get(skill.id.toLowerCase());
  if (n === undefined) return EMPTY;
  return md` — ${n === 0 ? 'nobody' : n === 1 ? '1 agent' : `${n} agents`} in now ·`;
}
