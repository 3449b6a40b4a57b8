import type { CliServices, SessionServices } from './context';
import { CliExit, ExitCode } from './io';

/**
 * The CLI's commands serve both CXone dialects; a command that only one of them supports says so plainly
 * (exit 2) instead of sending anything.
 */
export function requireSessions(services: CliServices, command: string): SessionServices {
  if (services.dialect === 'incontact') return services;
  throw new CliExit(
    ExitCode.usage,
    `${command} is not supported by this CXone API (the tutorial's v2 dialect has no agent sessions); it needs CXONE_DIALECT=incontact`,
  );
}

/** The service that turns a typed reference into an agent, in either dialect. */
export function agentResolver(services: CliServices) {
  return services.dialect === 'v2' ? services.service : services.sessions;
}
