// The four kinds inside the real service (createOtp over the memory store): staged enrollment,
// confirmation, verification, resync, device lists, and which device a typed input reaches.
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
const RFC_SEED = Buffer.from('12345678901234567890');

function allKinds() {
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
  return { ...env, box };
}

async function withTotp(env: ReturnType<typeof allKinds>) {
  const e = await env.otp.enroll({ userId: 'alice', kind: 'totp', name: 'Phone', label: 'alice@acme.test' });
  const secret = decodeBase32(e.secret as string);
  const codeAt = (n: number) => generateTotp({ secret, time: T0 + n * STEP });
  return { e, codeAt };
}

describe('TOTP in the service', () => {
  it('enrolls unconfirmed, confirms with a code, then verifies later codes once each', async () => {
    const env = allKinds();
    const { e, codeAt } = await withTotp(env);
    expect(e).toEqual({
      device: expect.objectContaining({
        kind: 'totp',
        name: 'Phone',
        confirmed: false,
        details: { algorithm: 'SHA1', digits: 6, period: 30 },
      }),
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      manualKey: expect.any(String),
      uri: expect.stringMatching(/^otpauth:\/\/totp\/Acme:alice%40acme\.test\?secret=/),
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(0) })).toEqual({
      ok: false,
      reason: 'no-device',
    });
    expect(await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: codeAt(0) })).toMatchObject(
      { ok: true },
    );
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(0) })).toEqual({
      ok: false,
      reason: 'replayed',
    });
    env.advance(STEP);
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(1) })).toEqual({
      ok: true,
      userId: 'alice',
      deviceId: e.device.id,
      kind: 'totp',
      device: expect.objectContaining({
        id: e.device.id,
        name: 'Phone',
        confirmed: true,
        lastUsedAt: env.now(),
      }),
    });
    expect(env.eventNames()).toEqual(['device.added', 'device.confirmed', 'failed', 'verified']);
  });

  it('resynchronises a device whose clock is far off', async () => {
    const env = allKinds();
    const { e, codeAt } = await withTotp(env);
    await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: codeAt(0) });
    env.advance(STEP);
    // The phone now runs six steps (three minutes) fast.
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(7) })).toMatchObject({ ok: false });
    const pair = [codeAt(7), codeAt(8)] as const;
    expect(await env.otp.resync({ userId: 'alice', deviceId: e.device.id, tokens: pair })).toMatchObject({
      ok: true,
    });
    env.advance(STEP);
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(9) })).toMatchObject({ ok: true });
  });
});

describe('HOTP in the service', () => {
  it('imports a hardware token, confirms it, and moves the counter with each login', async () => {
    const env = allKinds();
    const e = await env.otp.enroll({
      userId: 'alice',
      kind: 'hotp',
      name: 'Token 4711',
      secret: RFC_SEED.toString('hex'),
      encoding: 'hex',
    });
    expect(Object.keys(e)).toEqual(['device']);
    const code = (counter: number) => generateHotp({ secret: RFC_SEED, counter });
    expect(await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: code(0) })).toMatchObject({
      ok: true,
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(3) })).toMatchObject({
      ok: true,
      kind: 'hotp',
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(2) })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(
      await env.otp.resync({ userId: 'alice', deviceId: e.device.id, tokens: [code(40), code(41)] }),
    ).toMatchObject({ ok: true });
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(41) })).toMatchObject({ ok: false });
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(42) })).toMatchObject({ ok: true });
  });
});

describe('backup codes in the service', () => {
  it('regenerates a set, counts down on use, and reports the remaining count', async () => {
    const env = allKinds();
    const { device, codes } = await env.otp.regenerateBackupCodes({ userId: 'alice' });
    expect(device).toMatchObject({ kind: 'backup-codes', confirmed: true, details: { remaining: 10 } });
    expect(await env.otp.verifyToken({ userId: 'alice', token: codes[4]!.toUpperCase() })).toMatchObject({
      ok: true,
      kind: 'backup-codes',
    });
    expect(env.events.at(-1)).toEqual({
      name: 'backup-code.used',
      payload: { userId: 'alice', deviceId: device.id, kind: 'backup-codes', remaining: 9 },
    });
    expect((await env.otp.listDevices({ userId: 'alice' }))[0]?.details).toEqual({ remaining: 9 });
  });
});

describe('which device an input reaches', () => {
  async function everything() {
    const env = allKinds();
    const { e, codeAt } = await withTotp(env);
    await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: codeAt(0) });
    const { codes } = await env.otp.regenerateBackupCodes({ userId: 'alice' });
    const before = await env.store.loadUser('alice');
    const data = (kind: string, snapshot: typeof before) =>
      snapshot.devices.find((d) => d.kind === kind)?.data;
    return { env, codes, codeAt, before, data };
  }

  it('sends a backup-code-shaped input to backup codes only', async () => {
    const { env, codes, before, data } = await everything();
    expect(await env.otp.verifyToken({ userId: 'alice', token: codes[0] })).toMatchObject({
      ok: true,
      kind: 'backup-codes',
    });
    const after = await env.store.loadUser('alice');
    expect(data('totp', after)).toEqual(data('totp', before));
  });

  it('sends a six-digit input to the authenticator, never to backup codes', async () => {
    const { env, codeAt, before, data } = await everything();
    env.advance(STEP);
    expect(await env.otp.verifyToken({ userId: 'alice', token: codeAt(1) })).toMatchObject({
      ok: true,
      kind: 'totp',
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(data('backup-codes', await env.store.loadUser('alice'))).toEqual(data('backup-codes', before));
  });

  it('counts nothing for input no device can read', async () => {
    const { env } = await everything();
    for (const token of ['hello', '12345', 'abcde-1234u', '', 123456]) {
      expect(await env.otp.verifyToken({ userId: 'alice', token })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(0);
  });
});

describe('device lists', () => {
  it('describe every kind with public details only', async () => {
    const env = allKinds();
    await env.otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice' });
    await env.otp.enroll({ userId: 'alice', kind: 'hotp' });
    await env.otp.enroll({ userId: 'alice', kind: 'email', email: 'alice@acme.test' });
    await env.otp.regenerateBackupCodes({ userId: 'alice' });
    const devices = await env.otp.listDevices({ userId: 'alice' });
    expect(devices.map((d) => [d.kind, d.name, d.details])).toEqual([
      ['totp', 'Authenticator app', { algorithm: 'SHA1', digits: 6, period: 30 }],
      ['hotp', 'Security token', { algorithm: 'SHA1', digits: 6 }],
      ['email', 'Email', { email: 'alice@acme.test' }],
      ['backup-codes', 'Backup codes', { remaining: 10 }],
    ]);
  });

  it('refuses a bad enrollment input with OTP_INVALID_INPUT and stores nothing', async () => {
    const env = allKinds();
    const error = await env.otp
      .enroll({ userId: 'alice', kind: 'email', email: 'not an address' })
      .catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect(env.box.sent).toHaveLength(0);
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([]);
  });
});
