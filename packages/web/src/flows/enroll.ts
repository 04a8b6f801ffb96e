import { type DeviceInfo, isOtpError, renderQr } from '@otpkit/core';
import { BadInput, requiredText, textOf } from '../engine/fields.js';
import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import type { WebUser } from '../options.js';
import { consumePendingLogin } from '../tokens/pending-login.js';
import { confirmedDevices, policyOf, recordStepUp, withQuery } from './common.js';
import { completeLogin } from './complete-login.js';
import { requireStepUp } from './step-up.js';
import { verifyProblem } from './verify-step.js';

/** Who may enroll: a pending login without any factor (forced enrollment), or a signed-in user. */
export type EnrollAccess = { user: WebUser; pending: { bearer: string } | null };

/**
 * May this request add a factor? A pending login only while the user has no confirmed factor (else
 * the password alone could add one); a signed-in user with factors needs step-up.
 */
export async function enrollAccess(ctx: RequestContext): Promise<EnrollAccess | Outcome> {
  const state = ctx.state;
  if (state.type === 'pending') {
    const devices = await confirmedDevices(ctx, state.user.id);
    if (devices.length > 0) return redirect(ctx.core.path('/verify'), { stage: 'verify' });
    return { user: state.user, pending: { bearer: state.bearer } };
  }
  if (state.type === 'complete') {
    const stepUp = await requireStepUp(ctx, state.user, ctx.core.path('/enroll'));
    return stepUp ?? { user: state.user, pending: null };
  }
  return { kind: 'redirect', to: ctx.core.options.loginUrl, problem: { type: 'unauthenticated' } };
}

/** GET enroll: the factors on offer; "remind me later" while a grace period runs. */
export async function showEnroll(ctx: RequestContext, access: EnrollAccess): Promise<Outcome> {
  const policy = await policyOf(ctx, access.user);
  const { factors } = ctx.core.options;
  return page(
    'enroll',
    {
      required: policy.required,
      graceUntil: policy.graceUntil,
      factors,
      canSkip: access.pending !== null && (!policy.required || policy.inGrace),
      pending: access.pending !== null,
      error: null,
    },
    {
      stage: 'enroll',
      factors,
      required: policy.required,
      canSkip: access.pending !== null && policy.inGrace,
    },
  );
}

/** POST enroll/totp: a new (unconfirmed) TOTP device; the QR code and the key, shown once. */
export async function startTotp(ctx: RequestContext, access: EnrollAccess): Promise<Outcome> {
  const user = access.user;
  const label = user.email ?? user.username ?? user.id;
  const enrolled = await ctx.core.options.otp.enroll({ userId: user.id, kind: 'totp', label });
  const qrSvg = enrolled.uri ? await renderQr(enrolled.uri, 'svg') : null;
  const props = { deviceId: enrolled.device.id, qrSvg, manualKey: enrolled.manualKey ?? null, error: null };
  return page('enroll-totp', props, {
    deviceId: enrolled.device.id,
    uri: enrolled.uri,
    manualKey: enrolled.manualKey,
    qrSvg,
  });
}

/** POST enroll/email: the address form (no address yet), or send a code to the address. */
export async function startEmail(ctx: RequestContext, access: EnrollAccess): Promise<Outcome> {
  const fields = await ctx.fields();
  const email = textOf(fields, 'email', 254);
  if (email === undefined)
    return page('enroll-email', { email: access.user.email ?? '', error: null }, { stage: 'email-address' });
  try {
    const enrolled = await ctx.core.options.otp.enroll({
      userId: access.user.id,
      kind: 'email',
      email: email.trim(),
    });
    return page(
      'enroll-email-code',
      { deviceId: enrolled.device.id, email: email.trim(), error: null, info: null },
      { deviceId: enrolled.device.id },
    );
  } catch (error) {
    if (!isOtpError(error, 'OTP_INVALID_INPUT')) throw error;
    return problemPage(
      ctx,
      { type: 'bad-request', message: 'error.invalidEmail' },
      'enroll-email',
      (message) => ({ email, error: message }),
    );
  }
}

/** POST enroll/{totp,email}/confirm: a right code confirms the device and finishes enrollment. */
export async function confirmDevice(
  ctx: RequestContext,
  access: EnrollAccess,
  kind: 'totp' | 'email',
): Promise<Outcome> {
  const fields = await ctx.fields();
  const deviceId = requiredText(fields, 'deviceId', 128);
  const { result } = await verifyPostedConfirm(ctx, access.user, deviceId);
  if (!result.ok) {
    const problem = verifyProblem(result, kind);
    if (kind === 'totp') {
      return problemPage(ctx, problem, 'enroll-totp', (message) => ({
        deviceId,
        qrSvg: null,
        manualKey: null,
        error: result.reason === 'invalid' ? ctx.core.t('enroll.totp.retry') : message,
      }));
    }
    return problemPage(ctx, problem, 'enroll-email-code', (message) => ({
      deviceId,
      email: '',
      error: message,
      info: null,
    }));
  }
  const devices = await confirmedDevices(ctx, access.user.id);
  const device = devices.find((d) => d.id === deviceId) ?? null;
  return finishEnrollment(ctx, access, device, devices);
}

async function verifyPostedConfirm(ctx: RequestContext, user: WebUser, deviceId: string) {
  const fields = await ctx.fields();
  if (Object.hasOwn(fields, 'token') && typeof fields.token !== 'string') throw new BadInput('token');
  const token = typeof fields.token === 'string' && fields.token.length <= 64 ? fields.token : undefined;
  if (token === undefined) return { result: { ok: false as const, reason: 'malformed' as const } };
  return { result: await ctx.core.options.otp.confirm({ userId: user.id, deviceId, token }) };
}

/**
 * A first or further factor is confirmed. A pending login completes as verified (new session id);
 * a signed-in user exempt until now becomes verified. Then, when the user holds no backup codes
 * yet, on to saving them: the way back in when the phone is lost.
 */
async function finishEnrollment(
  ctx: RequestContext,
  access: EnrollAccess,
  device: DeviceInfo | null,
  devices: DeviceInfo[],
): Promise<Outcome> {
  const { options } = ctx.core;
  let next = ctx.core.path('/devices');
  const summary = device ? { id: device.id, kind: device.kind, name: device.name } : null;
  if (access.pending) {
    const pending = await consumePendingLogin(ctx.store, access.pending.bearer, ctx.now());
    if (!pending || pending.userId !== access.user.id) {
      return { kind: 'redirect', to: options.loginUrl, problem: { type: 'login-expired' } };
    }
    await completeLogin(ctx, { user: access.user, level: 'verified', device: summary });
    next = pending.next;
  } else if (ctx.state.type === 'complete') {
    if (ctx.state.login.level !== 'verified') {
      ctx.update({
        login: {
          ...ctx.state.login,
          level: 'verified',
          method: 'code',
          deviceId: summary?.id ?? null,
          deviceKind: summary?.kind ?? null,
          deviceName: summary?.name ?? null,
          verifiedAt: ctx.now(),
        },
      });
      ctx.state = { ...ctx.state, login: ctx.sessionData.login! };
    }
    await recordStepUp(ctx, access.user.id);
  }
  ctx.update({ notice: { key: 'enroll.done' } });
  if (options.backupCodes && !devices.some((d) => d.kind === 'backup-codes')) {
    return redirect(withQuery(ctx.core.path('/backup-codes'), { next }), {
      state: 'complete',
      stage: 'backup-codes',
    });
  }
  return redirect(next, { state: 'complete' });
}

/** POST enroll/later: skip enrollment during the grace period (the login completes as exempt). */
export async function enrollLater(ctx: RequestContext, access: EnrollAccess): Promise<Outcome> {
  const policy = await policyOf(ctx, access.user);
  if (!access.pending) return redirect(ctx.core.options.afterLogin);
  if (policy.required && !policy.inGrace) return problemPage(ctx, { type: 'enrollment-required' });
  const pending = await consumePendingLogin(ctx.store, access.pending.bearer, ctx.now());
  if (!pending || pending.userId !== access.user.id) {
    return { kind: 'redirect', to: ctx.core.options.loginUrl, problem: { type: 'login-expired' } };
  }
  await completeLogin(ctx, { user: access.user, level: 'exempt', device: null });
  return redirect(pending.next, { state: 'complete' });
}
