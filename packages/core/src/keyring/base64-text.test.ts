import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlByteLength, decodeBase64Url, isCanonicalBase64Url } from './base64-text.js';

/** The reference definition: Node decodes it, and re-encoding gives the same text back. */
const reencodes = (text: string) =>
  /^[A-Za-z0-9_-]*$/.test(text) &&
  text.length % 4 !== 1 &&
  Buffer.from(text, 'base64url').toString('base64url') === text;

describe('canonical unpadded base64url', () => {
  it.each([
    ['', true],
    ['AA', true],
    ['AB', false], // a set bit among the 4 spare bits of a 1-byte tail
    ['AAA', true],
    ['AAB', false], // a set bit among the 2 spare bits of a 2-byte tail
    ['AAE', true],
    ['_w', true],
    ['_x', false],
    ['A', false], // no byte ends after 6 bits
    ['AA==', false], // padding
    ['+/AA', false], // standard base64 characters
    ['AA A', false],
  ])('%j is canonical: %s', (text, expected) => {
    expect(isCanonicalBase64Url(text)).toBe(expected);
    expect(decodeBase64Url(text) !== null).toBe(expected);
  });

  it('agrees with decoding and re-encoding on any text of the alphabet', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{0,24}$/), (text) => {
        expect(isCanonicalBase64Url(text)).toBe(reencodes(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('accepts the encoding of any bytes and predicts their length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64url');
        expect(isCanonicalBase64Url(text)).toBe(true);
        expect(base64UrlByteLength(text.length)).toBe(bytes.length);
        expect(decodeBase64Url(text)).toEqual(Buffer.from(bytes));
      }),
    );
  });
});
