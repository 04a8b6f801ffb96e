/**
 * Property tests: our primitives give exactly what `otpauth` gives.
 */
import fc from 'fast-check';
import { HOTP, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateHotp } from './hotp.js';
import { algorithm, digits, enrolledSecret, period, secret, time, toSecret } from './property-helpers.js';
import { generateTotp, timeStep, verifyTotp } from './totp.js';

describe('equality with otpauth', () => {
  it('generates the same HOTP code for every algorithm, digit count and counter', () => {
    fc.assert(
      fc.property(
        secret,
        fc.maxSafeNat(),
        algorithm,
        fc.integer({ min: 1, max: 10 }),
        (bytes, counter, alg, d) => {
          const expected = HOTP.generate({ secret: toSecret(bytes), algorithm: alg, digits: d, counter });
          expect(generateHotp({ secret: bytes, counter, algorithm: alg, digits: d })).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('generates the same TOTP code for every time and period', () => {
    fc.assert(
      fc.property(secret, time, period, algorithm, digits, (bytes, t, p, alg, d) => {
        const expected = TOTP.generate({
          secret: toSecret(bytes),
          algorithm: alg,
          digits: d,
          period: p,
          timestamp: t,
        });
        expect(generateTotp({ secret: bytes, time: t, period: p, algorithm: alg, digits: d })).toBe(expected);
        expect(timeStep(t, p)).toBe(TOTP.counter({ period: p, timestamp: t }));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with otpauth.TOTP.validate on a symmetric window', () => {
    fc.assert(
      fc.property(
        enrolledSecret,
        time,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (bytes, t, offset, w) => {
          const token = generateHotp({ secret: bytes, counter: Math.max(0, timeStep(t) + offset) });
          const theirs = TOTP.validate({ token, secret: toSecret(bytes), timestamp: t, window: w });
          const ours = verifyTotp({ secret: bytes, token, time: t, window: [w, w] });
          expect(ours.ok ? ours.delta : null).toBe(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });
});
