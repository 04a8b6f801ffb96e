// Threat: a TOTP code is observed (shoulder surfing, a phishing proxy, a log line) and replayed
// while it is still inside the verification window, either at once at the same step or later,
// after the user has logged in with a newer code; and an attacker who can submit codes near the
// edge of the window uses drift tracking to walk the window ever further from the real time,
// widening the set of codes that work.
import { decodeBase32, generateTotp } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { totp } from './totp.js';

const STEP = 30_000;

async function enrolledApp(options: { maxDrift?: number; window?: [number, number] } = {}) {
  const h = await enroll(totp({ issuer: 'Acme', ...options }));
  const secret = decodeBase32(h.reveal.secret as string);
  /** The code for the step `n` steps after T0's. */
  const codeAt = (n: number) => generateTotp({ secret, time: T0 + n * STEP });
  return { h, codeAt };
}

describe('TOTP replay', () => {
  it('rejects the same code again at the same step', async () => {
    const { h, codeAt } = await enrolledApp();
    expect(h.verify(codeAt(0), T0 + 1_000)).toMatchObject({ ok: true });
    expect(h.verify(codeAt(0), T0 + 2_000)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('rejects the code that confirmed the enrollment at the first login', async () => {
    const { h, codeAt } = await enrolledApp();
    expect(h.verify(codeAt(0), T0, 'confirm')).toMatchObject({ ok: true });
    expect(h.verify(codeAt(0), T0 + 5_000)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('rejects a code from an older step after a newer one was accepted', async () => {
    // Without drift tracking, both earlier steps stay inside the window, and both are spent.
    const { h, codeAt } = await enrolledApp({ maxDrift: 0 });
    expect(h.verify(codeAt(1), T0 + 1_000)).toMatchObject({ ok: true });
    expect(h.verify(codeAt(0), T0 + 1_000)).toEqual({ ok: false, reason: 'replayed' });
    expect(h.verify(codeAt(-1), T0 + 1_000)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('rejects older codes with drift tracking on too', async () => {
    const { h, codeAt } = await enrolledApp();
    expect(h.verify(codeAt(1), T0 + 1_000)).toMatchObject({ ok: true });
    for (const n of [1, 0, -1]) expect(h.verify(codeAt(n), T0 + 1_000)).toMatchObject({ ok: false });
  });

  it('rejects a replay after a resync spent the pair', async () => {
    const { h, codeAt } = await enrolledApp();
    expect(h.resync([codeAt(4), codeAt(5)], T0)).toMatchObject({ ok: true });
    expect(h.verify(codeAt(4), T0)).toMatchObject({ ok: false });
    expect(h.verify(codeAt(5), T0)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('never accepts a step twice over a long run of logins', async () => {
    const { h, codeAt } = await enrolledApp();
    for (let n = 0; n < 40; n++) {
      const now = T0 + n * STEP;
      expect(h.verify(codeAt(n), now)).toMatchObject({ ok: true });
      // The code just used and the two before it are all still inside the window.
      for (const m of [n, n - 1, n - 2]) expect(h.verify(codeAt(m), now)).toMatchObject({ ok: false });
    }
  });
});

describe('TOTP drift is bounded', () => {
  it.each([0, 1, 2, 5])(
    'with maxDrift %i, repeated edge codes cannot move the window past it',
    async (maxDrift) => {
      const { h, codeAt } = await enrolledApp({ maxDrift });
      // The clock stands still; each try submits the code one step further ahead.
      for (let n = 1; n <= maxDrift + 10; n++) h.verify(codeAt(n), T0);
      expect(h.device.data.drift).toBe(maxDrift);
      // The furthest code ever accepted at T0 is the window's edge around the capped drift.
      expect(h.device.data.lastStep).toBe(T0 / STEP + maxDrift + 1);
    },
  );

  it.each([
    ['ahead', 1],
    ['behind', -1],
  ])('over time, codes always at the edge %s cannot walk the drift past the bound', async (_, side) => {
    const { h, codeAt } = await enrolledApp();
    for (let n = 0; n < 30; n++) {
      // Each step, the attacker submits the code at the window's edge as it stands now.
      const target = n + h.device.data.drift + side;
      const result = h.verify(codeAt(target), T0 + n * STEP);
      if (result !== 'malformed' && result.ok) expect(Math.abs(target - n)).toBeLessThanOrEqual(3);
      expect(Math.abs(h.device.data.drift)).toBeLessThanOrEqual(2);
    }
    expect(h.device.data.drift).toBe(2 * side);
  });

  it('refuses a code outside drift plus window however many edge codes came first', async () => {
    const { h, codeAt } = await enrolledApp();
    for (let n = 1; n <= 3; n++) expect(h.verify(codeAt(n), T0)).toMatchObject({ ok: true });
    expect(h.verify(codeAt(4), T0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.verify(codeAt(5), T0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('cannot grow a resynced drift with edge codes', async () => {
    const { h, codeAt } = await enrolledApp();
    expect(h.resync([codeAt(6), codeAt(7)], T0)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(7);
    for (let n = 8; n <= 20; n++) h.verify(codeAt(n), T0);
    expect(h.device.data.drift).toBe(7);
    expect(h.device.data.lastStep).toBe(T0 / STEP + 8);
  });
});
