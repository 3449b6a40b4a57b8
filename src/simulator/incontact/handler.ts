import { faultErrorName } from '../faults';
import { HttpError } from '../http';
import { createPipeline } from '../pipeline';
import { Router } from '../router';
import type { IncontactContext } from './context';
import { registerAgentActions } from './routes/actions';
import { registerAgentReads } from './routes/agents';
import { registerCatalog } from './routes/catalog';
import { registerIncontactControl } from './routes/control';
import { registerDiscovery } from './routes/discovery';
import { registerSessions } from './routes/sessions';
import { registerToken } from './routes/token';

/**
 * The service prefix: `inContactAPI` in any case (NICE's SDK mixes them) and any `vNN.0` (several coexist).
 * Routes are registered without it; counts and fault rules see the path without it too.
 */
const SERVICE_PREFIX = /^\/incontactapi\/services\/v\d+\.0(?=\/|$)/i;

/** The incontact dialect on the shared pipeline: discovery and token outside the prefix, the API inside. */
export function createIncontactHandler(sim: IncontactContext, sleep: (ms: number) => Promise<void>) {
  const auth = new Router();
  registerDiscovery(auth, sim);
  registerToken(auth, sim);
  const api = new Router({ caseInsensitive: true });
  registerAgentReads(api, sim);
  registerAgentActions(api, sim);
  registerCatalog(api, sim);
  registerSessions(api, sim);
  const control = new Router();
  registerIncontactControl(control, sim);

  return createPipeline(
    {
      counts: sim.counts,
      faults: sim.faults,
      latencyMs: () => sim.config.latencyMs,
      control,
      route: (method, pathname) => {
        const prefix = SERVICE_PREFIX.exec(pathname)?.[0];
        if (prefix === undefined) return { match: auth.match(method, pathname), path: pathname };
        const path = pathname.slice(prefix.length) || '/';
        return { match: api.match(method, path), path };
      },
      faultBody: (status, _path, message) => ({ error: faultErrorName(status), error_description: message }),
      unrouted: (match, method, pathname) =>
        match.kind === 'none'
          ? new HttpError(404, { error: 'NotFound', error_description: `no route for ${method} ${pathname}` })
          : new HttpError(
              405,
              {
                error: 'MethodNotAllowed',
                error_description: `${method} is not allowed on ${match.template}`,
              },
              { allow: match.allow.join(', ') },
            ),
    },
    sleep,
  );
}
