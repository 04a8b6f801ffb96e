import { textOf } from '../engine/fields.js';
import { type Outcome, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import type { WebUser } from '../options.js';
import { safeNextPath } from '../security/next-url.js';
import { confirmedDevices, recordStepUp, stepUpFresh, withQuery } from './common.js';
import { sendCode, verifyPage, verifyPosted, verifyProblem } from './verify-step.js';

type Complete = Extract<RequestContext['state'], { type: 'complete' }>;

/**
 * Ask for a fresh verification before a sensitive change. `returnTo` is a page (a GET) that shows
 * the change again: after step-up the user confirms it there; a POST body is never replayed.
 * A user without any factor has nothing to verify with and passes.
 */
export async function requireStepUp(
  ctx: RequestContext,
  user: WebUser,
  returnTo: string,
): Promise<Outcome | null> {
  if (await stepUpFresh(ctx, user.id)) return null;
  const devices = await confirmedDevices(ctx, user.id);
  if (devices.length === 0) return null;
  return {
    kind: 'redirect',
    to: withQuery(ctx.core.path('/step-up'), { next: returnTo }),
    problem: { type: 'step-up' },
  };
}

const nextOf = (ctx: RequestContext, value: unknown) => safeNextPath(value, ctx.core.path('/devices'));

/** GET step-up: the verification page, returning to `next`. */
export async function showStepUp(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const next = nextOf(ctx, ctx.req.query.get('next'));
  const devices = await confirmedDevices(ctx, state.user.id);
  if (devices.length === 0) return redirect(next);
  const deviceId = ctx.req.query.get('device') ?? undefined;
  return verifyPage(ctx, { purpose: 'step-up', user: state.user, next, deviceId, devices });
}

/** POST step-up: a right code grants step-up for `stepUpMs` and returns to `next`. */
export async function submitStepUp(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const { result, deviceId, fields } = await verifyPosted(ctx, state.user);
  const next = nextOf(ctx, textOf(fields, 'next', 2048));
  if (!result.ok) {
    return verifyPage(ctx, {
      purpose: 'step-up',
      user: state.user,
      next,
      deviceId,
      problem: verifyProblem(result),
    });
  }
  await recordStepUp(ctx, state.user.id);
  ctx.core.events.emit('step-up', { userId: state.user.id });
  return redirect(next, { stepUp: true });
}

/** POST step-up/send: email a code for step-up. */
export async function sendStepUpCode(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const fields = await ctx.fields();
  const next = nextOf(ctx, textOf(fields, 'next', 2048));
  return sendCode(ctx, { purpose: 'step-up', user: state.user, next });
}
