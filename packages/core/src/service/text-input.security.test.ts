// Threat: text that a database cannot hold as given, or that misleads whoever reads it. A user id
// with a NUL made PostgreSQL fail (reported as a store outage instead of bad input); lone
// surrogates are stored as U+FFFD, so two different user ids shared one row, one device list and
// one throttle (and `verifyToken` answered with another user id than asked). Line breaks split log
// lines and mail headers; a bidirectional override (U+202E) makes a name read backwards in a
// device list. All of it is refused where it enters: user ids, device names, labels, issuers, URIs.
import { describe, expect, it } from 'vitest';
import { buildOtpauthUri } from '../secrets/build-otpauth-uri.js';
import { parseOtpauthUri } from '../secrets/parse-otpauth-uri.js';
import { isPrintableText } from '../text/printable-text.js';
import { sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

const BAD_TEXT: Array<[string, string]> = [
  ['a NUL', 'alice\u0000'],
  ['a lone high surrogate', 'alice\ud800'],
  ['a lone low surrogate', '\udc00alice'],
  ['reversed surrogates', 'a\udc00\ud800b'],
  ['CR LF', 'alice\r\nBcc: x@evil.test'],
  ['a bidirectional override', 'alice\u202Egnp.exe'],
  ['a line separator', 'alice\u2028bob'],
  ['an escape sequence', 'alice\u001b[31m'],
  ['a zero-width space', 'ali\u200bce'],
];

describe('text that cannot be stored or read as given', () => {
  it.each(BAD_TEXT)('refuses a user id with %s in every service method', async (_label, userId) => {
    const env = setup({ kinds: [sequenceKind()] });
    const refused = { code: 'OTP_INVALID_INPUT', details: { field: 'userId' } };
    await expect(env.otp.enroll({ userId, kind: 'sequence' })).rejects.toMatchObject(refused);
    await expect(env.otp.verifyToken({ userId, token: '123456' })).rejects.toMatchObject(refused);
    await expect(env.otp.confirm({ userId, deviceId: 'd', token: '123456' })).rejects.toMatchObject(refused);
    await expect(env.otp.listDevices({ userId })).rejects.toMatchObject(refused);
    await expect(env.otp.status({ userId })).rejects.toMatchObject(refused);
    await expect(env.otp.resetThrottle({ userId })).rejects.toMatchObject(refused);
    await expect(env.otp.removeDevice({ userId, deviceId: 'd' })).rejects.toMatchObject(refused);
    await expect(env.otp.challenge({ userId, deviceId: 'd' })).rejects.toMatchObject(refused);
  });

  it('keeps two ids that differ only in a lone surrogate from ever sharing a row', async () => {
    const env = setup({ kinds: [sequenceKind({ confirmed: true })] });
    await env.otp.enroll({ userId: 'alice\uFFFD', kind: 'sequence' });
    await expect(env.otp.listDevices({ userId: 'alice\ud800' })).rejects.toMatchObject({
      code: 'OTP_INVALID_INPUT',
    });
  });

  it.each(BAD_TEXT)('refuses a device name with %s', async (_label, name) => {
    const env = setup({ kinds: [sequenceKind()] });
    await expect(env.otp.enroll({ userId: 'alice', kind: 'sequence', name })).rejects.toMatchObject({
      code: 'OTP_INVALID_INPUT',
      details: { field: 'name' },
    });
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await expect(
      env.otp.renameDevice({ userId: 'alice', deviceId: e.device.id, name }),
    ).rejects.toMatchObject({
      code: 'OTP_INVALID_INPUT',
    });
  });

  it.each(BAD_TEXT)('refuses an issuer or account with %s when building a key URI', (_label, text) => {
    const secret = new Uint8Array(20);
    expect(() => buildOtpauthUri({ type: 'totp', secret, issuer: text, account: 'alice' })).toThrow(
      TypeError,
    );
    expect(() => buildOtpauthUri({ type: 'totp', secret, issuer: 'Acme', account: text })).toThrow(TypeError);
  });

  it.each([
    [
      'a CR LF in the issuer parameter',
      'otpauth://totp/Acme:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%0D%0AX',
    ],
    ['a NUL in the account', 'otpauth://totp/Acme:ali%00ce?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
    [
      'a bidi override in the label issuer',
      'otpauth://totp/Ac%E2%80%AEme:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    ],
    [
      'a lone surrogate (as UTF-8 bytes)',
      'otpauth://totp/Acme:al%ED%A0%80ice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    ],
  ])('refuses a key URI with %s', (_label, uri) => {
    expect(() => parseOtpauthUri(uri)).toThrow(expect.objectContaining({ code: 'OTP_INVALID_URI' }));
  });

  it('accepts ordinary international text and emoji', () => {
    for (const text of ['Grüße', 'ελληνικά', '日本語', 'עברית', '📱 Phone', 'O’Brien']) {
      expect(isPrintableText(text)).toBe(true);
    }
  });
});
