import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Epoch ms when the request arrived; one value per request so a handler's checks agree. */
  now: number;
}

export type Handler = (ctx: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  template: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; template: string; params: Record<string, string>; handler: Handler }
  | { kind: 'wrong_method'; template: string; allow: string[] }
  | { kind: 'none' };

const split = (path: string) => path.split('/').filter(Boolean);

/** Templates like `/api/v2/agents/{agentId}/states`; the template doubles as the key in request counts. */
export class Router {
  private readonly routes: Route[] = [];

  /** `caseInsensitive`: literal segments match in any case (the incontact dialect's paths); params keep theirs. */
  constructor(private readonly options: { caseInsensitive?: boolean } = {}) {}

  on(method: string, template: string, handler: Handler): this {
    this.routes.push({ method, template, segments: split(template), handler });
    return this;
  }

  match(method: string, pathname: string): RouteMatch {
    const parts = split(pathname);
    const candidates = this.routes
      .map((route) => ({ route, params: bind(route.segments, parts, this.options.caseInsensitive ?? false) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined);
    const hit = candidates.find((c) => c.route.method === method);
    if (hit)
      return { kind: 'found', template: hit.route.template, params: hit.params, handler: hit.route.handler };
    const first = candidates[0];
    if (first)
      return {
        kind: 'wrong_method',
        template: first.route.template,
        allow: candidates.map((c) => c.route.method),
      };
    return { kind: 'none' };
  }
}

function bind(
  segments: string[],
  parts: string[],
  caseInsensitive: boolean,
): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (caseInsensitive ? segment.toLowerCase() !== part.toLowerCase() : segment !== part)
      return undefined;
  }
  return params;
}
