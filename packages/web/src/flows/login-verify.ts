import { checked } from '../engine/fields.js';
import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import { setCookie } from '../http/cookies.js';
import { headerValue } from '../http/request.js';
import { consumePendingLogin } from '../tokens/pending-login.js';
import { checkTrustedBrowser, trustBrowser } from '../tokens/trusted-browser.js';
import { confirmedDevices } from './common.js';
import { completeLogin } from './complete-login.js';
import { sendCode, verifyPage, verifyPosted, verifyProblem } from './verify-step.js';

type Pending = Extract<RequestContext['state'], { type: 'pending' }>;

/**
 * GET verify: the second step of a pending login. A trusted browser of this very user (with the
 * user's current security stamp) completes the login without a code; a user without a factor is
 * sent to enrollment; a locked user gets the page that says how to get unlocked.
 */
export async function showVerify(ctx: RequestContext, state: Pending): Promise<Outcome> {
  const { options } = ctx.core;
  const status = await options.otp.status({ userId: state.user.id });
  if (status.locked) return problemPage(ctx, { type: 'verify', reason: 'locked' });
  const devices = await confirmedDevices(ctx, state.user.id);
  if (devices.length === 0) return redirect(ctx.core.path('/enroll'), { stage: 'enroll' });
  if (options.trustedBrowsers.enabled) {
    const trusted = await checkTrustedBrowser(ctx.store, {
      bearer: ctx.req.cookies[options.trustedBrowsers.cookieName],
      userId: state.user.id,
      stamp: status.stamp,
      now: ctx.now(),
    });
    if (trusted) {
      const pending = await consumePendingLogin(ctx.store, state.bearer, ctx.now());
      if (!pending || pending.userId !== state.user.id) return redirect(options.loginUrl, undefined);
      await completeLogin(ctx, { user: state.user, level: 'verified', device: null, freshCode: false });
      return redirect(pending.next, { state: 'complete', trustedBrowser: true });
    }
  }
  const requested = ctx.req.query.get('device') ?? undefined;
  return verifyPage(ctx, {
    purpose: 'login',
    user: state.user,
    next: state.pending.next,
    deviceId: requested,
    devices,
  });
}

/**
 * POST verify: check the code; on success use the pending login up (one racer only), complete the
 * login with a new session id, optionally trust this browser, and go on (after a backup code: a page
 * saying how many remain).
 */
export async function submitVerify(ctx: RequestContext, state: Pending): Promise<Outcome> {
  const { options } = ctx.core;
  const { result, deviceId, fields } = await verifyPosted(ctx, state.user);
  if (!result.ok) {
    return verifyPage(ctx, {
      purpose: 'login',
      user: state.user,
      next: state.pending.next,
      deviceId,
      problem: verifyProblem(result),
    });
  }
  const pending = await consumePendingLogin(ctx.store, state.bearer, ctx.now());
  if (!pending || pending.userId !== state.user.id) {
    ctx.update({ pending: undefined });
    ctx.state = { type: 'anonymous' };
    return { kind: 'redirect', to: options.loginUrl, problem: { type: 'login-expired' } };
  }
  const device = result.device;
  await completeLogin(ctx, { user: state.user, level: 'verified', device });
  if (options.trustedBrowsers.enabled && checked(fields, 'trust')) {
    const status = await options.otp.status({ userId: state.user.id });
    const { bearer, browser } = await trustBrowser(ctx.store, {
      userId: state.user.id,
      stamp: status.stamp,
      userAgent: headerValue(ctx.req.headers, 'user-agent'),
      now: ctx.now(),
      ttlMs: options.trustedBrowsers.days * 86_400_000,
    });
    ctx.cookies.push(
      setCookie({
        name: options.trustedBrowsers.cookieName,
        value: bearer,
        path: options.basePath,
        secure: ctx.req.secure,
        maxAge: options.trustedBrowsers.days * 86_400,
      }),
    );
    ctx.core.events.emit('browser.trusted', {
      userId: state.user.id,
      browser: browser.browser,
      os: browser.os,
    });
    ctx.core.notify(state.user.id, 'browser-trusted', {
      browser: browser.browser,
      os: browser.os,
      days: options.trustedBrowsers.days,
    });
  }
  if (result.kind === 'backup-codes') {
    const remaining = remainingOf(result, device);
    return page(
      'backup-code-used',
      { remaining, next: pending.next },
      { state: 'complete', next: pending.next, remaining },
    );
  }
  return redirect(pending.next, { state: 'complete' });
}

function remainingOf(
  result: { remaining?: unknown },
  device: { details?: Record<string, unknown> } | undefined,
) {
  if (typeof result.remaining === 'number') return result.remaining;
  const fromDevice = device?.details?.remaining;
  return typeof fromDevice === 'number' ? fromDevice : 0;
}

/** POST verify/send: email a code for the pending login. */
export function sendLoginCode(ctx: RequestContext, state: Pending): Promise<Outcome> {
  return sendCode(ctx, { purpose: 'login', user: state.user, next: state.pending.next });
}
