import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtpError } from '../errors.js';
import { decodeHex, encodeHex } from './hex.js';

describe('encodeHex', () => {
  it('encodes bytes as lower-case hex', () => {
    expect(encodeHex(new Uint8Array([0, 1, 171, 255]))).toBe('0001abff');
  });

  it('encodes only the bytes of a view', () => {
    expect(encodeHex(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toBe('0203');
  });
});

describe('decodeHex', () => {
  it('decodes upper, lower and mixed case', () => {
    expect(decodeHex('0001ABff')).toEqual(new Uint8Array([0, 1, 171, 255]));
  });

  it('returns a plain Uint8Array', () => {
    expect(Object.getPrototypeOf(decodeHex('00'))).toBe(Uint8Array.prototype);
  });

  it.each([
    ['an odd length', 'abc'],
    ['a non-hex letter', '0g'],
    ['a space', '00 11'],
    ['a 0x prefix', '0x0011'],
    ['a trailing newline', '0011\n'],
    ['full-width digits', '００'],
    ['the empty string', ''],
    ['a non-string', 17],
  ])('rejects %s with OTP_INVALID_SECRET', (_name, input) => {
    expect(() => decodeHex(input as string)).toThrow(expect.objectContaining({ code: 'OTP_INVALID_SECRET' }));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        expect(decodeHex(encodeHex(bytes))).toEqual(bytes);
        expect(decodeHex(encodeHex(bytes).toUpperCase())).toEqual(bytes);
      }),
    );
  });

  it('never throws anything but OTP_INVALID_SECRET', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          decodeHex(input);
        } catch (err) {
          expect(isOtpError(err, 'OTP_INVALID_SECRET')).toBe(true);
        }
      }),
    );
  });
});
