import type { WebResponse } from '../http/response.js';
import { problemOf } from '../http/status-map.js';
import { checkCsrf } from '../security/csrf.js';
import { BadInput } from './fields.js';
import type { Outcome } from './outcome.js';
import type { RequestContext } from './request-context.js';
import { respond } from './respond.js';
import { type Route, runHandler } from './routes.js';

/** The route-relative path of a request under the base path, or null when it is not otpkit's. */
export function ownPath(path: string, basePath: string): string | null {
  if (path === basePath) return '/';
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : null;
}

function decodeParams(match: RegExpExecArray): string[] | null {
  try {
    return match.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

/** What a flow threw, as a problem of the status table (a bug, anything else, still throws). */
export function outcomeOfError(error: unknown): Outcome {
  return { kind: 'problem', problem: error instanceof BadInput ? { type: 'bad-request' } : problemOf(error) };
}

/** Run a flow, mapping what it throws through the status table (a bug still throws). */
export async function guarded(ctx: RequestContext, run: () => Promise<Outcome>): Promise<WebResponse> {
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = outcomeOfError(error);
  }
  return respond(ctx, outcome);
}

/**
 * Answer a request under the base path: match the route (404, 405 with `Allow`), read and check
 * the body of a POST (413, 415, 400) and its CSRF token and origin (403), check access, run the flow.
 */
export async function handleOwnRoute(
  ctx: RequestContext,
  routes: Route[],
  relative: string,
): Promise<WebResponse> {
  return guarded(ctx, async () => {
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of routes) {
      match = candidate.pattern.exec(relative);
      if (match) {
        route = candidate;
        break;
      }
    }
    if (!route || !match) return { kind: 'problem', problem: { type: 'not-found' } };
    if (route.json) ctx.req.wantsJson = true;
    const method = ctx.req.method === 'HEAD' ? 'GET' : ctx.req.method;
    const handler = route.methods[method as 'GET' | 'POST'];
    if (!handler) {
      return { kind: 'problem', problem: { type: 'method', allow: Object.keys(route.methods).join(', ') } };
    }
    const params = decodeParams(match);
    if (!params) return { kind: 'problem', problem: { type: 'bad-request' } };
    if (!route.stateless) await ctx.resolve();
    if (method === 'POST') {
      const fields = await ctx.fields();
      const failure = checkCsrf(ctx.req, fields._csrf, ctx.sessionData.csrf, ctx.core.options.trustedOrigins);
      if (failure) return { kind: 'problem', problem: { type: 'csrf' } };
    }
    return runHandler(ctx, handler, params);
  });
}
