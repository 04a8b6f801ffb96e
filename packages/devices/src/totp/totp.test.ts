import { decodeBase32, generateTotp, isOtpError, parseOtpauthUri } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { enroll, T0 } from '../test-support/kind-harness.js';
import { type TotpData, totp } from './totp.js';

const STEP = 30_000;

/** The code an app holding `secret` shows at `time`. */
const appCode = (
  secret: string,
  time: number,
  params: { digits?: number; algorithm?: 'SHA1' | 'SHA256' | 'SHA512'; period?: number } = {},
) => generateTotp({ secret: decodeBase32(secret), time, ...params });

describe('totp options', () => {
  it.each([
    [{ issuer: 'Acme', digits: 5 }, 'Invalid option totp.digits'],
    [{ issuer: 'Acme', digits: 9 }, 'Invalid option totp.digits'],
    [{ issuer: 'Acme', algorithm: 'MD5' }, 'Invalid option totp.algorithm'],
    [{ issuer: 'Acme', period: 0 }, 'Invalid option totp.period'],
    [{ issuer: 'Acme', window: [-1, 1] }, 'Invalid option totp.window.0'],
    [{ issuer: 'Acme', window: [1, 11] }, 'Invalid option totp.window.1'],
    [{ issuer: 'Acme', maxDrift: 11 }, 'Invalid option totp.maxDrift'],
    [{ issuer: 'Acme', resyncWindow: 0 }, 'Invalid option totp.resyncWindow'],
    [{ issuer: 'Acme', image: 'http://acme.test/logo.png' }, 'Invalid option totp.image'],
    [{ issuer: '' }, 'Invalid option totp.issuer'],
    [{ issuer: 'Acme: Admin' }, 'Invalid option totp.issuer'],
    [{}, 'Invalid option totp.issuer'],
    [{ issuer: 'Acme', digit: 6 }, 'Invalid option totp'],
  ])('refuses %j with a TypeError naming the option', (options, message) => {
    expect(() => totp(options as never)).toThrow(TypeError);
    expect(() => totp(options as never)).toThrow(message);
  });

  it('stores the defaults on the device: SHA1, 6 digits, 30 s, t0 0, no drift, no step used', async () => {
    const { device } = await enroll(totp({ issuer: 'Acme' }));
    expect(device.data).toEqual({
      secret: expect.any(String),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      t0: 0,
      drift: 0,
      lastStep: null,
    } satisfies Record<keyof TotpData, unknown>);
    expect(device.confirmed).toBe(false);
  });
});

describe('totp enrollment', () => {
  it('reveals a 20-byte base32 secret, the same key in groups of four, and a key URI', async () => {
    const { reveal } = await enroll(totp({ issuer: 'Acme' }), { label: 'alice@acme.test' });
    const secret = reveal.secret as string;
    expect(decodeBase32(secret)).toHaveLength(20);
    expect(reveal.manualKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect((reveal.manualKey as string).replaceAll(' ', '')).toBe(secret);
    const uri = parseOtpauthUri(reveal.uri as string);
    expect(uri).toMatchObject({
      type: 'totp',
      issuer: 'Acme',
      account: 'alice@acme.test',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(uri.secret).toEqual(decodeBase32(secret));
  });

  it('seals the secret: the stored data holds no form of it', async () => {
    const { device, reveal, crypto } = await enroll(totp({ issuer: 'Acme' }));
    const stored = JSON.stringify(device.data);
    const secret = decodeBase32(reveal.secret as string);
    expect(stored).not.toContain(reveal.secret as string);
    expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
    expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    expect(crypto.open(device.data.secret)).toEqual(secret);
  });

  it('labels the key with the userId when no label is given', async () => {
    const { reveal } = await enroll(totp({ issuer: 'Acme' }), {}, { userId: 'user-42' });
    expect(parseOtpauthUri(reveal.uri as string).account).toBe('user-42');
  });

  it('asks an issuer function, with the user and label, and writes its answer and the image', async () => {
    const seen: unknown[] = [];
    const kind = totp({
      issuer: (context) => {
        seen.push(context);
        return 'Tenant Blue';
      },
      image: 'https://acme.test/logo.png',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
    const { reveal } = await enroll(kind, { label: 'bob' }, { userId: 'u1' });
    expect(seen).toEqual([{ userId: 'u1', label: 'bob' }]);
    expect(parseOtpauthUri(reveal.uri as string)).toMatchObject({
      issuer: 'Tenant Blue',
      account: 'bob',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      image: 'https://acme.test/logo.png',
    });
  });

  it.each(['', 'Acme: Blue'])('refuses an issuer function that returns %j', async (issuer) => {
    await expect(enroll(totp({ issuer: () => issuer }))).rejects.toThrow('Invalid option totp.issuer');
  });

  it('asks for a label when the userId cannot be one', async () => {
    const error = await enroll(totp({ issuer: 'Acme' }), {}, { userId: 'tenant:42' }).catch(
      (e: unknown) => e,
    );
    expect(isOtpError(error, 'OTP_INVALID_INPUT')).toBe(true);
    await expect(
      enroll(totp({ issuer: 'Acme' }), { label: 'alice' }, { userId: 'tenant:42' }),
    ).resolves.toBeDefined();
  });

  it.each([
    [
      'base32 with spaces, lower case',
      { secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' },
      '12345678901234567890',
    ],
    ['raw bytes', { secret: new TextEncoder().encode('12345678901234567890') }, '12345678901234567890'],
    ['hex', { secret: '3132333435363738393031323334353637383930', encoding: 'hex' }, '12345678901234567890'],
  ])('imports an existing secret given as %s', async (_, input, ascii) => {
    const { device, crypto, reveal } = await enroll(totp({ issuer: 'Acme' }), input);
    expect(Buffer.from(crypto.open(device.data.secret)).toString()).toBe(ascii);
    expect(reveal.secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it.each([
    ['a secret under 16 bytes', { secret: 'JBSWY3DPEHPK3PXP' }, 'OTP_INVALID_SECRET'],
    ['a secret over 64 bytes', { secret: new Uint8Array(65) }, 'OTP_INVALID_SECRET'],
    ['a secret that is not base32', { secret: 'not base32 at all!' }, 'OTP_INVALID_SECRET'],
    ['a secret that is neither text nor bytes', { secret: 42 }, 'OTP_INVALID_INPUT'],
    ['an unknown field', { lable: 'alice' }, 'OTP_INVALID_INPUT'],
    ['a label with a line break', { label: 'alice\nbob' }, 'OTP_INVALID_INPUT'],
    ['an empty label', { label: '  ' }, 'OTP_INVALID_INPUT'],
    ['a label with a colon (the issuer separator)', { label: 'acme:alice' }, 'OTP_INVALID_INPUT'],
  ])(
    'refuses %s with an OtpError that does not quote it',
    async (_, input: Record<string, unknown>, code) => {
      const error = await enroll(totp({ issuer: 'Acme' }), input).catch((e: unknown) => e);
      expect(isOtpError(error, code as never)).toBe(true);
      if (typeof input.secret === 'string') expect((error as Error).message).not.toContain(input.secret);
    },
  );
});

describe('totp parseToken', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['12345', null],
    ['1234567', null],
    ['abcde-12345', null],
    ['１２３４５６', null],
    [123456, null],
  ])('reads %j as %j', async (token, expected) => {
    const { device } = await enroll(totp({ issuer: 'Acme' }));
    expect(totp({ issuer: 'Acme' }).parseToken(token, device)).toBe(expected);
  });

  it('expects the digits stored on the device, not the current option', async () => {
    const { device } = await enroll(totp({ issuer: 'Acme', digits: 8 }));
    expect(totp({ issuer: 'Acme' }).parseToken('12345678', device)).toBe('12345678');
    expect(totp({ issuer: 'Acme' }).parseToken('123456', device)).toBeNull();
  });
});

describe('totp verify', () => {
  it.each([
    ['the current step', 0, true],
    ['the previous step', -1, true],
    ['the next step', 1, true],
    ['two steps back', -2, false],
    ['two steps ahead', 2, false],
  ])('with the default window [1, 1], accepts a code from %s: %s', async (_, offset, accepted) => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    const result = h.verify(appCode(h.reveal.secret as string, T0 + offset * STEP), T0 + 10_000);
    expect(result).toEqual(
      accepted ? { ok: true, data: expect.any(Object) } : { ok: false, reason: 'invalid' },
    );
  });

  it('accepts only the current step with window [0, 0]', async () => {
    const h = await enroll(totp({ issuer: 'Acme', window: [0, 0] }));
    const secret = h.reveal.secret as string;
    expect(h.verify(appCode(secret, T0 - STEP), T0)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(h.verify(appCode(secret, T0), T0)).toMatchObject({ ok: true });
  });

  it('records the accepted step as lastStep', async () => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    h.verify(appCode(h.reveal.secret as string, T0), T0, 'confirm');
    expect(h.device.data.lastStep).toBe(T0 / STEP);
  });

  it.each([
    ['SHA1', 6],
    ['SHA256', 7],
    ['SHA512', 8],
  ] as const)('verifies %s codes of %i digits', async (algorithm, digits) => {
    const h = await enroll(totp({ issuer: 'Acme', algorithm, digits }));
    const code = appCode(h.reveal.secret as string, T0, { algorithm, digits });
    expect(code).toHaveLength(digits);
    expect(h.verify(code, T0)).toMatchObject({ ok: true });
  });

  it('counts steps from t0', async () => {
    const t0 = 1_000_015; // seconds: steps start 15 s past the half minute
    const h = await enroll(totp({ issuer: 'Acme', t0 }));
    const secret = decodeBase32(h.reveal.secret as string);
    const code = generateTotp({ secret, time: T0, t0 });
    expect(h.verify(code, T0)).toMatchObject({ ok: true });
    expect(h.device.data.lastStep).toBe(Math.floor((T0 / 1000 - t0) / 30));
  });

  it('shifts the drift by the offset of an accepted code from the expected step', async () => {
    const h = await enroll(totp({ issuer: 'Acme' }));
    const secret = h.reveal.secret as string;
    h.verify(appCode(secret, T0 + STEP), T0); // the device runs one step fast
    expect(h.device.data.drift).toBe(1);
    // The window now centres on the device's step: two steps ahead of the server is accepted.
    expect(h.verify(appCode(secret, T0 + 4 * STEP), T0 + 2 * STEP)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(2);
    // Later codes are looked for around the device's own step.
    expect(h.verify(appCode(secret, T0 + 7 * STEP), T0 + 5 * STEP)).toMatchObject({ ok: true });
    expect(h.verify(appCode(secret, T0 + 7 * STEP), T0 + 5 * STEP)).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
    // A device that runs right again is followed back, one step at a time.
    expect(h.verify(appCode(secret, T0 + 9 * STEP), T0 + 8 * STEP)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(1);
    expect(h.verify(appCode(secret, T0 + 10 * STEP), T0 + 10 * STEP)).toMatchObject({ ok: true });
    expect(h.device.data.drift).toBe(0);
  });

  it('describes the device by its code parameters, nothing secret', async () => {
    const kind = totp({ issuer: 'Acme', digits: 8, period: 60 });
    const { device } = await enroll(kind);
    expect(kind.describe!(device)).toEqual({ algorithm: 'SHA1', digits: 8, period: 60 });
  });
});
