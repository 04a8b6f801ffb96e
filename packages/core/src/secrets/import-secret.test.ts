import { describe, expect, it } from 'vitest';
import { encodeBase32 } from './base32.js';
import { importSecret } from './import-secret.js';

const twenty = new TextEncoder().encode('12345678901234567890');

describe('importSecret', () => {
  it('decodes base32 by default, with spaces and lower case', () => {
    const base32 = encodeBase32(twenty)
      .toLowerCase()
      .replace(/(.{4})/g, '$1 ');
    expect(importSecret(base32)).toEqual(twenty);
  });

  it('decodes hex when asked', () => {
    expect(importSecret('3132333435363738393031323334353637383930', 'hex')).toEqual(twenty);
  });

  it('copies raw bytes so later changes to the caller’s array do not leak in', () => {
    const raw = new Uint8Array(twenty);
    const imported = importSecret(raw);
    raw.fill(0);
    expect(imported).toEqual(twenty);
  });

  it.each([16, 64])('accepts %i bytes', (size) => {
    expect(importSecret(new Uint8Array(size).fill(1))).toHaveLength(size);
  });

  it.each([
    ['a 10-byte base32 key (Google’s wiki example)', 'JBSWY3DPEHPK3PXP'],
    ['15 bytes of hex', '00'.repeat(15)],
    ['65 raw bytes', new Uint8Array(65)],
    ['an empty byte array', new Uint8Array()],
    ['invalid base32', 'JBSWY3DPEHPK3PX1JBSWY3DPEHPK3PXP'],
    ['a number', 123456],
    ['null', null],
  ])('rejects %s with OTP_INVALID_SECRET', (_name, value) => {
    const encoding = typeof value === 'string' && /^0+$/.test(value) ? 'hex' : 'base32';
    expect(() => importSecret(value as string, encoding)).toThrow(
      expect.objectContaining({ code: 'OTP_INVALID_SECRET' }),
    );
  });

  it('states the size it got without quoting the secret', () => {
    expect(() => importSecret('JBSWY3DPEHPK3PXP')).toThrow(/16–64 bytes, got 10/);
    expect(() => importSecret('JBSWY3DPEHPK3PXP')).not.toThrow(/JBSW/);
  });

  it('throws a TypeError for an unknown encoding', () => {
    expect(() => importSecret('00', 'base64' as never)).toThrow(TypeError);
  });
});
