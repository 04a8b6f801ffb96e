import { describe, expect, it } from 'vitest';
import { generateHotp } from './hotp.js';
import { RFC6238_SEEDS, RFC6238_VECTORS } from './rfc-vectors.js';
import { generateTotp, timeStep, verifyTotp } from './totp.js';

const secret = RFC6238_SEEDS.SHA1;
/** A fixed instant inside step 56666666 (period 30). */
const now = 1_699_999_995_000;
const current = timeStep(now);
const codeAt = (step: number, digits = 6) => generateHotp({ secret, counter: step, digits });

describe('timeStep', () => {
  it.each([
    [0, 30, 0, 0],
    [29_999, 30, 0, 0],
    [30_000, 30, 0, 1],
    [59_000, 30, 0, 1],
    [1_111_111_109_000, 30, 0, 37_037_036],
    [20_000_000_000_000, 30, 0, 666_666_666],
    [59_000, 60, 0, 0],
    [60_000, 60, 0, 1],
    [100_000, 30, 10, 3],
    [99_999, 30, 10, 2],
  ])('puts %i ms (period %i s, t0 %i s) in step %i', (time, period, t0, step) => {
    expect(timeStep(time, period, t0)).toBe(step);
  });

  it('defaults to a 30 s period from the Unix epoch', () => {
    expect(timeStep(59_000)).toBe(1);
  });

  it.each([0, -30, Number.NaN, Number.POSITIVE_INFINITY])('throws a TypeError for period %s', (period) => {
    expect(() => timeStep(0, period)).toThrow(TypeError);
  });
});

describe('generateTotp', () => {
  it.each(RFC6238_VECTORS)('gives the RFC 6238 code at %i s with %s', (seconds, algorithm, code) => {
    const seed = RFC6238_SEEDS[algorithm];
    expect(generateTotp({ secret: seed, time: seconds * 1000, algorithm, digits: 8 })).toBe(code);
  });

  it('throws a TypeError for a time before t0', () => {
    expect(() => generateTotp({ secret, time: 1_000, t0: 60 })).toThrow(TypeError);
  });
});

describe('verifyTotp', () => {
  it.each(RFC6238_VECTORS)('accepts the RFC 6238 code at %i s with %s', (seconds, algorithm, code) => {
    const seed = RFC6238_SEEDS[algorithm];
    const time = seconds * 1000;
    expect(verifyTotp({ secret: seed, token: code, time, algorithm, digits: 8, window: [0, 0] })).toEqual({
      ok: true,
      step: timeStep(time),
      delta: 0,
    });
  });

  it('accepts the previous, current and next step by default', () => {
    for (const delta of [-1, 0, 1]) {
      expect(verifyTotp({ secret, token: codeAt(current + delta), time: now })).toEqual({
        ok: true,
        step: current + delta,
        delta,
      });
    }
  });

  it('rejects codes two steps away by default', () => {
    for (const delta of [-2, 2]) {
      expect(verifyTotp({ secret, token: codeAt(current + delta), time: now })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
  });

  it('accepts only the current step with window [0, 0]', () => {
    expect(verifyTotp({ secret, token: codeAt(current), time: now, window: [0, 0] }).ok).toBe(true);
    expect(verifyTotp({ secret, token: codeAt(current - 1), time: now, window: [0, 0] }).ok).toBe(false);
    expect(verifyTotp({ secret, token: codeAt(current + 1), time: now, window: [0, 0] }).ok).toBe(false);
  });

  it('honours an asymmetric window', () => {
    const window = [3, 0] as const;
    expect(verifyTotp({ secret, token: codeAt(current - 3), time: now, window })).toMatchObject({
      delta: -3,
    });
    expect(verifyTotp({ secret, token: codeAt(current + 1), time: now, window }).ok).toBe(false);
  });

  it('shifts the window by the drift and reports delta without it', () => {
    const drifted = { secret, time: now, window: [0, 0] as const, drift: 2 };
    expect(verifyTotp({ ...drifted, token: codeAt(current + 2) })).toEqual({
      ok: true,
      step: current + 2,
      delta: 2,
    });
    expect(verifyTotp({ ...drifted, token: codeAt(current) })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp({ ...drifted, drift: -1, token: codeAt(current - 1) })).toMatchObject({ delta: -1 });
  });

  it('uses the period, t0, algorithm and digits it is given', () => {
    const seed = RFC6238_SEEDS.SHA512;
    const params = { secret: seed, period: 60, t0: 1000, algorithm: 'SHA512', digits: 8 } as const;
    const token = generateTotp({ ...params, time: now });
    expect(verifyTotp({ ...params, token, time: now })).toEqual({
      ok: true,
      step: timeStep(now, 60, 1000),
      delta: 0,
    });
    expect(verifyTotp({ ...params, period: 30, token, time: now }).ok).toBe(false);
  });

  it('does not check steps below 0 when the time is just after t0', () => {
    expect(verifyTotp({ secret, token: codeAt(0), time: 0, window: [5, 0] })).toEqual({
      ok: true,
      step: 0,
      delta: 0,
    });
  });

  it.each([
    ['a fractional drift', { drift: 0.5 }],
    ['a string lastStep', { lastStep: '3' }],
    ['a window over 1000', { window: [1001, 0] }],
    ['a NaN time', { time: Number.NaN }],
    ['a zero period', { period: 0 }],
    ['8 digits as a string', { digits: '8' }],
    ['a secret that is an array of numbers', { secret: [1, 2, 3] }],
  ])('throws a TypeError for %s', (_name, override) => {
    expect(() => verifyTotp({ secret, token: '123456', time: now, ...(override as object) })).toThrow(
      TypeError,
    );
  });
});

describe('verifyTotp replay protection', () => {
  it('rejects the code of the step last accepted as replayed', () => {
    expect(verifyTotp({ secret, token: codeAt(current), time: now, lastStep: current })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('rejects a code from a step before the last accepted one as replayed', () => {
    expect(verifyTotp({ secret, token: codeAt(current - 1), time: now, lastStep: current })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('accepts the code of a later step than the last accepted one', () => {
    expect(verifyTotp({ secret, token: codeAt(current + 1), time: now, lastStep: current })).toEqual({
      ok: true,
      step: current + 1,
      delta: 1,
    });
  });

  it('reports a used code outside the window as invalid, not replayed', () => {
    expect(verifyTotp({ secret, token: codeAt(current - 5), time: now, lastStep: current })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('treats lastStep null as nothing used', () => {
    expect(verifyTotp({ secret, token: codeAt(current), time: now, lastStep: null }).ok).toBe(true);
  });
});

/**
 * With one-digit codes, equal codes on several steps are common: find a time whose window has
 * the wanted pattern of codes (relative steps that share the token), scanning from a fixed start.
 */
function findCollision(sameAs: readonly number[], differentFrom: readonly number[]) {
  for (let step = 1000; step < 100_000; step++) {
    const token = codeAt(step + sameAs[0]!, 1);
    if (
      sameAs.every((d) => codeAt(step + d, 1) === token) &&
      differentFrom.every((d) => codeAt(step + d, 1) !== token)
    ) {
      return { step, time: step * 30_000 + 1_000, token };
    }
  }
  throw new Error('no collision found');
}

describe('verifyTotp when several steps match', () => {
  it('prefers the current step over a later one', () => {
    const { step, time, token } = findCollision([0, 1], [-1]);
    expect(verifyTotp({ secret, token, time, digits: 1 })).toEqual({ ok: true, step, delta: 0 });
  });

  it('prefers the earlier step when two are equally near', () => {
    const { step, time, token } = findCollision([-1, 1], [0]);
    expect(verifyTotp({ secret, token, time, digits: 1 })).toEqual({ ok: true, step: step - 1, delta: -1 });
  });

  it('prefers the step nearest to the drifted centre', () => {
    const { step, time, token } = findCollision([0, 2], [1, 3]);
    expect(verifyTotp({ secret, token, time, digits: 1, drift: 2, window: [2, 1] })).toEqual({
      ok: true,
      step: step + 2,
      delta: 2,
    });
  });

  it('accepts a fresh step that matches even when a used one matches too', () => {
    const { step, time, token } = findCollision([-1, 1], [0]);
    expect(verifyTotp({ secret, token, time, digits: 1, lastStep: step - 1 })).toEqual({
      ok: true,
      step: step + 1,
      delta: 1,
    });
  });

  it('is replayed when every matching step is used', () => {
    const { step, time, token } = findCollision([-1, 0], [1]);
    expect(verifyTotp({ secret, token, time, digits: 1, lastStep: step })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });
});
