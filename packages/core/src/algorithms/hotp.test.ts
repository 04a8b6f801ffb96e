import { describe, expect, it } from 'vitest';
import { generateHotp, verifyHotp } from './hotp.js';
import { RFC4226_CODES, RFC4226_SECRET } from './rfc-vectors.js';

const secret = RFC4226_SECRET;
const vectors = RFC4226_CODES.map((code, counter) => [counter, code] as const);

describe('generateHotp', () => {
  it.each(vectors)('gives the RFC 4226 Appendix D code for counter %i', (counter, code) => {
    expect(generateHotp({ secret, counter })).toBe(code);
  });

  it('pads codes with leading zeros to the requested digits', () => {
    // Appendix D lists the truncated value for counter 0: 1284755224.
    expect(generateHotp({ secret, counter: 0, digits: 10 })).toBe('1284755224');
    expect(generateHotp({ secret, counter: 0, digits: 8 })).toBe('84755224');
  });

  it.each([
    ['a negative counter', { counter: -1 }],
    ['a fractional counter', { counter: 1.5 }],
    ['a counter past 2^53', { counter: 2 ** 53 }],
    ['digits 0', { digits: 0 }],
    ['digits 11', { digits: 11 }],
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['a string secret', { secret: '12345678901234567890' }],
    ['an empty secret', { secret: new Uint8Array() }],
  ])('throws a TypeError for %s', (_name, override) => {
    expect(() => generateHotp({ secret, counter: 0, ...(override as object) })).toThrow(TypeError);
  });
});

describe('verifyHotp', () => {
  it.each(vectors)('accepts the RFC 4226 code of counter %i at that counter', (counter, code) => {
    expect(verifyHotp({ secret, token: code, counter, window: [0, 0] })).toEqual({
      ok: true,
      counter,
      delta: 0,
    });
  });

  it.each(vectors)('finds counter %i by looking ahead from counter 0', (counter, code) => {
    expect(verifyHotp({ secret, token: code, counter: 0, window: [0, 9] })).toEqual({
      ok: true,
      counter,
      delta: counter,
    });
  });

  it('looks ahead five counters by default and no further', () => {
    expect(verifyHotp({ secret, token: RFC4226_CODES[5], counter: 0 })).toMatchObject({
      ok: true,
      counter: 5,
    });
    expect(verifyHotp({ secret, token: RFC4226_CODES[6], counter: 0 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('never looks backwards by default', () => {
    expect(verifyHotp({ secret, token: RFC4226_CODES[2], counter: 3 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('looks backwards when the window allows it, reporting a negative delta', () => {
    expect(verifyHotp({ secret, token: RFC4226_CODES[1], counter: 3, window: [2, 0] })).toEqual({
      ok: true,
      counter: 1,
      delta: -2,
    });
  });

  it('never goes below counter 0 however wide the past window', () => {
    expect(verifyHotp({ secret, token: RFC4226_CODES[0], counter: 1, window: [1000, 0] })).toEqual({
      ok: true,
      counter: 0,
      delta: -1,
    });
    expect(verifyHotp({ secret, token: RFC4226_CODES[0], counter: 0, window: [1000, 0] })).toMatchObject({
      ok: true,
      counter: 0,
    });
  });

  it('accepts only the exact counter with window [0, 0]', () => {
    expect(verifyHotp({ secret, token: RFC4226_CODES[4], counter: 4, window: [0, 0] }).ok).toBe(true);
    expect(verifyHotp({ secret, token: RFC4226_CODES[5], counter: 4, window: [0, 0] }).ok).toBe(false);
    expect(verifyHotp({ secret, token: RFC4226_CODES[3], counter: 4, window: [0, 0] }).ok).toBe(false);
  });

  it('accepts codes typed with spaces or dashes', () => {
    expect(verifyHotp({ secret, token: ' 755-224 ', counter: 0 })).toMatchObject({ ok: true, counter: 0 });
  });

  it('reports a code of the wrong length as malformed, not invalid', () => {
    expect(verifyHotp({ secret, token: '75522', counter: 0 })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyHotp({ secret, token: '755224', counter: 0, digits: 8 })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it.each([
    ['a negative past', [-1, 5]],
    ['a fractional future', [0, 1.5]],
    ['a window over 1000', [0, 1001]],
    ['a window of one number', [5]],
    ['a number instead of a pair', 5],
  ])('throws a TypeError for %s', (_name, window) => {
    expect(() => verifyHotp({ secret, token: '755224', counter: 0, window: window as never })).toThrow(
      TypeError,
    );
  });

  it('throws a TypeError for bad options even when the token is malformed', () => {
    expect(() => verifyHotp({ secret, token: 'nope', counter: -1 })).toThrow(TypeError);
  });
});
