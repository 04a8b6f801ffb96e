/**
 * Threat: timing and work-factor side channels in verification. If verification stopped at the
 * first matching step, or computed HMACs for input that is not even a code, response times would
 * tell an attacker which step of the window matched (or let junk input burn CPU). Every step of
 * the window must be computed whatever matches, and nothing at all for a malformed token.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ counters: [] as number[] }));
vi.mock('./hotp-value.js', async (importActual) => {
  const actual = await importActual<typeof import('./hotp-value.js')>();
  return {
    ...actual,
    hotpValue: (...args: Parameters<typeof actual.hotpValue>) => {
      calls.counters.push(args[1]);
      return actual.hotpValue(...args);
    },
  };
});

// SHA-1 windows run on precomputed HMAC states: count those steps too.
vi.mock('./hmac-sha1.js', async (importActual) => {
  const actual = await importActual<typeof import('./hmac-sha1.js')>();
  return {
    ...actual,
    sha1Hotp: (secret: Uint8Array) => {
      const keyed = actual.sha1Hotp(secret);
      return {
        hotp: (counter: number, modulus: number) => {
          calls.counters.push(counter);
          return keyed.hotp(counter, modulus);
        },
      };
    },
  };
});

const { generateHotp, verifyHotp } = await import('./hotp.js');
const { timeStep, verifyTotp } = await import('./totp.js');
const { RFC4226_SECRET: secret } = await import('./rfc-vectors.js');

const time = 1_700_000_000_000;
const current = timeStep(time);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeEach(() => {
  calls.counters = [];
});

describe('verifyTotp work per call', () => {
  it.each([
    ['the previous step matches', -1],
    ['the current step matches', 0],
    ['the next step matches', 1],
  ])('computes every step of the window when %s', (_name, delta) => {
    const token = generateHotp({ secret, counter: current + delta });
    calls.counters = [];
    expect(verifyTotp({ secret, token, time, window: [3, 3] }).ok).toBe(true);
    expect(calls.counters).toEqual(range(current - 3, current + 3));
  });

  it('computes every step of the window when nothing matches', () => {
    verifyTotp({ secret, token: '000000', time, window: [3, 3] });
    expect(calls.counters).toEqual(range(current - 3, current + 3));
  });

  it('computes every step when the match is a replay', () => {
    const token = generateHotp({ secret, counter: current });
    calls.counters = [];
    expect(verifyTotp({ secret, token, time, lastStep: current })).toEqual({ ok: false, reason: 'replayed' });
    expect(calls.counters).toEqual(range(current - 1, current + 1));
  });

  it.each(['12345', 'abcdef', '１２３４５６', 123456, null])(
    'computes no HMAC for the malformed token %j',
    (token) => {
      expect(verifyTotp({ secret, token, time }).ok).toBe(false);
      expect(calls.counters).toEqual([]);
    },
  );
});

describe('verifyHotp work per call', () => {
  it('computes every counter of the window when the first one matches', () => {
    const token = generateHotp({ secret, counter: 10 });
    calls.counters = [];
    expect(verifyHotp({ secret, token, counter: 10 })).toMatchObject({ ok: true, counter: 10 });
    expect(calls.counters).toEqual(range(10, 15));
  });

  it('computes no counter below 0', () => {
    verifyHotp({ secret, token: '000000', counter: 2, window: [5, 1] });
    expect(calls.counters).toEqual(range(0, 3));
  });

  it('computes no HMAC for a malformed token', () => {
    verifyHotp({ secret, token: '1234567', counter: 0 });
    expect(calls.counters).toEqual([]);
  });
});
