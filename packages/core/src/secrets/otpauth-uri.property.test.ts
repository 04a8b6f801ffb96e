/**
 * Property tests for key URIs: our builder and parser round-trip exactly, and `otpauth` reads the
 * URIs we build into the same codes.
 */
import fc from 'fast-check';
import { URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { generateHotp } from '../algorithms/hotp.js';
import { generateTotp } from '../algorithms/totp.js';
import { isOtpError } from '../errors.js';
import { isPrintableText } from '../text/printable-text.js';
import { buildOtpauthUri, type OtpauthInput, parseOtpauthUri } from './otpauth-uri.js';

/**
 * Names with the characters that break naive encoders mixed in, plus arbitrary printable Unicode
 * (control and format characters are refused by both builder and parser: see the security tests).
 */
const name = fc.oneof(
  fc.string({
    unit: fc.constantFrom(' ', ':', '+', '%', '&', '=', '?', '#', '/', '@', 'a', 'Z', 'é', '中', '😀', '3A'),
    minLength: 1,
    maxLength: 20,
  }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter(isPrintableText),
);

const common = {
  secret: fc.uint8Array({ minLength: 16, maxLength: 64 }),
  issuer: fc.option(name, { nil: undefined }),
  account: name,
  algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
  digits: fc.integer({ min: 6, max: 8 }),
  image: fc.option(fc.webUrl({ validSchemes: ['https'] }), { nil: undefined }),
};

const params = fc.oneof(
  fc.record({ type: fc.constant('totp' as const), ...common, period: fc.integer({ min: 1, max: 3600 }) }),
  fc.record({ type: fc.constant('hotp' as const), ...common, counter: fc.maxSafeNat() }),
);

/** Drop undefined optionals so the object compares with what the parser returns. */
const defined = (p: object) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

describe('key URI round trips', () => {
  it('parses what it builds back into exactly the same params', () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(parseOtpauthUri(buildOtpauthUri(p as OtpauthInput))).toEqual(defined(p));
      }),
      { numRuns: 500 },
    );
  });

  it('builds URIs that otpauth parses into the same codes', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 4_000_000_000_000 }), (p, time) => {
        const uri = buildOtpauthUri(p as OtpauthInput);
        const theirs = URI.parse(uri);
        if (p.type === 'totp') {
          const ours = generateTotp({
            secret: p.secret,
            time,
            period: p.period,
            algorithm: p.algorithm,
            digits: p.digits,
          });
          expect(theirs.generate({ timestamp: time } as never)).toBe(ours);
        } else {
          const ours = generateHotp({
            secret: p.secret,
            counter: p.counter,
            algorithm: p.algorithm,
            digits: p.digits,
          });
          expect(theirs.generate({ counter: p.counter } as never)).toBe(ours);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the URIs otpauth builds', () => {
    // The format forbids ':' in names; otpauth then writes a bare '%3A' that reads as the separator.
    const noColon = (p: { issuer?: string | undefined; account: string }) =>
      !p.account.includes(':') && !p.issuer?.includes(':');
    fc.assert(
      fc.property(params.filter(noColon), (p) => {
        const uri = buildOtpauthUri(p as OtpauthInput);
        const reparsed = parseOtpauthUri(URI.stringify(URI.parse(uri)));
        const { image: _image, ...expected } = defined(p);
        expect(reparsed).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('throws only OTP_INVALID_URI on arbitrary input', () => {
    const junk = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string().map((s) => `otpauth://totp/${s}`),
      fc.string().map((s) => `otpauth://totp/a?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&${s}`),
      fc.anything(),
    );
    fc.assert(
      fc.property(junk, (input) => {
        try {
          parseOtpauthUri(input as string);
        } catch (err) {
          expect(isOtpError(err, 'OTP_INVALID_URI')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
