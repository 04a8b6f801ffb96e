import type { DeviceInfo } from '@otpkit/core';
import type { RequestContext } from '../engine/request-context.js';
import type { WebUser } from '../options.js';
import { grantStepUp, hasStepUp } from '../tokens/step-up.js';
import type { MethodChoice } from '../views/view-props.js';

/** Show an address as `a•••e@acme.test`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local[0]! : `${local[0]}•••${local.at(-1)}`;
  return `${shown}${email.slice(at)}`;
}

/** A device as a choice on the verification page. */
export function methodOf(device: DeviceInfo): MethodChoice {
  const details = (device as { details?: Record<string, unknown> }).details ?? {};
  const detail =
    device.kind === 'email' && typeof details.email === 'string'
      ? maskEmail(details.email)
      : device.kind === 'backup-codes' && typeof details.remaining === 'number'
        ? String(details.remaining)
        : null;
  return { id: device.id, name: device.name, kind: device.kind, detail };
}

/** The user's confirmed devices, the ones that can verify a code; backup codes last. */
export async function confirmedDevices(ctx: RequestContext, userId: string): Promise<DeviceInfo[]> {
  const devices = await ctx.core.options.otp.listDevices({ userId });
  return devices
    .filter((d) => d.confirmed)
    .sort((a, b) => Number(a.kind === 'backup-codes') - Number(b.kind === 'backup-codes'));
}

/** Does the user have a confirmed factor that is not a recovery factor (backup codes)? */
export const hasPrimaryFactor = (devices: DeviceInfo[]) => devices.some((d) => d.kind !== 'backup-codes');

/** The policy for a user, with the grace period resolved against now. */
export async function policyOf(
  ctx: RequestContext,
  user: WebUser,
): Promise<{ required: boolean; graceUntil: number | null; inGrace: boolean }> {
  const { policy } = ctx.core.options;
  const decision: unknown = policy ? await policy(user) : 'required';
  if (decision === 'optional') return { required: false, graceUntil: null, inGrace: false };
  if (typeof decision === 'object' && decision !== null && 'graceUntil' in decision) {
    const grace = (decision as { graceUntil: unknown }).graceUntil;
    const until = grace instanceof Date ? grace.getTime() : Number(grace);
    const graceUntil = Number.isFinite(until) ? until : null;
    return { required: true, graceUntil, inGrace: graceUntil !== null && ctx.now() < graceUntil };
  }
  return { required: true, graceUntil: null, inGrace: false };
}

/** The name shown for a user. */
export const nameOf = (user: WebUser) => user.displayName ?? user.username ?? user.id;

/** True when the session holds a live step-up grant for the signed-in user. */
export async function stepUpFresh(ctx: RequestContext, userId: string): Promise<boolean> {
  return hasStepUp(ctx.store, ctx.sessionData.stepUp, userId, ctx.now());
}

/** Record a fresh verification in the session (a new step-up grant). */
export async function recordStepUp(ctx: RequestContext, userId: string): Promise<void> {
  const bearer = await grantStepUp(ctx.store, { userId, now: ctx.now(), ttlMs: ctx.core.options.stepUpMs });
  ctx.update({ stepUp: bearer });
}

/** The path and query of a same-site URL built from otpkit routes. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
