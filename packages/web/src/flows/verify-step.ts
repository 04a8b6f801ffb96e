import type { DeviceInfo, VerifyResult } from '@otpkit/core';
import { BadInput, textOf, tokenOf } from '../engine/fields.js';
import { type Outcome, page } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import type { Problem } from '../http/status-map.js';
import type { WebUser } from '../options.js';
import { confirmedDevices, methodOf, nameOf } from './common.js';

/** Which page a verification serves: the login's second step or a step-up. */
export type VerifyPurpose = 'login' | 'step-up';

/** The device the page asks a code of: the one requested, else the most recently used non-backup one. */
export function pickDevice(devices: DeviceInfo[], requested: string | undefined): DeviceInfo | null {
  if (requested) {
    const found = devices.find((d) => d.id === requested);
    if (found) return found;
  }
  const primary = devices.filter((d) => d.kind !== 'backup-codes');
  const byUse = [...primary].sort((a, b) => (b.lastUsedAt ?? 0) - (a.lastUsedAt ?? 0));
  return byUse[0] ?? devices[0] ?? null;
}

/** The verification page for a user, with an optional error (and its status) or information. */
export async function verifyPage(
  ctx: RequestContext,
  input: {
    purpose: VerifyPurpose;
    user: WebUser;
    next: string;
    deviceId?: string | undefined;
    devices?: DeviceInfo[];
    problem?: Problem;
    info?: string | null;
  },
): Promise<Outcome> {
  const devices = input.devices ?? (await confirmedDevices(ctx, input.user.id));
  const current = pickDevice(devices, input.deviceId);
  // A failed result does not name a kind; the method the page asked a code of does.
  const problem =
    input.problem?.type === 'verify' && input.problem.kind === undefined && current
      ? { ...input.problem, kind: current.kind }
      : input.problem;
  const { trustedBrowsers } = ctx.core.options;
  const props = (error: string | null) => ({
    purpose: input.purpose,
    userName: nameOf(input.user),
    next: input.next,
    methods: devices.map(methodOf),
    current: current ? methodOf(current) : null,
    trustDays: input.purpose === 'login' && trustedBrowsers.enabled ? trustedBrowsers.days : null,
    error,
    info: input.info ?? null,
  });
  if (problem) return problemPage(ctx, problem, 'verify', props);
  return page('verify', props(null), {
    stage: input.purpose === 'login' ? 'verify' : 'step-up',
    methods: devices.map(methodOf),
    current: current ? methodOf(current) : null,
    trustBrowser: props(null).trustDays !== null,
  });
}

/** Read the posted code and device and verify them. Garbage fields are a 400, not a crash. */
export async function verifyPosted(
  ctx: RequestContext,
  user: WebUser,
): Promise<{ result: VerifyResult; deviceId: string | undefined; fields: Record<string, unknown> }> {
  const fields = await ctx.fields();
  const deviceId = textOf(fields, 'deviceId', 128);
  if (Object.hasOwn(fields, 'token') && typeof fields.token !== 'string' && fields.token !== undefined) {
    throw new BadInput('token');
  }
  const token = tokenOf(fields);
  const result: VerifyResult =
    token === undefined
      ? { ok: false, reason: 'malformed' }
      : await ctx.core.options.otp.verifyToken({ userId: user.id, token, ...(deviceId ? { deviceId } : {}) });
  return { result, deviceId, fields };
}

/** A failed verification as a problem of the one status table (`kind`: the method asked for). */
export function verifyProblem(result: Extract<VerifyResult, { ok: false }>, kind?: string): Problem {
  return { type: 'verify', reason: result.reason, retryAfterMs: result.retryAfterMs, kind };
}

/**
 * "Email me a code": a challenge to one of the user's email devices, then the page again with
 * what happened (sent, or the cooldown's remaining seconds as a 429 with `Retry-After`).
 */
export async function sendCode(
  ctx: RequestContext,
  input: { purpose: VerifyPurpose; user: WebUser; next: string },
): Promise<Outcome> {
  const fields = await ctx.fields();
  const deviceId = textOf(fields, 'deviceId', 128);
  const devices = await confirmedDevices(ctx, input.user.id);
  const device = devices.find((d) => d.id === deviceId && d.kind === 'email');
  if (!device)
    return verifyPage(ctx, { ...input, devices, problem: { type: 'verify', reason: 'no-device' } });
  const sent = await ctx.core.options.otp.challenge({ userId: input.user.id, deviceId: device.id });
  if (sent.sent) {
    const email = methodOf(device).detail ?? '';
    return verifyPage(ctx, {
      ...input,
      devices,
      deviceId: device.id,
      info: ctx.core.t('verify.codeSent', { email }),
    });
  }
  return verifyPage(ctx, {
    ...input,
    devices,
    deviceId: device.id,
    problem: { type: 'error', code: 'OTP_COOLDOWN', retryAfterMs: sent.retryAfterMs },
  });
}
