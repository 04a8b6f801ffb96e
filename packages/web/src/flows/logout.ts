import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { dropPendingLogin } from '../tokens/pending-login.js';

/** GET logout: a page with a sign-out button (signing out on a GET would let any site do it). */
export function showLogout(): Outcome {
  return page('logout', {});
}

/**
 * Sign out: abandon a pending login, then a new, empty session (host data included: the login is
 * over). The trusted-browser cookie stays: trusting a browser outlives a session by design.
 */
export async function logout(ctx: RequestContext): Promise<Outcome> {
  const state = ctx.state;
  if (state.type === 'pending') await dropPendingLogin(ctx.store, state.bearer, state.user.id);
  await ctx.regenerate(false, {});
  ctx.state = { type: 'anonymous' };
  if (state.type === 'pending') {
    ctx.core.events.emit('pending.abandoned', { userId: state.user.id, reason: 'logout' });
  } else if (state.type === 'complete') {
    ctx.core.events.emit('logout', { userId: state.user.id });
  }
  return redirect(ctx.core.options.loginUrl, { state: 'anonymous' });
}
