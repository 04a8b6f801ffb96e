import { parseOptions } from '@otpkit/core';
import { z } from 'zod';
import { policyOf, withQuery } from '../flows/common.js';
import { requireStepUp } from '../flows/step-up.js';
import { headerValue } from '../http/request.js';
import { dropPendingLogin } from '../tokens/pending-login.js';
import type { Outcome } from './outcome.js';
import type { RequestContext } from './request-context.js';

/** Options of the guard (`requireOtp` in the adapters), checked once when the guard is created. */
export const guardOptionsSchema = z
  .object({
    /** Where anonymous visitors go (with `?next=`). @default the web option `loginUrl` */
    redirectTo: z
      .string()
      .regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site starting with one /')
      .optional(),
    /** Also ask for a verification within `stepUpMs` (for the most sensitive pages). @default false */
    stepUp: z.boolean().default(false),
    /**
     * Only a login completed with a second factor gets through: a user the policy exempts (no
     * factor yet, or inside a grace period) is sent to enrollment instead, as django-otp's
     * `OTPAdminSite` admits only verified users. For an admin panel. @default false
     */
    verified: z.boolean().default(false),
  })
  .strict();

/** Options of the guard. */
export type GuardOptions = z.input<typeof guardOptionsSchema>;

/**
 * Parse guard options once (adapters call it when `requireOtp(…)` is created); a bad option throws
 * a `TypeError` naming it.
 *
 * @example
 * ```ts
 * const options = parseGuardOptions({ redirectTo: '/login' }, 'requireOtp');
 * ```
 */
export function parseGuardOptions(input: GuardOptions | undefined, scope = 'requireOtp'): GuardOptions {
  return parseOptions(guardOptionsSchema, input ?? {}, scope);
}

/** Is this a page navigation (not an image, a script or a fetch)? */
export function isNavigation(ctx: RequestContext): boolean {
  if (ctx.req.method !== 'GET') return false;
  const dest = headerValue(ctx.req.headers, 'sec-fetch-dest');
  if (dest !== undefined) return dest === 'document';
  return /text\/html/i.test(headerValue(ctx.req.headers, 'accept') ?? '');
}

/**
 * With `resetPendingOnLeave`, navigating away from the second step abandons the pending login
 * (the password must be entered again).
 */
export async function resetPendingOnLeave(ctx: RequestContext): Promise<void> {
  if (!ctx.core.options.resetPendingOnLeave || ctx.state.type !== 'pending' || !isNavigation(ctx)) return;
  await dropPendingLogin(ctx.store, ctx.state.bearer, ctx.state.user.id);
  ctx.update({ pending: undefined });
  ctx.core.events.emit('pending.abandoned', { userId: ctx.state.user.id, reason: 'left' });
  ctx.state = { type: 'anonymous' };
}

/**
 * The guard of the host's protected routes. It reads otpkit's own session data only, so no host
 * session key (a `user` set by another login route) can satisfy it: a completed login at level
 * `verified`, or `exempt` while the policy still exempts the user (never with `verified: true`). Anything else is sent on (a
 * login, the second step, enrollment, step-up) or refused with 401/403 for JSON clients.
 */
export async function guardOutcome(ctx: RequestContext, options: GuardOptions): Promise<Outcome | null> {
  const { options: web, path } = ctx.core;
  const state = ctx.state;
  const here = ctx.req.method === 'GET' ? ctx.req.url : ctx.req.path;
  if (state.type === 'anonymous') {
    return {
      kind: 'redirect',
      to: withQuery(options.redirectTo ?? web.loginUrl, { next: here }),
      problem: { type: 'unauthenticated' },
    };
  }
  if (state.type === 'pending')
    return { kind: 'redirect', to: path('/verify'), problem: { type: 'unauthenticated' } };
  if (state.login.level !== 'verified') {
    const policy = options.verified ? null : await policyOf(ctx, state.user);
    if (!policy || (policy.required && !policy.inGrace)) {
      return { kind: 'redirect', to: path('/enroll'), problem: { type: 'enrollment-required' } };
    }
  }
  if (options.stepUp) return requireStepUp(ctx, state.user, here);
  return null;
}
