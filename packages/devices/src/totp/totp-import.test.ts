import { generateTotp, isOtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { service } from '../test-support/service.js';
import { totp } from './totp.js';

/** RFC 6238 Appendix B's SHA-1 seed. */
const SEED = new TextEncoder().encode('12345678901234567890');
const SEED_HEX = Buffer.from(SEED).toString('hex');
const T0_2026 = 1_767_225_600;

// RFC 6238 Appendix B (SHA-1): the step count fixes the code, so a vector moved by t0, or stretched
// by a longer period, keeps its code. 6 digits are the 8-digit code's last six.
const VECTORS = [
  { period: 30, t0: 0, seconds: 59, digits: 8, code: '94287082' },
  { period: 30, t0: T0_2026, seconds: T0_2026 + 59, digits: 8, code: '94287082' },
  { period: 30, t0: T0_2026, seconds: T0_2026 + 59, digits: 6, code: '287082' },
  { period: 60, t0: 0, seconds: 2 * 1_111_111_109, digits: 8, code: '07081804' },
  { period: 60, t0: 1_000_000_000, seconds: 1_000_000_000 + 2 * 1_234_567_890, digits: 8, code: '89005924' },
  { period: 90, t0: 7, seconds: 7 + 3 * 2_000_000_000, digits: 7, code: '9279037' },
];

async function imported(fields: Record<string, unknown>, now: number) {
  const env = service({ kinds: [totp({ issuer: 'Acme' })], now });
  const r = await env.otp.importDevice({
    userId: 'alice',
    kind: 'totp',
    importKey: 'src:1',
    secret: SEED_HEX,
    encoding: 'hex',
    ...fields,
  });
  return { env, r };
}

describe('totp import', () => {
  it.each(VECTORS)('honours period $period, t0 $t0 and $digits digits', async (v) => {
    const { env, r } = await imported({ period: v.period, t0: v.t0, digits: v.digits }, v.seconds * 1000);
    expect(r).toMatchObject({ imported: true, device: { kind: 'totp', confirmed: true } });
    expect(await env.otp.verifyToken({ userId: 'alice', token: v.code })).toMatchObject({ ok: true });
  });

  it('refuses a code computed with t0 = 0 when the device counts from another t0', async () => {
    const now = (T0_2026 + 59) * 1000;
    const { env } = await imported({ t0: T0_2026 + 15, digits: 8 }, now);
    const wrong = generateTotp({ secret: SEED, time: now, digits: 8 });
    expect(await env.otp.verifyToken({ userId: 'alice', token: wrong })).toMatchObject({ ok: false });
  });

  it('keeps the last used step spent, and accepts the next one', async () => {
    const now = T0_2026 * 1000;
    const step = Math.floor(T0_2026 / 30);
    const { env } = await imported({ lastStep: step }, now);
    const used = generateTotp({ secret: SEED, time: now });
    expect(await env.otp.verifyToken({ userId: 'alice', token: used })).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
    env.advance(2_000); // past the throttle's delay, within the same step
    const next = generateTotp({ secret: SEED, time: now + 30_000 });
    expect(await env.otp.verifyToken({ userId: 'alice', token: next })).toMatchObject({ ok: true });
  });

  it('centres the window on the imported drift', async () => {
    const now = T0_2026 * 1000;
    const { env } = await imported({ drift: 3 }, now);
    const onClock = generateTotp({ secret: SEED, time: now });
    expect(await env.otp.verifyToken({ userId: 'alice', token: onClock })).toMatchObject({ ok: false });
    env.advance(2_000);
    const drifted = generateTotp({ secret: SEED, time: now + 3 * 30_000 });
    expect(await env.otp.verifyToken({ userId: 'alice', token: drifted })).toMatchObject({ ok: true });
  });

  it.each([
    { field: 'secret', fields: { secret: undefined } },
    { field: 'secret', fields: { secret: 'zz' } },
    { field: 'secret', fields: { secret: '00112233445566778899' } }, // 10 bytes: too short
    { field: 'digits', fields: { digits: 9 } },
    { field: 'digits', fields: { digits: '6' } },
    { field: 'period', fields: { period: 0 } },
    { field: 'period', fields: { period: 32_767 } },
    { field: 't0', fields: { t0: -1 } },
    { field: 't0', fields: { t0: T0_2026 + 1 } },
    { field: 'drift', fields: { drift: 101 } },
    { field: 'drift', fields: { drift: 1.5 } },
    { field: 'lastStep', fields: { lastStep: -1 } },
    { field: 'lastStep', fields: { lastStep: Math.floor(T0_2026 / 30) + 11 } },
    { field: 'algorithm', fields: { algorithm: 'MD5' } },
    { field: 'tolerance', fields: { tolerance: 1 } },
  ])('refuses a bad $field, naming it and never quoting the secret', async ({ field, fields }) => {
    const error = await imported(fields, T0_2026 * 1000).catch((e: unknown) => e);
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
    expect(String((error as Error).message)).not.toContain(SEED_HEX.slice(0, 12));
  });
});
