import { isOtpError } from '@otpkit/core';
import { textOf } from '../engine/fields.js';
import { type Outcome, page, redirect } from '../engine/outcome.js';
import type { RequestContext } from '../engine/request-context.js';
import { problemPage } from '../engine/respond.js';
import { listTrustedBrowsers, trustedBrowserIdOf } from '../tokens/trusted-browser.js';
import { hasPrimaryFactor, methodOf } from './common.js';
import { requireStepUp } from './step-up.js';

type Complete = Extract<RequestContext['state'], { type: 'complete' }>;

/** GET devices: methods, backup codes and trusted browsers of the signed-in user. */
export async function showDevices(ctx: RequestContext, state: Complete): Promise<Outcome> {
  const { options } = ctx.core;
  const all = await options.otp.listDevices({ userId: state.user.id });
  const devices = all.map((d) => ({
    ...methodOf(d),
    confirmed: d.confirmed,
    createdAt: d.createdAt,
    lastUsedAt: d.lastUsedAt,
  }));
  const backup = all.find((d) => d.kind === 'backup-codes' && d.confirmed);
  const remaining = (backup as { details?: { remaining?: unknown } } | undefined)?.details?.remaining;
  const cookie = ctx.req.cookies[options.trustedBrowsers.cookieName];
  const currentId = cookie ? trustedBrowserIdOf(cookie) : null;
  const browsers = options.trustedBrowsers.enabled
    ? (await listTrustedBrowsers(ctx.store, state.user.id, ctx.now())).map((b) => ({
        id: b.id,
        browser: b.browser,
        os: b.os,
        createdAt: b.createdAt,
        lastUsedAt: b.lastUsedAt,
        current: b.id === currentId,
      }))
    : null;
  const backupRemaining = backup ? (typeof remaining === 'number' ? remaining : 0) : null;
  return page(
    'devices',
    {
      devices: devices.filter((d) => d.confirmed),
      backupRemaining,
      backupCodes: options.backupCodes,
      browsers,
    },
    { devices: devices.filter((d) => d.confirmed), backupRemaining, browsers },
  );
}

async function ownDevice(ctx: RequestContext, state: Complete, deviceId: string) {
  const devices = await ctx.core.options.otp.listDevices({ userId: state.user.id });
  return devices.find((d) => d.id === deviceId && d.confirmed) ?? null;
}

/** GET/POST devices/:id/rename (after step-up). */
export async function renameDevice(ctx: RequestContext, state: Complete, deviceId: string): Promise<Outcome> {
  const route = ctx.core.path(`/devices/${encodeURIComponent(deviceId)}/rename`);
  const stepUp = await requireStepUp(ctx, state.user, route);
  if (stepUp) return stepUp;
  const device = await ownDevice(ctx, state, deviceId);
  if (!device) return problemPage(ctx, { type: 'error', code: 'OTP_DEVICE_NOT_FOUND' });
  if (ctx.req.method === 'GET') {
    return page(
      'rename',
      { deviceId, name: device.name, currentName: device.name, error: null },
      { device: methodOf(device) },
    );
  }
  const name = textOf(await ctx.fields(), 'name', 1024) ?? '';
  try {
    await ctx.core.options.otp.renameDevice({ userId: state.user.id, deviceId, name });
  } catch (error) {
    if (!isOtpError(error, 'OTP_INVALID_INPUT')) throw error;
    return problemPage(ctx, { type: 'bad-request', message: 'error.invalidName' }, 'rename', (message) => ({
      deviceId,
      name: name.slice(0, 64),
      currentName: device.name,
      error: message,
    }));
  }
  ctx.update({ notice: { key: 'devices.renamed' } });
  return redirect(ctx.core.path('/devices'));
}

/**
 * GET/POST devices/:id/remove (after step-up). Removing the last real factor turns this session's
 * login into `exempt`, so the guard sends a user whose policy requires a factor back to enrollment.
 */
export async function removeDevice(ctx: RequestContext, state: Complete, deviceId: string): Promise<Outcome> {
  const { t, options } = ctx.core;
  const route = ctx.core.path(`/devices/${encodeURIComponent(deviceId)}/remove`);
  const stepUp = await requireStepUp(ctx, state.user, route);
  if (stepUp) return stepUp;
  const device = await ownDevice(ctx, state, deviceId);
  if (!device) return problemPage(ctx, { type: 'error', code: 'OTP_DEVICE_NOT_FOUND' });
  if (ctx.req.method === 'GET') {
    const devices = await options.otp.listDevices({ userId: state.user.id });
    const others = devices.filter((d) => d.confirmed && d.id !== deviceId);
    const last = device.kind !== 'backup-codes' && !hasPrimaryFactor(others);
    return page(
      'confirm',
      {
        title: t('confirm.remove.title', { name: device.name }),
        body: last ? t('confirm.remove.last') : t('confirm.remove.body'),
        action: route,
        button: t('action.remove'),
        danger: true,
        cancel: ctx.core.path('/devices'),
      },
      { device: methodOf(device), last },
    );
  }
  await ctx.core.deviceNames.during(deviceId, device.name, () =>
    options.otp.removeDevice({ userId: state.user.id, deviceId }),
  );
  const remaining = (await options.otp.listDevices({ userId: state.user.id })).filter((d) => d.confirmed);
  if (!hasPrimaryFactor(remaining)) {
    ctx.update({
      login: {
        ...state.login,
        level: 'exempt',
        method: 'exempt',
        deviceId: null,
        deviceKind: null,
        deviceName: null,
      },
    });
  } else if (state.login.deviceId === deviceId) {
    ctx.update({ login: { ...state.login, deviceId: null, deviceKind: null, deviceName: null } });
  }
  ctx.update({ notice: { key: 'devices.removed' } });
  return redirect(ctx.core.path('/devices'));
}
