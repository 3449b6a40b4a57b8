import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  BlockStaticSelectAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { InvalidReasonError } from '../../agentstate/sessions';
import { type ButtonArgs, readClick } from '../actions/button';
import { errorCard, membershipUnknownCard, notFoundCard, refusalCard, staleButtonCard } from '../blocks';
import type { SessionSlackDeps } from '../deps';
import { decode } from '../payloads';
import { createSeenRequests, oncePerClick } from '../replays';
import { fromBoltRespond, type Responder } from '../responder';
import { askAgentToLogIn } from './ask-agent';
import { invalidReasonCard, reasonPickerCard, sessionStatusCard } from './cards';
import { runSessionChange } from './change';
import { floorView, runFloorFix } from './floor';
import { historyView } from './history';
import {
  agentValueSchema,
  floorFixValueSchema,
  floorValueSchema,
  reasonValueSchema,
  SESSION_ACTION,
} from './values';

type SelectArgs = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

/** The session cards' buttons: each reads the current state again before anything is sent. */
export function registerSessionActions(app: App, deps: SessionSlackDeps): void {
  const button = (id: string, handler: (args: ButtonArgs) => Promise<void>) =>
    app.action<BlockButtonAction>(id, handler);
  // A click that changes an agent's state acts once, whatever arrives again (replays.ts).
  const seen = createSeenRequests(deps.now);
  const change = (id: string, handler: (args: ButtonArgs) => Promise<void>) =>
    app.action<BlockButtonAction>(id, oncePerClick(seen, deps.logger), handler);

  button(SESSION_ACTION.refresh, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (click) await showStatus(deps, click.value.a, click.respond);
  });

  button(SESSION_ACTION.history, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    await guarded(click.respond, async () => {
      const found = await deps.sessions.resolveAgent(click.value.a);
      if (found.kind !== 'found') return click.respond(notFoundCard(click.value.a));
      await click.respond(await historyView(deps, found.agent));
    });
  });

  change(SESSION_ACTION.available, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    await runSessionChange(deps, request(click), 'available', (agent, onProgress) =>
      deps.sessions.makeAvailable(agent, { onProgress }),
    );
  });

  button(SESSION_ACTION.pickReason, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click || !(await allowed(deps, click.userId, click.respond))) return;
    await guarded(click.respond, async () => {
      const found = await deps.sessions.resolveAgent(click.value.a);
      if (found.kind !== 'found') return click.respond(notFoundCard(click.value.a));
      const { reasons } = await deps.sessions.reasons(found.agent);
      await click.respond(reasonPickerCard(found.agent, reasons), { replace: true });
    });
  });

  const onceSelected = oncePerClick<BlockStaticSelectAction>(seen, deps.logger);
  app.action<BlockStaticSelectAction>(SESSION_ACTION.unavailable, onceSelected, async (args: SelectArgs) => {
    await args.ack();
    const respond = fromBoltRespond(args.respond);
    const value = decode(reasonValueSchema, args.action.selected_option.value);
    if (!value) return respond(staleButtonCard());
    const userId = args.body.user.id;
    try {
      await runSessionChange(
        deps,
        { agentId: value.a, userId, respond },
        'unavailable',
        (agent, onProgress) =>
          // The reason is matched against the agent's own team's codes: a forged id is refused, nothing sent.
          deps.sessions.makeUnavailable(agent, value.r, { onProgress }),
      );
    } catch (err) {
      await respond(err instanceof InvalidReasonError ? invalidReasonCard(err) : errorCard(err));
    }
  });

  change(SESSION_ACTION.logout, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    // The button's confirmation said so when the agent was on a contact.
    await runSessionChange(deps, request(click), 'logout', (agent, onProgress) =>
      deps.sessions.logout(agent, { force: true, onProgress }),
    );
  });

  change(SESSION_ACTION.login, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    await runSessionChange(deps, request(click), 'login', (agent, onProgress) =>
      deps.sessions.login(agent, { onProgress }),
    );
  });

  change(SESSION_ACTION.ask, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (click)
      await askAgentToLogIn(deps, { agentId: click.value.a, userId: click.userId, respond: click.respond });
  });

  button(SESSION_ACTION.checkAgain, async (args) => {
    const click = await readClick(args, agentValueSchema);
    if (!click) return;
    await guarded(click.respond, async () => {
      const r = await deps.sessions.report(click.value.a);
      if (r.kind !== 'report') return click.respond(notFoundCard(click.value.a));
      await click.respond(sessionStatusCard(r, new Date(deps.now())), { replace: true });
    });
  });

  button(SESSION_ACTION.floorRefresh, async (args) => {
    const click = await readClick(args, floorValueSchema);
    if (!click) return;
    await guarded(click.respond, async () =>
      click.respond(await floorView(deps, click.value.t, click.value.all), { replace: true }),
    );
  });

  change(SESSION_ACTION.floorFix, async (args) => {
    const click = await readClick(args, floorFixValueSchema);
    if (!click) return;
    await guarded(click.respond, () => runFloorFix(deps, click));
  });
}

function request(click: {
  value: { a: string };
  userId: string;
  respond: Responder;
  message?: { channel: string; ts: string };
}) {
  return {
    agentId: click.value.a,
    userId: click.userId,
    respond: click.respond,
    ...(click.message ? { message: click.message } : {}),
  };
}

async function showStatus(deps: SessionSlackDeps, agentId: string, respond: Responder): Promise<void> {
  await guarded(respond, async () => {
    const r = await deps.sessions.report(agentId);
    if (r.kind !== 'report') return respond(notFoundCard(agentId));
    await respond(sessionStatusCard(r, new Date(deps.now())), { replace: true });
  });
}

/** A member's click on a change is refused before anything is read or sent. */
async function allowed(deps: SessionSlackDeps, userId: string, respond: Responder): Promise<boolean> {
  const auth = await deps.supervisors.authorise(userId);
  if (auth === 'allowed') return true;
  await respond(auth === 'refused' ? refusalCard() : membershipUnknownCard());
  return false;
}

/** Read-only clicks: any failure becomes an error card rather than a silent button. */
async function guarded(respond: Responder, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    await respond(errorCard(err)).catch(() => {});
  }
}
