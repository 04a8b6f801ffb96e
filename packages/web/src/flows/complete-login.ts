import type { DeviceInfo } from '@otpkit/core';
import { type Outcome, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import type { WebUser } from '../options.js';
import { safeNextPath } from '../security/next-url.js';
import { dropPendingLogin, startPendingLogin } from '../tokens/pending-login.js';
import { grantStepUp } from '../tokens/step-up.js';
import { confirmedDevices, policyOf } from './common.js';

/**
 * Finish a login: a new session id (the host's data kept, otpkit's replaced), the completed login
 * recorded, and, when a code was just checked, a step-up grant (a trusted browser gets none: sensitive
 * changes still ask for a code).
 */
export async function completeLogin(
  ctx: RequestContext,
  input: {
    user: WebUser;
    level: 'verified' | 'exempt';
    device: Pick<DeviceInfo, 'id' | 'kind' | 'name'> | null;
    /** False for a trusted browser: no code was checked now, so no step-up grant. @default true */
    freshCode?: boolean;
  },
): Promise<void> {
  const now = ctx.now();
  const stepUp =
    input.level === 'verified' && input.freshCode !== false
      ? await grantStepUp(ctx.store, { userId: input.user.id, now, ttlMs: ctx.core.options.stepUpMs })
      : undefined;
  const method = input.level === 'exempt' ? 'exempt' : input.freshCode === false ? 'trusted-browser' : 'code';
  await ctx.regenerate(true, {
    login: {
      userId: input.user.id,
      level: input.level,
      method,
      deviceId: input.device?.id ?? null,
      deviceKind: input.device?.kind ?? null,
      deviceName: input.device?.name ?? null,
      verifiedAt: now,
    },
    ...(stepUp ? { stepUp } : {}),
  });
  ctx.state = { type: 'complete', user: input.user, login: ctx.sessionData.login! };
  ctx.core.events.emit('login.completed', {
    userId: input.user.id,
    method,
    ...(input.device ? { deviceId: input.device.id } : {}),
  });
}

/**
 * The password is done (otpkit's page or the host's own login): decide the next stage. A user with
 * a confirmed factor goes to the code step; one without goes to enrollment when the policy requires
 * a factor, or is signed in as `exempt` when it does not. The pending login lives in the store.
 */
export async function beginLogin(ctx: RequestContext, user: WebUser, nextInput: unknown): Promise<Outcome> {
  if (!user || typeof user.id !== 'string' || user.id.length === 0 || user.id.length > 255) {
    throw new TypeError('beginLogin: the user needs an id (a non-empty string)');
  }
  const { options } = ctx.core;
  const next = safeNextPath(nextInput, options.afterLogin);
  if (ctx.state.type === 'pending') {
    await dropPendingLogin(ctx.store, ctx.state.bearer, ctx.state.user.id);
    ctx.core.events.emit('pending.abandoned', { userId: ctx.state.user.id, reason: 'replaced' });
  }
  const devices = await confirmedDevices(ctx, user.id);
  if (devices.length === 0) {
    const policy = await policyOf(ctx, user);
    if (!policy.required) {
      await completeLogin(ctx, { user, level: 'exempt', device: null });
      return redirect(next, { state: 'complete' });
    }
  }
  const bearer = await startPendingLogin(ctx.store, {
    userId: user.id,
    next,
    now: ctx.now(),
    ttlMs: options.pendingLoginMs,
  });
  ctx.update({ pending: bearer, login: undefined, stepUp: undefined });
  const pending = { userId: user.id, next, createdAt: ctx.now() };
  ctx.state = { type: 'pending', user, pending, bearer };
  return redirect(ctx.core.path(devices.length > 0 ? '/verify' : '/enroll'), {
    state: 'pending',
    stage: devices.length > 0 ? 'verify' : 'enroll',
  });
}
