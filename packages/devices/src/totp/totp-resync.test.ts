import { decodeBase32, generateTotp } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { totp } from './totp.js';

const STEP = 30_000;

/** The code an app holding `secret` shows at `time`. */
const appCode = (
  secret: string,
  time: number,
  params: { digits?: number; algorithm?: 'SHA1' | 'SHA256' | 'SHA512'; period?: number } = {},
) => generateTotp({ secret: decodeBase32(secret), time, ...params });

describe('totp resync', () => {
  it('re-aligns a clock far off from two consecutive codes and spends them', async () => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    const secret = h.reveal.secret as string;
    const fast = (n: number) => appCode(secret, T0 + n * STEP);
    expect(h.verify(fast(7), T0)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(h.resync([fast(7), fast(8)], T0)).toEqual({ ok: true, data: expect.any(Object) });
    expect(h.device.data).toMatchObject({ drift: 8, lastStep: T0 / STEP + 8 });
    expect(h.verify(fast(8), T0)).toMatchObject({ ok: false, reason: 'replayed' });
    // A drift set by resync is kept while the device stays where it is, and never grows.
    expect(h.verify(fast(9), T0 + STEP)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(8);
    expect(h.verify(fast(11), T0 + 2 * STEP)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(8);
  });

  it.each([
    ['codes that are not consecutive', [7, 9]],
    ['consecutive codes in the wrong order', [8, 7]],
    ['a pair whose second code is past the resync window', [10, 11]],
    ['a pair before the resync window', [-12, -11]],
  ])('refuses %s', async (_, [a, b]) => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    const secret = h.reveal.secret as string;
    const before = h.device.data;
    expect(h.resync([appCode(secret, T0 + a! * STEP), appCode(secret, T0 + b! * STEP)], T0)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(h.device.data).toBe(before);
  });

  it('searches as far as the resyncWindow option says, each way', async () => {
    const h = await enroll(totp({ issuer: 'Acme', resyncWindow: 20 }));
    const secret = h.reveal.secret as string;
    expect(h.resync([appCode(secret, T0 - 20 * STEP), appCode(secret, T0 - 19 * STEP)], T0)).toMatchObject({
      ok: true,
    });
    expect(h.device.data.drift).toBe(-19);
  });

  it('refuses a pair at or below the last accepted step', async () => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    const secret = h.reveal.secret as string;
    h.verify(appCode(secret, T0 + STEP), T0);
    expect(h.resync([appCode(secret, T0), appCode(secret, T0 + STEP)], T0)).toMatchObject({ ok: false });
    expect(h.resync([appCode(secret, T0 + STEP), appCode(secret, T0 + 2 * STEP)], T0)).toMatchObject({
      ok: false,
    });
  });
});
