// Threat: secrets and codes leak through channels that are logged, forwarded or shown: event
// payloads (audit trails, metrics), error messages (logs, HTTP error pages), device lists (account
// pages) and the stored device data (a database dump or backup). Nothing that would let someone
// generate or replay a code may appear in any of them: not a TOTP/HOTP secret in any encoding,
// not an emailed code, not a backup code, and not a code the user typed.
import { decodeBase32, generateHotp, generateTotp, isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { backupCodes } from './backup-codes/backup-codes.js';
import { emailCode } from './email/email-code.js';
import { hotp } from './hotp/hotp.js';
import { T0 } from './test-support/kind-harness.js';
import { recordingMailer } from './test-support/recording-mailer.js';
import { service } from './test-support/service.js';
import { totp } from './totp/totp.js';

const STEP = 30_000;

/** Every spelling of a secret someone might search a log for. */
function spellings(secret: Uint8Array): string[] {
  const bytes = Buffer.from(secret);
  return [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url').replace(/=+$/, '')];
}

describe('nothing secret leaves through events, errors, device lists or stored data', () => {
  it('holds across enrollment, confirmation, logins, failures and delivery errors of every kind', async () => {
    const box = recordingMailer();
    const env = service({
      kinds: [
        totp({ issuer: 'Acme' }),
        hotp(),
        emailCode({ mailer: box.mailer, siteName: 'Acme' }),
        backupCodes(),
      ],
      throttle: { factor: 0 },
    });
    const { otp } = env;
    const secrets: string[] = [];
    const errors: unknown[] = [];
    const attempt = async (call: () => Promise<unknown>) => {
      try {
        return await call();
      } catch (error) {
        errors.push(error);
        return undefined;
      }
    };

    // TOTP: enroll, confirm, log in, fail, replay, resync.
    const t = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@acme.test' });
    const totpSecret = decodeBase32(t.secret as string);
    secrets.push(t.secret as string, t.manualKey as string, t.uri as string, ...spellings(totpSecret));
    const totpCode = (n: number) => generateTotp({ secret: totpSecret, time: T0 + n * STEP });
    for (let n = 0; n < 12; n++) secrets.push(totpCode(n));
    await otp.confirm({ userId: 'alice', deviceId: t.device.id, token: totpCode(0) });
    await otp.verifyToken({ userId: 'alice', token: totpCode(0) });
    env.advance(STEP);
    await otp.verifyToken({ userId: 'alice', token: totpCode(1) });
    await otp.resync({ userId: 'alice', deviceId: t.device.id, tokens: [totpCode(9), totpCode(10)] });

    // HOTP: an imported seed, and a bad one whose error must not quote it.
    const seed = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4', 'hex');
    secrets.push(...spellings(seed));
    const h = await otp.enroll({
      userId: 'alice',
      kind: 'hotp',
      secret: seed.toString('hex'),
      encoding: 'hex',
    });
    for (let c = 0; c < 3; c++) secrets.push(generateHotp({ secret: seed, counter: c }));
    await otp.confirm({
      userId: 'alice',
      deviceId: h.device.id,
      token: generateHotp({ secret: seed, counter: 0 }),
    });
    await otp.verifyToken({ userId: 'alice', token: generateHotp({ secret: seed, counter: 1 }) });
    const shortSeed = 'c0ffee15deadbeef0badf00d';
    secrets.push(shortSeed);
    await attempt(() => otp.enroll({ userId: 'alice', kind: 'hotp', secret: shortSeed, encoding: 'hex' }));
    await attempt(() => otp.enroll({ userId: 'alice', kind: 'totp', secret: 'MFRGGZDFMZTWQ2LK' }));
    secrets.push('MFRGGZDFMZTWQ2LK');

    // Email: enrollment, challenge, a wrong try, a login, then a failed delivery.
    const m = await otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
    secrets.push(box.lastCode());
    await otp.confirm({ userId: 'alice', deviceId: m.device.id, token: box.lastCode() });
    env.advance(60_000);
    await otp.challenge({ userId: 'alice', deviceId: m.device.id });
    secrets.push(box.lastCode());
    await otp.verifyToken({ userId: 'alice', deviceId: m.device.id, token: '999999' });
    await otp.verifyToken({ userId: 'alice', deviceId: m.device.id, token: box.lastCode() });
    env.advance(60_000);
    box.failWith(new Error('SMTP 554 rejected'));
    await attempt(() => otp.challenge({ userId: 'alice', deviceId: m.device.id }));
    box.failWith(null);
    secrets.push(box.lastAttemptedCode());

    // Backup codes: a set, a login, a reuse.
    const b = await otp.regenerateBackupCodes({ userId: 'alice' });
    for (const code of b.codes) secrets.push(code, code.replace('-', ''));
    await otp.verifyToken({ userId: 'alice', token: b.codes[0] });
    await otp.verifyToken({ userId: 'alice', token: b.codes[0] });

    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.every((e) => isOtpError(e))).toBe(true);
    const channels = {
      events: JSON.stringify(env.events),
      errors: JSON.stringify(
        errors.map((e) => ({ message: (e as Error).message, code: (e as { code?: string }).code })),
      ),
      devices: JSON.stringify(await otp.listDevices({ userId: 'alice' })),
      stored: JSON.stringify(await env.store.loadUser('alice')),
    };
    for (const [channel, text] of Object.entries(channels)) {
      for (const secret of secrets) {
        expect(text.includes(secret), `${channel} holds ${secret}`).toBe(false);
      }
    }
    // Addresses are personal data: events carry ids only.
    expect(channels.events).not.toContain('alice@acme.test');
  });
});
