import type { SimActivity, SimSkill, SimStateDefinition } from '../../src/simulator';
import { send, tokenFor, useSimulator } from './helpers';

describe('simulator skills and activities', () => {
  const ctx = useSimulator();

  it('lists the eight seeded skills, one of them inactive', async () => {
    const res = await send<{ entities: SimSkill[] }>(`${ctx.sim.url}/api/v2/skills`, { token: ctx.token });
    expect(res.status).toBe(200);
    expect(res.body.entities.map((s) => s.name)).toEqual([
      'Sales EN',
      'Sales ES',
      'Support Tier 1',
      'Support Tier 2',
      'Billing',
      'Retention',
      'Outbound',
      'VIP',
    ]);
    expect(res.body.entities.filter((s) => !s.isActive).map((s) => s.name)).toEqual(['Outbound']);
    for (const s of res.body.entities) expect(Object.keys(s).sort()).toEqual(['id', 'isActive', 'name']);
  });

  it('gives every skill its own Logged In, Logged Out and Unavailable state ids', async () => {
    const ids = new Set<string>();
    for (const skill of ctx.sim.tenant.skills) {
      const res = await send<{ entities: SimStateDefinition[] }>(
        `${ctx.sim.url}/api/v2/skills/${skill.id}/states`,
        {
          token: ctx.token,
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.entities.map((d) => d.name)).toEqual(['Logged In', 'Logged Out', 'Unavailable']);
      for (const d of res.body.entities) ids.add(d.id);
      expect(res.body.entities[0]?.id).toBe(ctx.sim.tenant.loginStateId(skill.id));
    }
    expect(ids.size).toBe(24);
  });

  it('answers 404 for the states of an unknown skill', async () => {
    const res = await send(`${ctx.sim.url}/api/v2/skills/33333333-3333-4333-8333-333333333333/states`, {
      token: ctx.token,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', message: expect.any(String) });
  });

  it('answers 403 requires scope Skills-Read for a client without it', async () => {
    const token = await tokenFor(ctx.sim, 'agentstate-noscope');
    const skill = ctx.sim.tenant.skills[0] as SimSkill;
    for (const path of ['/api/v2/skills', `/api/v2/skills/${skill.id}/states`]) {
      const res = await send(`${ctx.sim.url}${path}`, { token });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'insufficient_scope', message: 'requires scope Skills-Read' });
    }
  });

  it('lists the activities to any valid token, even one without scopes', async () => {
    const token = await tokenFor(ctx.sim, 'agentstate-noscope');
    const res = await send<{ entities: SimActivity[] }>(`${ctx.sim.url}/api/v2/activities`, { token });
    expect(res.status).toBe(200);
    expect(res.body.entities.map((a) => a.name)).toEqual([
      'Available',
      'Busy',
      'Break',
      'Lunch',
      'Training',
      'Meeting',
    ]);
    expect((await send(`${ctx.sim.url}/api/v2/activities`)).status).toBe(401);
  });
});
