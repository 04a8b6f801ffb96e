import fc from 'fast-check';
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { isOtpError } from '../errors.js';
import { decodeBase32, encodeBase32 } from './base32.js';

const text = (s: string) => new TextEncoder().encode(s);

/** RFC 4648 §10 test vectors (padded as written there; we encode without padding). */
const RFC4648: ReadonlyArray<readonly [string, string]> = [
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

const expectInvalidSecret = (fn: () => unknown) => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isOtpError(caught, 'OTP_INVALID_SECRET')).toBe(true);
  return caught as Error;
};

describe('encodeBase32', () => {
  it.each(RFC4648)('encodes %j as the RFC 4648 vector without padding', (input, encoded) => {
    expect(encodeBase32(text(input))).toBe(encoded.replace(/=+$/, ''));
  });

  it('encodes only the bytes of a Buffer view, not its shared pool', () => {
    const pooled = Buffer.from('foobar').subarray(1, 4);
    expect(encodeBase32(pooled)).toBe(encodeBase32(text('oob')));
  });

  it('throws a TypeError for a non-Uint8Array', () => {
    expect(() => encodeBase32('foo' as never)).toThrow(TypeError);
  });
});

describe('decodeBase32', () => {
  it.each(RFC4648)('decodes the RFC 4648 vector for %j, padded or not', (input, encoded) => {
    expect(decodeBase32(encoded)).toEqual(text(input));
    expect(decodeBase32(encoded.replace(/=+$/, ''))).toEqual(text(input));
  });

  it('accepts lower case and spaces between groups', () => {
    expect(decodeBase32('mzxw 6ytb oi')).toEqual(text('foobar'));
    expect(decodeBase32('MZXW  6YTB OI======')).toEqual(text('foobar'));
  });

  it('returns a plain Uint8Array', () => {
    expect(Object.getPrototypeOf(decodeBase32('MZXW6YTB'))).toBe(Uint8Array.prototype);
  });

  it.each([
    ['the digit 1', 'MZXW6YT1'],
    ['the digit 0', 'MZXW6YT0'],
    ['the digit 8', 'MZXW6YT8'],
    ['a hyphen', 'MZXW-6YTB'],
    ['a tab', 'MZXW\t6YTB'],
    ['a newline', 'MZXW6YTB\n'],
    ['a non-ASCII letter', 'MZXW6YTÉ'],
    ['a full-width letter', 'ＭZXW6YTB'],
    ['padding in the middle', 'MY==MZXQ'],
    ['the empty string', ''],
    ['only spaces', '   '],
    ['only padding', '========'],
    ['length 1', 'M'],
    ['length 3', 'MZX'],
    ['length 6', 'MZXW6Y'],
    ['too little padding', 'MY='],
    ['too much padding', 'MZXW6YQ=='],
    ['padding after a full group', 'MZXW6YTB========'],
    ['non-zero trailing bits', 'MZ'],
    ['a non-string', 42],
  ])('rejects %s with OTP_INVALID_SECRET', (_name, input) => {
    expectInvalidSecret(() => decodeBase32(input as string));
  });

  it('does not quote the input in its error', () => {
    const err = expectInvalidSecret(() => decodeBase32('SECRETSECRET1SECRET'));
    expect(err.message).not.toContain('SECRET');
  });

  it('round-trips any bytes and agrees with otpauth', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        const encoded = encodeBase32(bytes);
        expect(encoded).toBe(new Secret({ buffer: new Uint8Array(bytes).buffer }).base32);
        expect(encoded).toMatch(/^[A-Z2-7]+$/);
        expect(decodeBase32(encoded)).toEqual(bytes);
        expect(decodeBase32(encoded.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(bytes);
      }),
    );
  });

  it('either decodes arbitrary text to what it encodes or throws OTP_INVALID_SECRET', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z2-7= ]{0,20}$/)), (input) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = decodeBase32(input);
        } catch (err) {
          expect(isOtpError(err, 'OTP_INVALID_SECRET')).toBe(true);
          return;
        }
        expect(encodeBase32(decoded)).toBe(input.replace(/[ =]/g, '').toUpperCase());
      }),
      { numRuns: 1000 },
    );
  });
});
