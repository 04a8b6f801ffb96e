import type { Otp } from '@otpkit/core';
import type { NotifyEvent, ResolvedWebOptions } from '../options.js';
import { escapeHtml } from '../views/html.js';
import type { MessageKey, Translate } from '../views/messages.js';

const SUBJECTS: Record<NotifyEvent, { subject: MessageKey; body: MessageKey }> = {
  'backup-code-used': { subject: 'notify.backupCodeUsed.subject', body: 'notify.backupCodeUsed.body' },
  'device-added': { subject: 'notify.deviceAdded.subject', body: 'notify.deviceAdded.body' },
  'device-removed': { subject: 'notify.deviceRemoved.subject', body: 'notify.deviceRemoved.body' },
  'browser-trusted': { subject: 'notify.browserTrusted.subject', body: 'notify.browserTrusted.body' },
  locked: { subject: 'notify.locked.subject', body: 'notify.locked.body' },
  throttled: { subject: 'notify.throttled.subject', body: 'notify.throttled.body' },
};

type Params = Record<string, string | number>;

const KIND_LABELS: Record<string, MessageKey> = {
  totp: 'devices.kind.totp',
  hotp: 'devices.kind.hotp',
  email: 'devices.kind.email',
  'backup-codes': 'devices.kind.backup-codes',
};

/**
 * A method as a person reads it: the kind's label from the messages table ("Authenticator app"),
 * with the device's name when it says more than the label ("Authenticator app “Work phone”").
 */
export function methodText(t: Translate, kind: string, name?: string | null): string {
  const key = KIND_LABELS[kind];
  const label = key ? t(key) : kind;
  const named = name?.trim();
  return named && named.toLowerCase() !== label.toLowerCase()
    ? t('notify.method.named', { label, name: named })
    : label;
}

/** Sends a notification in the background; `params` may be computed there (a device's name). */
export type Notify = (userId: string, event: NotifyEvent, params?: Params | (() => Promise<Params>)) => void;

/**
 * Opt-in security emails. Each is sent in the background to the user's `email` (as `loadUser`
 * returns it): a failure goes to `onError` and never slows or breaks a login.
 */
export function createNotifier(options: ResolvedWebOptions, t: Translate): Notify {
  const notify = options.notify;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing error reporter must not break anything either.
    }
  };
  return function send(userId, event, params = {}) {
    if (!notify?.events.includes(event)) return;
    void (async () => {
      const user = await options.loadUser(userId);
      if (!user?.email) return;
      const values = typeof params === 'function' ? await params() : params;
      const keys = SUBJECTS[event];
      const text = t(keys.body, values);
      await notify.mailer.send({
        to: user.email,
        subject: t(keys.subject, values),
        text,
        html: `<p>${escapeHtml(text)}</p>`,
      });
    })().catch(report);
  };
}

/**
 * Device names the flows know while they change a device, for the service's events, which carry
 * only the kind (a removed device cannot be looked up any more).
 */
export function createDeviceNames() {
  const names = new Map<string, string>();
  return {
    /** Remember a device's name while `change` runs. */
    async during<T>(deviceId: string, name: string, change: () => Promise<T>): Promise<T> {
      names.set(deviceId, name);
      try {
        return await change();
      } finally {
        names.delete(deviceId);
      }
    },
    get: (deviceId: string) => names.get(deviceId),
  };
}

export type DeviceNames = ReturnType<typeof createDeviceNames>;

/**
 * Wire the service's events to notifications (backup code used, factors added and removed, locks).
 * Backup codes are a recovery set, not a method: replacing them (which removes the old set) is not
 * announced as a removal, as creating them is not announced as an addition.
 */
export function subscribeNotifications(
  otp: Otp,
  options: ResolvedWebOptions,
  t: Translate,
  send: Notify,
  names: DeviceNames,
) {
  if (!options.notify) return;
  const throttledAfter = options.notify.throttledAfter;
  otp.events.on('backup-code.used', ({ userId, remaining }) =>
    send(userId, 'backup-code-used', { count: remaining }),
  );
  otp.events.on('device.confirmed', ({ userId, deviceId, kind }) => {
    if (kind === 'backup-codes') return;
    send(userId, 'device-added', async () => {
      const device = (await otp.listDevices({ userId })).find((d) => d.id === deviceId);
      const method = methodText(t, kind, device?.name);
      return { method, name: method };
    });
  });
  otp.events.on('device.removed', ({ userId, deviceId, kind }) => {
    if (kind === 'backup-codes') return;
    const method = methodText(t, kind, names.get(deviceId));
    send(userId, 'device-removed', { method, name: method });
  });
  otp.events.on('locked', ({ userId }) => send(userId, 'locked'));
  otp.events.on('failed', ({ userId, failures }) => {
    if (failures === throttledAfter) send(userId, 'throttled', { failures });
  });
}
