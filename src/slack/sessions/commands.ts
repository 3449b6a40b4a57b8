import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { displayName } from '../../agentstate/model';
import { InvalidReasonError, type SessionAgent } from '../../agentstate/sessions';
import { InvalidInputError } from '../../cxone/errors';
import type { CommandOutcome } from '../../metrics';
import { auditCard, errorCard, notFoundCard, storeDownCard } from '../blocks';
import { type Card, card, context, join, md, section } from '../blocks/kit';
import { ambiguousCard } from '../blocks/lookup-cards';
import { agentRef } from '../commands/agent-arg';
import { leadingAgent, onlyAgent, phrase } from '../commands/agent-words';
import { allowedToChange } from '../commands/authorise';
import type { CommandContext } from '../commands/context';
import { requireStore } from '../commands/store-gate';
import type { SessionSlackDeps } from '../deps';
import { type AgentArg, type Command, type ParseResult, parseCommand } from '../grammar';
import { fromBoltRespond } from '../responder';
import { storeReason } from '../store-health';
import { invalidReasonCard, reasonPickerCard, sessionStatusCard } from './cards';
import { runSessionChange } from './change';
import { confirmSessionChangeCard } from './confirm';
import { floorCommand } from './floor';
import { historyView } from './history';
import { sessionDiagnoseCard } from './more-cards';
import { sessionLookup } from './resolve-one';
import { sessionUnwatch } from './unwatch';
import { sessionUsageCard } from './usage';
import { SESSION_ACTION } from './values';
import { sessionWatch } from './watch';
import { sessionWatching } from './watching';

type Ctx = CommandContext<SessionSlackDeps>;
type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/agentstate` when the app is connected to a real tenant (the incontact dialect): the same grammar, the
 * session model's meaning — a status card with the actions CXone allows, history, available/unavailable,
 * login as "make available" (starting a session as the agent when allowed) and logout as a forced logout.
 */
export function sessionCommand(deps: SessionSlackDeps) {
  return async ({ ack, command, respond }: Args): Promise<void> => {
    await ack();
    const parsed = parseCommand(command.text);
    const log = deps.logger.child({ slackUserId: command.user_id, subcommand: parsed.kind });
    const ctx: Ctx = {
      deps,
      userId: command.user_id,
      channelId: command.channel_id,
      respond: fromBoltRespond(respond),
      log,
    };
    let outcome: CommandOutcome;
    try {
      outcome = await dispatch(ctx, parsed);
    } catch (err) {
      outcome = err instanceof InvalidInputError || err instanceof InvalidReasonError ? 'usage' : 'error';
      // A typo is the member's to fix (the card says how), not the operator's: one line, no stack.
      if (outcome === 'usage') log.info({ reason: (err as Error).message }, 'command refused: invalid input');
      else log.warn({ err }, 'command failed');
      const card = err instanceof InvalidReasonError ? invalidReasonCard(err) : errorCard(err);
      await ctx.respond(card).catch((e) => log.error({ err: e }, 'could not send the error card'));
    }
    deps.metrics.countCommand(parsed.kind, outcome);
  };
}

function dispatch(ctx: Ctx, parsed: ParseResult): Promise<CommandOutcome> {
  switch (parsed.kind) {
    case 'help':
      return reply(ctx, sessionUsageCard(ctx.deps.sessions.capabilities), 'ok');
    case 'usage':
      return reply(ctx, sessionUsageCard(ctx.deps.sessions.capabilities, parsed), 'usage');
    case 'status':
      return status(ctx, parsed.agent);
    case 'diagnose':
      return diagnose(ctx, parsed.agent, parsed.words);
    case 'history':
      return history(ctx, parsed.agent, parsed.words);
    case 'available':
      return change(ctx, parsed.agent, 'available', parsed.words);
    case 'unavailable':
      return unavailable(ctx, parsed);
    case 'login':
    case 'logout':
      return confirmChange(ctx, parsed);
    case 'skills':
      return skills(ctx);
    case 'audit':
      return audit(ctx, parsed.agent);
    case 'floor':
      return floorCommand(ctx, parsed.scope);
    case 'watch':
      return sessionWatch(ctx, parsed);
    case 'unwatch':
      return sessionUnwatch(ctx, parsed);
    case 'watching':
      return sessionWatching(ctx);
  }
}

async function reply(ctx: Ctx, card: Card, outcome: CommandOutcome): Promise<CommandOutcome> {
  await ctx.respond(card);
  return outcome;
}

/**
 * The argument (and the words after it, by the rule both dialects share: commands/agent-words.ts) as
 * exactly one agent; otherwise answers with the candidates, "no such agent", or the words it could not use.
 */
async function resolveOne(
  ctx: Ctx,
  arg: AgentArg,
  sub = '',
  words?: string[],
): Promise<SessionAgent | undefined> {
  const found = await onlyAgent(ctx, sessionLookup(ctx), sub, arg, words);
  return found.ok ? found.agent : undefined;
}

async function status(ctx: Ctx, arg: AgentArg): Promise<CommandOutcome> {
  const ref = await agentRef(ctx, arg);
  if (!ref.ok) return ref.outcome;
  const r = await ctx.deps.sessions.report(ref.ref);
  if (r.kind === 'ambiguous')
    return reply(ctx, ambiguousCard(r.query, r.candidates, r.total, false, SESSION_ACTION.refresh), 'ok');
  if (r.kind === 'not_found')
    return reply(ctx, notFoundCard(r.query, ref.mention ? { mention: ref.mention } : {}), 'not_found');
  return reply(ctx, sessionStatusCard(r, new Date(ctx.deps.now())), 'ok');
}

async function diagnose(ctx: Ctx, arg: AgentArg, words?: string[]): Promise<CommandOutcome> {
  const ref = words
    ? await onlyAgent(ctx, sessionLookup(ctx), 'diagnose', arg, words)
    : await agentRef(ctx, arg);
  if (!ref.ok) return ref.outcome;
  const d = await ctx.deps.sessions.diagnose(ref.ref);
  return reply(ctx, sessionDiagnoseCard(d, new Date(ctx.deps.now())), 'ok');
}

async function history(ctx: Ctx, arg: AgentArg, words?: string[]): Promise<CommandOutcome> {
  const agent = await resolveOne(ctx, arg, 'history', words);
  if (!agent) return 'not_found';
  return reply(ctx, await historyView(ctx.deps, agent), 'ok');
}

async function change(ctx: Ctx, arg: AgentArg, kind: 'available', words?: string[]): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx))) return 'refused';
  const agent = await resolveOne(ctx, arg, kind, words);
  if (!agent) return 'not_found';
  await runSessionChange(
    ctx.deps,
    { agentId: agent.id, userId: ctx.userId, respond: ctx.respond },
    kind,
    (a, onProgress) => ctx.deps.sessions.makeAvailable(a, { onProgress }),
  );
  return 'ok';
}

/** With a reason: checked against the agent's team's codes (nothing sent if unknown); without: the picker. */
async function unavailable(
  ctx: Ctx,
  cmd: Extract<Command, { kind: 'unavailable' }>,
): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx))) return 'refused';
  const found = await leadingAgent(ctx, sessionLookup(ctx), cmd.agent, cmd.words);
  if (!found.ok) return found.outcome;
  const { agent } = found;
  const typed = phrase(found.rest);
  const { reasons } = await ctx.deps.sessions.reasons(agent);
  if (typed === undefined) return reply(ctx, reasonPickerCard(agent, reasons), 'ok');
  const wanted = typed.trim().toLowerCase();
  const reason = reasons.find((r) => r.name.trim().toLowerCase() === wanted || r.id === typed);
  if (!reason) throw new InvalidReasonError(typed, reasons);
  await runSessionChange(
    ctx.deps,
    { agentId: agent.id, userId: ctx.userId, respond: ctx.respond },
    'unavailable',
    (a, onProgress) => ctx.deps.sessions.makeUnavailable(a, reason.id, { onProgress }),
    reason.name,
  );
  return 'ok';
}

/** `login` and `logout` change sessions: one confirmation (this card), naming what will happen. */
async function confirmChange(
  ctx: Ctx,
  cmd: Extract<Command, { kind: 'login' | 'logout' }>,
): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx))) return 'refused';
  const noSkill = `In CXone an agent takes contacts of every skill assigned, so \`${cmd.kind}\` takes no skill`;
  // One word needs no split; more words may be a two-word name, or a name and a skill this dialect refuses.
  const ref = cmd.words
    ? await onlyAgent(ctx, sessionLookup(ctx), cmd.kind, cmd.agent, cmd.words, noSkill)
    : await agentRef(ctx, cmd.agent);
  if (!ref.ok) return ref.outcome;
  const r = await ctx.deps.sessions.report(ref.ref);
  if (r.kind === 'ambiguous')
    return reply(ctx, ambiguousCard(r.query, r.candidates, r.total, false, SESSION_ACTION.refresh), 'ok');
  if (r.kind === 'not_found')
    return reply(ctx, notFoundCard(r.query, ref.mention ? { mention: ref.mention } : {}), 'not_found');
  return reply(ctx, confirmSessionChangeCard(r, cmd.kind, ctx.deps.sessions.capabilities), 'ok');
}

async function skills(ctx: Ctx): Promise<CommandOutcome> {
  const all = await ctx.deps.sessions.listSkills();
  const lines = all
    .slice(0, 80)
    .map((s) => (s.isActive ? md`• *${s.name}*` : md`◦ *${s.name}* _(inactive)_`));
  return reply(
    ctx,
    card(md`${all.length} skills`, [
      section(md`*Skills* (${all.length})\n${join(lines, '\n')}`),
      context(md`In CXone an agent takes contacts of every active skill assigned to them while Available.`),
    ]),
    'ok',
  );
}

async function audit(ctx: Ctx, arg: AgentArg | undefined): Promise<CommandOutcome> {
  if (!(await allowedToChange(ctx, 'audit'))) return 'refused';
  const store = await requireStore(ctx, 'The audit log', 'read');
  if (!store) return 'error';
  const agent = arg ? await resolveOne(ctx, arg) : undefined;
  if (arg && !agent) return 'not_found';
  try {
    const entries = await ctx.deps.health.run(() =>
      store.audit.latest({ limit: 20, ...(agent ? { agentId: agent.id } : {}) }),
    );
    return reply(ctx, auditCard(entries, agent && { id: agent.id, name: displayName(agent) }), 'ok');
  } catch (err) {
    return reply(ctx, storeDownCard(storeReason(err), 'read'), 'error');
  }
}
