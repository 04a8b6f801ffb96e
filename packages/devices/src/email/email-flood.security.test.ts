// Threat: an inbox flooded through enrollment. Enrolling an email device sends a code at once and
// replaces the pending device, and the cooldown only guarded `challenge`: 100 `enroll` calls in
// 11 ms sent 100 messages, to any address the caller typed (a stranger's, since it is not verified
// yet). Removing the pending device and enrolling again, or alternating devices, were more ways
// around it. The cooldown and an hourly cap now hold per user for every path that sends.
import { describe, expect, it } from 'vitest';
import { recordingMailer } from '../test-support/recording-mailer.js';
import { service } from '../test-support/service.js';
import { emailCode } from './email-code.js';

const MINUTE = 60_000;

function flood(options: { maxSendsPerHour?: number; cooldown?: number } = {}) {
  const box = recordingMailer();
  const env = service({ kinds: [emailCode({ mailer: box.mailer, siteName: 'Acme', ...options })] });
  const enroll = (email = 'stranger@example.test') =>
    env.otp.enroll({ userId: 'mallory', kind: 'email', email });
  return { ...env, box, enroll };
}

describe('email sends per user', () => {
  it('sends one message when 100 enrollments race, refusing the rest with OTP_COOLDOWN', async () => {
    const { box, enroll, otp } = flood();
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => enroll()));
    expect(box.attempted).toHaveLength(1);
    // The losers of the first commit re-read, see the recorded delivery and are refused.
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(refused).toHaveLength(99);
    for (const error of refused)
      expect(error).toMatchObject({ code: 'OTP_COOLDOWN', details: { retryAfterMs: MINUTE } });
    expect(await otp.listDevices({ userId: 'mallory' })).toHaveLength(1);
  });

  it('refuses to re-enroll within the cooldown, also after removing the pending device', async () => {
    const { box, enroll, otp, advance } = flood();
    const { device } = await enroll();
    advance(10_000);
    await expect(enroll('other@example.test')).rejects.toMatchObject({
      code: 'OTP_COOLDOWN',
      details: { retryAfterMs: 50_000 },
    });
    await otp.removeDevice({ userId: 'mallory', deviceId: device.id });
    await expect(enroll('other@example.test')).rejects.toMatchObject({ code: 'OTP_COOLDOWN' });
    advance(50_000);
    await expect(enroll('other@example.test')).resolves.toBeDefined();
    expect(box.attempted.map((m) => m.to)).toEqual(['stranger@example.test', 'other@example.test']);
  });

  it('shares the cooldown between enrollment and challenges', async () => {
    const { enroll, otp, advance } = flood();
    const { device } = await enroll();
    expect(await otp.challenge({ userId: 'mallory', deviceId: device.id })).toEqual({
      sent: false,
      reason: 'cooldown',
      retryAfterMs: MINUTE,
    });
    advance(MINUTE);
    expect(await otp.challenge({ userId: 'mallory', deviceId: device.id })).toEqual({ sent: true });
    await expect(enroll()).rejects.toMatchObject({ code: 'OTP_COOLDOWN' });
  });

  it('caps sends per rolling hour, whatever the path, and says when the next one may go', async () => {
    const { box, enroll, advance } = flood({ maxSendsPerHour: 3 });
    for (let i = 0; i < 3; i++) {
      await enroll(`a${i}@example.test`);
      advance(MINUTE);
    }
    // Three minutes after the first send: the cap holds until an hour after it.
    await expect(enroll()).rejects.toMatchObject({
      code: 'OTP_COOLDOWN',
      details: { retryAfterMs: 57 * MINUTE },
    });
    advance(57 * MINUTE);
    await expect(enroll()).resolves.toBeDefined();
    expect(box.attempted).toHaveLength(4);
  });

  it('forgets a send that failed, so the user may retry at once', async () => {
    const { box, enroll } = flood();
    box.failWith(new Error('SMTP down'));
    await expect(enroll()).rejects.toMatchObject({ code: 'OTP_DELIVERY_FAILED' });
    box.failWith(null);
    await expect(enroll()).resolves.toBeDefined();
    expect(box.sent).toHaveLength(1);
  });

  it('keeps one user’s sends from holding up another’s', async () => {
    const { otp } = flood();
    await otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
    await expect(otp.enroll({ userId: 'bob', kind: 'email', email: 'bob@acme.test' })).resolves.toBeDefined();
  });
});
