import { el } from './dom.mjs';

/**
 * The agent's own CXone application, which Slack does not have: shown under the app's direct messages
 * when the member acting is a CXone agent (incontact sandbox). It logs the agent in — as the agent, on
 * their own desk — so "supervisor asks → agent logs in → verified" can be tried by hand. The sandbox
 * server does the work (/ui/desk-action); the panel asks for the agent's state again every few seconds
 * while it is shown, since a supervisor can change it from Slack meanwhile.
 */

const POLL_MS = 2000;

export function createDesk(page) {
  const root = document.getElementById('desk');
  let agent = null;
  let status = null;
  let timer = null;
  let busy = false;
  /** Bumped by every action, so a state read that started before it cannot overwrite its answer. */
  let generation = 0;
  /** The buttons drawn for this set of choices: redrawn only when the choices change, so focus stays. */
  let drawn = '';
  const stateLine = el('strong', {});
  const result = el('div', { className: 'desk-result', role: 'status' });
  const buttons = el('div', { className: 'desk-buttons' });
  const who = el('span', { className: 'desk-who' });
  root.replaceChildren(
    el(
      'div',
      { className: 'desk-head' },
      el('strong', {}, 'CXone agent application'),
      el('span', { className: 'desk-note' }, 'sandbox · stands in for the app the agent logs in with'),
    ),
    el('div', { className: 'desk-body' }, who, el('span', {}, 'CXone shows: ', stateLine), buttons),
    result,
  );

  function choices() {
    if (!status) return [];
    const name = agent.name;
    if (!status.inSession)
      return [
        { action: 'log_in', label: `Log in to CXone as ${name}` },
        {
          action: 'log_in_available',
          label: `Log in to CXone as ${name} and become Available`,
          primary: true,
        },
      ];
    const out = [];
    if (!status.available && !status.onContact)
      out.push({ action: 'available', label: 'Become Available', primary: true });
    out.push({ action: 'log_out', label: 'Log out of CXone' });
    return out;
  }

  function draw() {
    stateLine.textContent = status?.state ?? '…';
    const list = choices();
    const key = JSON.stringify([agent?.agentId, list, busy]);
    if (key === drawn) return;
    drawn = key;
    const focused = buttons.contains(document.activeElement);
    buttons.replaceChildren(
      ...list.map((c) =>
        el(
          'button',
          {
            type: 'button',
            className: `sk-button${c.primary ? ' primary' : ''}${busy ? ' busy' : ''}`,
            disabled: busy,
            onclick: () => act(c.action),
          },
          c.label,
        ),
      ),
    );
    // Keyboard users keep their place when the choices change under them.
    if (focused && !busy) buttons.querySelector('button')?.focus();
  }

  async function refresh() {
    if (!agent || busy) return;
    const asked = generation;
    const answer = await page.call('desk', {});
    if (answer.ok && asked === generation && answer.agent?.agentId === agent?.agentId) {
      status = answer.status;
      draw();
    }
  }

  async function act(action) {
    if (busy) return;
    busy = true;
    generation++;
    result.textContent = action === 'log_out' ? 'Logging out…' : 'Working…';
    draw();
    const answer = await page.call('desk-action', { action });
    busy = false;
    if (answer.ok) {
      status = answer.status;
      result.textContent = answer.message;
    } else result.textContent = `Could not do that: ${answer.error}`;
    draw();
    buttons.querySelector('button')?.focus();
  }

  return {
    /** `deskAgent` is the snapshot's `desk` (null when the member is not an agent); `shown` whether to show it. */
    render(deskAgent, shown) {
      const visible = Boolean(deskAgent && shown);
      root.hidden = !visible;
      if (!visible) {
        clearInterval(timer);
        timer = null;
        return;
      }
      if (agent?.agentId !== deskAgent.agentId) {
        agent = deskAgent;
        status = null;
        result.textContent = '';
        who.textContent = `${agent.name} · agent ${agent.agentId}`;
        draw();
        refresh();
      }
      if (!timer) {
        timer = setInterval(refresh, POLL_MS);
        refresh();
      }
    },
  };
}
