import { BadInput, textOf } from '../engine/fields.js';
import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { safeNextPath } from '../security/next-url.js';
import { beginLogin } from './complete-login.js';

/** GET login: the password form (already signed in: straight on). */
export async function showLogin(ctx: RequestContext): Promise<Outcome> {
  const next = safeNextPath(ctx.req.query.get('next'), ctx.core.options.afterLogin);
  if (ctx.state.type === 'complete') return redirect(next);
  return page('login', { next, username: '', error: null }, { state: ctx.state.type });
}

/**
 * POST login: the host's `authenticate` checks the password (and throttles password guessing);
 * a match starts the second step. A miss re-shows the form with 401, saying no more than "did not
 * match".
 */
export async function submitLogin(ctx: RequestContext): Promise<Outcome> {
  const authenticate = ctx.core.options.authenticate!;
  const fields = await ctx.fields();
  const username = textOf(fields, 'username', 256) ?? '';
  const password = textOf(fields, 'password', 1024) ?? '';
  const next = safeNextPath(textOf(fields, 'next', 2048), ctx.core.options.afterLogin);
  if (username.length === 0 || password.length === 0) throw new BadInput('username');
  const user = await authenticate({ username, password, request: ctx.req.raw });
  if (!user) {
    return {
      kind: 'page',
      view: 'login',
      props: { next, username, error: ctx.core.t('login.failed') },
      status: 401,
      json: {},
      problemCode: 'invalid-credentials',
    };
  }
  return beginLogin(ctx, user, next);
}
