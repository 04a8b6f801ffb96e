import { type Outcome, page } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { loginMethodOf } from '../session/session-port.js';
import { nameOf } from './common.js';

/**
 * GET session (JSON): where the session stands and the CSRF token that single-page clients send
 * back in `X-CSRF-Token`.
 */
export function sessionInfo(ctx: RequestContext): Outcome {
  const state = ctx.state;
  const base = { state: state.type, csrfToken: ctx.csrfToken() };
  if (state.type === 'anonymous') return page('error', { status: 200, message: '', back: null }, base);
  const user = { id: state.user.id, name: nameOf(state.user) };
  if (state.type === 'pending')
    return page('error', { status: 200, message: '', back: null }, { ...base, user });
  const { login } = state;
  return page(
    'error',
    { status: 200, message: '', back: null },
    {
      ...base,
      user,
      level: login.level,
      method: loginMethodOf(login),
      verifiedAt: login.verifiedAt,
      device: login.deviceId ? { id: login.deviceId, kind: login.deviceKind, name: login.deviceName } : null,
    },
  );
}
