import { decodeBase32, generateHotp, isOtpError, parseOtpauthUri } from '@otpkit/core';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { enroll } from '../test-support/kind-harness.js';
import { hotp } from './hotp.js';

/** RFC 4226 Appendix D: the secret "12345678901234567890" and its first ten codes. */
const RFC_SEED_HEX = '3132333435363738393031323334353637383930';
const RFC_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('hotp options', () => {
  it.each([
    [{ digits: 5 }, 'Invalid option hotp.digits'],
    [{ algorithm: 'SHA3' }, 'Invalid option hotp.algorithm'],
    [{ lookAhead: -1 }, 'Invalid option hotp.lookAhead'],
    [{ lookAhead: 51 }, 'Invalid option hotp.lookAhead'],
    [{ resyncWindow: 0 }, 'Invalid option hotp.resyncWindow'],
    [{ issuer: 'A:B' }, 'Invalid option hotp.issuer'],
    [{ window: [0, 5] }, 'Invalid option hotp'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => hotp(options as never)).toThrow(TypeError);
    expect(() => hotp(options as never)).toThrow(message);
  });
});

describe('hotp enrollment', () => {
  it('imports a hardware token seed in hex with its counter, reveals nothing and stays unconfirmed', async () => {
    const h = await enroll(hotp(), { secret: RFC_SEED_HEX, encoding: 'hex', counter: 3 });
    expect(h.reveal).toEqual({});
    expect(h.device.confirmed).toBe(false);
    expect(h.device.data).toEqual({ secret: expect.any(String), algorithm: 'SHA1', digits: 6, counter: 3 });
    expect(JSON.stringify(h.device.data)).not.toContain(RFC_SEED_HEX);
    expect(h.verify(RFC_CODES[3], 0, 'confirm')).toMatchObject({ ok: true });
    expect(h.device.data.counter).toBe(4);
  });

  it('imports a base32 seed', async () => {
    const h = await enroll(hotp(), { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
    expect(h.verify(RFC_CODES[0], 0)).toMatchObject({ ok: true });
  });

  it('generates a 20-byte secret when none is given and reveals it with an HOTP key URI', async () => {
    const h = await enroll(hotp({ issuer: 'Acme', digits: 8 }), { label: 'alice', counter: 7 });
    const secret = decodeBase32(h.reveal.secret as string);
    expect(secret).toHaveLength(20);
    expect((h.reveal.manualKey as string).replaceAll(' ', '')).toBe(h.reveal.secret);
    expect(parseOtpauthUri(h.reveal.uri as string)).toMatchObject({
      type: 'hotp',
      issuer: 'Acme',
      account: 'alice',
      digits: 8,
      counter: 7,
    });
    // An independent implementation reading the same URI produces codes we accept.
    const app = OTPAuth.URI.parse(h.reveal.uri as string) as OTPAuth.HOTP;
    expect(h.verify(app.generate({ counter: 7 }), 0, 'confirm')).toMatchObject({ ok: true });
    expect(h.verify(app.generate({ counter: 8 }), 0)).toMatchObject({ ok: true });
  });

  it.each([
    ['a seed under 16 bytes', { secret: '3132333435363738', encoding: 'hex' }, 'OTP_INVALID_SECRET'],
    [
      'a seed that is not hex',
      { secret: `${RFC_SEED_HEX.slice(2)}zz`, encoding: 'hex' },
      'OTP_INVALID_SECRET',
    ],
    ['an unknown encoding', { secret: RFC_SEED_HEX, encoding: 'base64' }, 'OTP_INVALID_INPUT'],
    ['a negative counter', { secret: RFC_SEED_HEX, encoding: 'hex', counter: -1 }, 'OTP_INVALID_INPUT'],
    ['a fractional counter', { secret: RFC_SEED_HEX, encoding: 'hex', counter: 1.5 }, 'OTP_INVALID_INPUT'],
    ['a counter given as text', { secret: RFC_SEED_HEX, encoding: 'hex', counter: '3' }, 'OTP_INVALID_INPUT'],
  ])('refuses %s with an OtpError that does not quote the seed', async (_, input, code) => {
    const error = await enroll(hotp(), input).catch((e: unknown) => e);
    expect(isOtpError(error, code as never)).toBe(true);
    expect((error as Error).message).not.toContain(input.secret);
  });
});

describe('hotp verify', () => {
  it('accepts the RFC 4226 codes in order, moving the counter past each', async () => {
    const h = await enroll(hotp(), { secret: RFC_SEED_HEX, encoding: 'hex' });
    RFC_CODES.forEach((code, counter) => {
      expect(h.verify(code, 0)).toMatchObject({ ok: true });
      expect(h.device.data.counter).toBe(counter + 1);
    });
  });

  it.each([
    [0, 5, true],
    [0, 6, false],
    [3, 3, true],
    [3, 8, false],
  ])(
    'with lookAhead %i, from counter 0, a code at counter %i is accepted: %s',
    async (lookAhead, at, accepted) => {
      const h = await enroll(hotp({ lookAhead: lookAhead || undefined }), {
        secret: RFC_SEED_HEX,
        encoding: 'hex',
      });
      expect(h.verify(RFC_CODES[at], 0)).toMatchObject({ ok: accepted });
      expect(h.device.data.counter).toBe(accepted ? at + 1 : 0);
    },
  );

  it('accepts only the expected counter with lookAhead 0', async () => {
    const h = await enroll(hotp({ lookAhead: 0 }), { secret: RFC_SEED_HEX, encoding: 'hex' });
    expect(h.verify(RFC_CODES[1], 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.verify(RFC_CODES[0], 0)).toMatchObject({ ok: true });
  });

  it.each([
    ['SHA256', 8],
    ['SHA512', 7],
  ] as const)('verifies %s codes of %i digits', async (algorithm, digits) => {
    const h = await enroll(hotp({ algorithm, digits }), { secret: RFC_SEED_HEX, encoding: 'hex' });
    const secret = Buffer.from(RFC_SEED_HEX, 'hex');
    expect(h.verify(generateHotp({ secret, counter: 2, algorithm, digits }), 0)).toMatchObject({ ok: true });
    // The device keeps its own length: a 6-digit input is not one of its codes.
    expect(hotp().parseToken('123456', h.device)).toBeNull();
  });

  it('describes the device by algorithm and digits only', async () => {
    const kind = hotp({ digits: 8 });
    const { device } = await enroll(kind, { secret: RFC_SEED_HEX, encoding: 'hex' });
    expect(kind.describe!(device)).toEqual({ algorithm: 'SHA1', digits: 8 });
  });
});

describe('hotp resync', () => {
  it('finds two consecutive codes far ahead and sets the counter past the second', async () => {
    const h = await enroll(hotp(), { secret: RFC_SEED_HEX, encoding: 'hex' });
    const secret = Buffer.from(RFC_SEED_HEX, 'hex');
    const code = (counter: number) => generateHotp({ secret, counter });
    expect(h.verify(code(60), 0)).toMatchObject({ ok: false });
    expect(h.resync([code(60), code(61)], 0)).toMatchObject({ ok: true });
    expect(h.device.data.counter).toBe(62);
    expect(h.verify(code(62), 0)).toMatchObject({ ok: true });
  });

  it.each([
    ['codes that are not consecutive', [10, 12]],
    ['codes in the wrong order', [11, 10]],
    ['a pair past the resync window', [100, 101]],
  ])('refuses %s', async (_, [a, b]) => {
    const h = await enroll(hotp(), { secret: RFC_SEED_HEX, encoding: 'hex' });
    const secret = Buffer.from(RFC_SEED_HEX, 'hex');
    const code = (counter: number) => generateHotp({ secret, counter });
    expect(h.resync([code(a!), code(b!)], 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(h.device.data.counter).toBe(0);
  });

  it('searches as far as the resyncWindow option says', async () => {
    const h = await enroll(hotp({ resyncWindow: 500 }), { secret: RFC_SEED_HEX, encoding: 'hex' });
    const secret = Buffer.from(RFC_SEED_HEX, 'hex');
    const code = (counter: number) => generateHotp({ secret, counter });
    expect(h.resync([code(498), code(499)], 0)).toMatchObject({ ok: true });
    expect(h.device.data.counter).toBe(500);
  });
});
