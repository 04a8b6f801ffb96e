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

/**
 * Opt-in security emails. Each is sent in the background to the user's `email` (as `loadUser`
 * returns it): a failure goes to `onError` and never slows or breaks a login.
 */
export function createNotifier(options: ResolvedWebOptions, t: Translate) {
  const notify = options.notify;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A failing error reporter must not break anything either.
    }
  };
  function send(userId: string, event: NotifyEvent, params: Record<string, string | number> = {}): void {
    if (!notify?.events.includes(event)) return;
    void (async () => {
      const user = await options.loadUser(userId);
      if (!user?.email) return;
      const keys = SUBJECTS[event];
      const text = t(keys.body, params);
      await notify.mailer.send({
        to: user.email,
        subject: t(keys.subject, params),
        text,
        html: `<p>${escapeHtml(text)}</p>`,
      });
    })().catch(report);
  }
  return send;
}

/** Wire the service's events to notifications (backup code used, factors added and removed, locks). */
export function subscribeNotifications(
  otp: Otp,
  options: ResolvedWebOptions,
  send: ReturnType<typeof createNotifier>,
) {
  if (!options.notify) return;
  const throttledAfter = options.notify.throttledAfter;
  otp.events.on('backup-code.used', ({ userId, remaining }) =>
    send(userId, 'backup-code-used', { count: remaining }),
  );
  otp.events.on('device.confirmed', ({ userId, deviceId, kind }) => {
    if (kind !== 'backup-codes') send(userId, 'device-added', { name: kind, deviceId });
  });
  otp.events.on('device.removed', ({ userId, kind }) => send(userId, 'device-removed', { name: kind }));
  otp.events.on('locked', ({ userId }) => send(userId, 'locked'));
  otp.events.on('failed', ({ userId, failures }) => {
    if (failures === throttledAfter) send(userId, 'throttled', { failures });
  });
}
