/**
 * Property tests: generate → verify round trips over random keys, times, settings and windows,
 * the replay rule, and hostile tokens, all checked against an oracle built on `otpauth`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateHotp, verifyHotp } from './hotp.js';
import { normalizeToken } from './normalize-token.js';
import { algorithm, digits, enrolledSecret, oracle, period, time, windowSide } from './property-helpers.js';
import { generateTotp, timeStep, verifyTotp } from './totp.js';

describe('round trips', () => {
  it('accepts a TOTP code from any step inside the window, with the right step and delta', () => {
    fc.assert(
      fc.property(
        enrolledSecret,
        time,
        period,
        algorithm,
        digits,
        windowSide,
        windowSide,
        fc.integer({ min: -5, max: 5 }),
        (bytes, t, p, alg, d, past, future, offset) => {
          const codeTime = t + offset * p * 1000;
          fc.pre(codeTime >= 0);
          const token = generateTotp({ secret: bytes, time: codeTime, period: p, algorithm: alg, digits: d });
          const result = verifyTotp({
            secret: bytes,
            token,
            time: t,
            period: p,
            algorithm: alg,
            digits: d,
            window: [past, future],
          });
          const center = timeStep(t, p);
          const { fresh } = oracle({ secret: bytes, algorithm: alg, digits: d, token, center, past, future });
          if (-past <= offset && offset <= future) {
            // The oracle agrees with the code's own step except in a (rare) collision nearer the centre.
            expect(fresh).not.toBeNull();
          }
          expect(result).toEqual(
            fresh === null
              ? { ok: false, reason: 'invalid' }
              : { ok: true, step: fresh, delta: fresh - center },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a TOTP code from outside the window unless it collides with one inside', () => {
    fc.assert(
      fc.property(
        enrolledSecret,
        time,
        digits,
        windowSide,
        windowSide,
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (bytes, t, d, past, future, beyond, early) => {
          const center = timeStep(t);
          const step = early ? center - past - beyond : center + future + beyond;
          fc.pre(step >= 0);
          const token = generateHotp({ secret: bytes, counter: step, digits: d });
          const { fresh } = oracle({
            secret: bytes,
            algorithm: 'SHA1',
            digits: d,
            token,
            center,
            past,
            future,
          });
          const result = verifyTotp({ secret: bytes, token, time: t, digits: d, window: [past, future] });
          expect(result).toEqual(
            fresh === null
              ? { ok: false, reason: 'invalid' }
              : { ok: true, step: fresh, delta: fresh - center },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts an HOTP code inside the look-ahead window and reports its absolute counter', () => {
    fc.assert(
      fc.property(
        enrolledSecret,
        fc.integer({ min: 0, max: 2 ** 40 }),
        digits,
        windowSide,
        windowSide,
        fc.integer({ min: -5, max: 5 }),
        (bytes, counter, d, past, future, offset) => {
          const codeCounter = counter + offset;
          fc.pre(codeCounter >= 0);
          const token = generateHotp({ secret: bytes, counter: codeCounter, digits: d });
          const { fresh } = oracle({
            secret: bytes,
            algorithm: 'SHA1',
            digits: d,
            token,
            center: counter,
            past,
            future,
          });
          if (-past <= offset && offset <= future) expect(fresh).not.toBeNull();
          expect(verifyHotp({ secret: bytes, token, counter, digits: d, window: [past, future] })).toEqual(
            fresh === null
              ? { ok: false, reason: 'invalid' }
              : { ok: true, counter: fresh, delta: fresh - counter },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('follows the replay rule for any lastStep and drift', () => {
    fc.assert(
      fc.property(
        enrolledSecret,
        time,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -4, max: 4 }),
        fc.integer({ min: -4, max: 4 }),
        (bytes, t, drift, offset, usedOffset) => {
          const current = timeStep(t);
          const center = current + drift;
          fc.pre(center - 1 >= 0);
          const token = generateHotp({ secret: bytes, counter: Math.max(0, center + offset) });
          const lastStep = center + usedOffset;
          const o = oracle({
            secret: bytes,
            algorithm: 'SHA1',
            digits: 6,
            token,
            center,
            past: 1,
            future: 1,
            lastStep,
          });
          const expected =
            o.fresh !== null
              ? { ok: true, step: o.fresh, delta: o.fresh - current }
              : { ok: false, reason: o.stale ? 'replayed' : 'invalid' };
          expect(verifyTotp({ secret: bytes, token, time: t, drift, lastStep })).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hostile tokens', () => {
  const anyToken = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('0', '1', '7', ' ', '-', '\t', '٣', '３', '³', 'a') }),
    fc.stringMatching(/^[0-9 -]{0,12}$/),
    fc.integer(),
    fc.double(),
    fc.bigInt(),
    fc.anything(),
  );

  it('never throws, reports non-codes as malformed and accepts only the real code', () => {
    const bytes = new Uint8Array(20).fill(7);
    const t = 1_700_000_000_000;
    const center = timeStep(t);
    fc.assert(
      fc.property(anyToken, (token) => {
        const result = verifyTotp({ secret: bytes, token, time: t });
        const normal = normalizeToken(token, 6);
        if (normal === null) {
          expect(result).toEqual({ ok: false, reason: 'malformed' });
          return;
        }
        const { fresh } = oracle({
          secret: bytes,
          algorithm: 'SHA1',
          digits: 6,
          token: normal,
          center,
          past: 1,
          future: 1,
        });
        expect(result).toEqual(
          fresh === null
            ? { ok: false, reason: 'invalid' }
            : { ok: true, step: fresh, delta: fresh - center },
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the real code however it is spaced, and nothing that differs in one digit', () => {
    const bytes = new Uint8Array(20).fill(9);
    const t = 1_700_000_000_000;
    const code = generateTotp({ secret: bytes, time: t });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 9 }), (position, change) => {
        const digit = (Number(code[position]) + change) % 10;
        const wrong = code.slice(0, position) + digit + code.slice(position + 1);
        const { fresh } = oracle({
          secret: bytes,
          algorithm: 'SHA1',
          digits: 6,
          token: wrong,
          center: timeStep(t),
          past: 1,
          future: 1,
        });
        expect(verifyTotp({ secret: bytes, token: wrong, time: t }).ok).toBe(fresh !== null);
        expect(
          verifyTotp({ secret: bytes, token: `${code.slice(0, 3)} - ${code.slice(3)}`, time: t }).ok,
        ).toBe(true);
      }),
    );
  });
});
