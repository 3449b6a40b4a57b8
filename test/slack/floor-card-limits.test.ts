import { buildFloor } from '../../src/agentstate/floor/group';
import type { FloorAgent } from '../../src/agentstate/floor/model';
import { floorCard } from '../../src/slack/sessions/floor-card';
import { expectNoForeignMarkup } from './markup-safety';

/** A 200-agent team must stay readable within Slack's limits: 50 blocks, 3,000 characters a section. */
describe('the floor card of a 200-agent team', () => {
  const now = new Date('2024-05-01T08:00:00Z');
  const kinds: FloorAgent['kind'][] = [
    'unavailable',
    'logged_in_no_state',
    'logged_out',
    'working',
    'available',
  ];
  const agents: FloorAgent[] = Array.from({ length: 200 }, (_, i) => {
    const kind = kinds[i % kinds.length] as FloorAgent['kind'];
    return {
      id: String(1000 + i),
      name: `Agentwithalongname Number${i} Surname-Doubled`,
      kind,
      label: kind,
      ...(kind === 'unavailable'
        ? { reason: ['Lunch', 'Break', 'Meeting', 'Training', ''][i % 5] || undefined }
        : {}),
      since: new Date(now.getTime() - i * 60_000),
    };
  });
  const floor = buildFloor({ kind: 'team', id: '7', name: 'Sales' }, agents, now, [
    { id: 'make_available', label: 'Make the agents available', agents: agents.slice(0, 40) },
  ]);

  it.each([false, true])('fits Slack (show all: %s)', (showAll) => {
    const card = floorCard(floor, { showAll });
    expect(card.blocks.length).toBeLessThanOrEqual(50);
    for (const b of card.blocks as unknown as Array<{ text?: { text: string } }>)
      expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(String(card.text)).toContain('Sales');
  });

  it('lists the problem groups by name, says how many more, and counts everyone', () => {
    const text = JSON.stringify(floorCard(floor).blocks);
    expect(text).toContain('*40* unavailable');
    expect(text).toMatch(/_and \d+ more_/);
  });

  it('escapes names that would ping a channel', () => {
    const hostile = buildFloor(
      { kind: 'team', id: '7', name: '<!channel>' },
      [{ id: '1', name: '<!here> <http://evil|click>', kind: 'unavailable', label: 'x', since: now }],
      now,
      [],
    );
    expectNoForeignMarkup([{ where: 'floor card', message: floorCard(hostile) }]);
  });
});
