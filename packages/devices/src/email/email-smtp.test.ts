// Email codes end to end: the service sends through nodemailer to a real SMTP server running in
// this process; the test reads the message the server received and takes the code from it. A
// server that refuses the recipient or the message, or hangs up, must leave no valid code behind.
import { isOtpError } from '@otpkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { service } from '../test-support/service.js';
import { type SmtpBehaviour, startSmtpServer } from '../test-support/smtp.js';
import { emailCode } from './email-code.js';
import type { Mailer, MailMessage } from './mailer.js';

const MINUTE = 60_000;
const servers: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(behaviour: SmtpBehaviour = 'accept') {
  const smtp = await startSmtpServer(behaviour);
  servers.push(smtp);
  // Every message handed to the mailer, delivered or not: what a leak of an undelivered code would hold.
  const attempted: MailMessage[] = [];
  const mailer: Mailer = {
    send: (message) => {
      attempted.push(message);
      return smtp.mailer.send(message);
    },
  };
  const env = service({ kinds: [emailCode({ mailer, siteName: 'Acme Admin' })], throttle: { factor: 0 } });
  const attemptedCode = () => /^ {4}(\d{6})$/m.exec(attempted.at(-1)!.text)![1]!;
  return { smtp, attempted, attemptedCode, ...env };
}

describe('email codes over SMTP', () => {
  it('enrolls with the code from the received message, then signs in with a challenged code', async () => {
    const { smtp, otp, advance, eventNames } = await setup();
    const { device } = await otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
    expect(device).toMatchObject({ kind: 'email', confirmed: false, details: { email: 'alice@acme.test' } });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['alice@acme.test']);
    expect(mail.from).toBe('no-reply@acme.test');
    expect(mail.raw).toMatch(/^Subject: Confirm your email address for Acme Admin\r$/m);
    expect(mail.raw).toContain('Content-Type: text/html');
    expect(mail.raw).not.toMatch(/https?:\/\//);

    expect(await otp.confirm({ userId: 'alice', deviceId: device.id, token: smtp.lastCode() })).toMatchObject(
      { ok: true },
    );

    advance(MINUTE);
    expect(await otp.challenge({ userId: 'alice', deviceId: device.id })).toEqual({ sent: true });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.raw).toMatch(/^Subject: Your Acme Admin verification code\r$/m);
    expect(await otp.verifyToken({ userId: 'alice', token: smtp.lastCode() })).toMatchObject({
      ok: true,
      kind: 'email',
    });
    expect(eventNames()).toEqual([
      'device.added',
      'email.sent',
      'device.confirmed',
      'email.sent',
      'verified',
    ]);
  });

  it('sends nothing during the cooldown', async () => {
    const { smtp, otp, advance } = await setup();
    const { device } = await otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
    advance(20_000);
    expect(await otp.challenge({ userId: 'alice', deviceId: device.id })).toEqual({
      sent: false,
      reason: 'cooldown',
      retryAfterMs: 40_000,
    });
    expect(smtp.received).toHaveLength(1);
  });

  it.each<SmtpBehaviour>(['refuse-recipient', 'refuse-data', 'hang-up'])(
    'reports a failed enrollment when the server does %s, and keeps no device',
    async (behaviour) => {
      const { otp, smtp, attemptedCode } = await setup(behaviour);
      const error = await otp
        .enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' })
        .catch((e: unknown) => e);
      expect(isOtpError(error, 'OTP_DELIVERY_FAILED')).toBe(true);
      expect((error as Error).message).not.toContain(attemptedCode());
      expect(smtp.received).toHaveLength(0);
      // The device that would have held the code is gone: there is nothing to confirm it with.
      expect(await otp.listDevices({ userId: 'alice' })).toEqual([]);
    },
  );

  it.each<SmtpBehaviour>(['refuse-recipient', 'refuse-data', 'hang-up'])(
    'reports a failed challenge when the server does %s, and the code is not left valid',
    async (behaviour) => {
      const { otp, smtp, advance, events, store, attempted, attemptedCode } = await setup();
      const { device } = await otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
      await otp.confirm({ userId: 'alice', deviceId: device.id, token: smtp.lastCode() });
      advance(MINUTE);

      smtp.setBehaviour(behaviour);
      const error = await otp.challenge({ userId: 'alice', deviceId: device.id }).catch((e: unknown) => e);
      expect(isOtpError(error, 'OTP_DELIVERY_FAILED')).toBe(true);
      expect(events.filter((e) => e.name === 'email.sent')).toHaveLength(1); // the enrollment's only
      expect(attempted).toHaveLength(2);
      const undelivered = attemptedCode();

      // The withdrawn code is gone from the store, so no guess (and no leaked copy) can match it.
      const stored = await store.getDevice(device.id);
      expect(stored?.data).toMatchObject({ codeHash: null, expiresAt: null });
      expect(await otp.verifyToken({ userId: 'alice', token: undelivered })).toEqual({
        ok: false,
        reason: 'expired',
      });

      // No cooldown is left either: once the server works again the user can ask at once.
      smtp.setBehaviour('accept');
      expect(await otp.challenge({ userId: 'alice', deviceId: device.id })).toEqual({ sent: true });
      expect(await otp.verifyToken({ userId: 'alice', token: smtp.lastCode() })).toMatchObject({ ok: true });
    },
  );
});
