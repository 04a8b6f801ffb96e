import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring } from './create-keyring.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64url');
const secret = randomBytes(20);
const deviceId = 'device-7';

const before = createKeyring({ keys: { k1 }, primary: 'k1' });
const during = createKeyring({ keys: { k1, k2 }, primary: 'k2' });
const after = createKeyring({ keys: { k2 }, primary: 'k2' });
const same = (a: Uint8Array) => Buffer.from(a).equals(secret);

describe('key rotation', () => {
  const old = before.seal(secret, deviceId);

  it('opens envelopes sealed under the previous primary while it stays in the ring', () => {
    expect(during.primaryKeyId).toBe('k2');
    expect(during.keyIds).toEqual(['k1', 'k2']);
    expect(same(during.open(old, deviceId))).toBe(true);
  });

  it('flags envelopes under the old key for resealing, and only those', () => {
    expect(during.needsReseal(old)).toBe(true);
    expect(during.needsReseal(during.seal(secret, deviceId))).toBe(false);
    expect(before.needsReseal(old)).toBe(false);
  });

  it('reseals under the new primary, bound to the same device', () => {
    const resealed = during.reseal(old, deviceId);
    expect(during.keyIdOf(resealed)).toBe('k2');
    expect(during.needsReseal(resealed)).toBe(false);
    expect(same(during.open(resealed, deviceId))).toBe(true);
    expect(() => during.open(resealed, 'device-8')).toThrowError(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it('returns an envelope already under the primary unchanged', () => {
    const current = during.seal(secret, deviceId);
    expect(during.reseal(current, deviceId)).toBe(current);
  });

  it('refuses to reseal an envelope that does not open', () => {
    expect(() => during.reseal(old, 'device-8')).toThrowError(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it('once the old key is retired, opens resealed envelopes and refuses the old ones', () => {
    const resealed = during.reseal(old, deviceId);
    expect(same(after.open(resealed, deviceId))).toBe(true);
    expect(() => after.open(old, deviceId)).toThrowError(
      expect.objectContaining({ code: 'OTP_KEY_INVALID' }),
    );
  });

  it('verifies hashes made under the old key while it stays in the ring', () => {
    const oldHash = before.hash('ABCDE-FGHJK', deviceId);
    expect(during.verifyHash('ABCDE-FGHJK', deviceId, oldHash)).toBe(true);
    expect(during.verifyHash('ABCDE-FGHJX', deviceId, oldHash)).toBe(false);
    expect(during.hash('ABCDE-FGHJK', deviceId)).toMatch(/^h1\.k2\./);
  });

  it('stops verifying old hashes once their key is retired, without throwing', () => {
    const oldHash = before.hash('ABCDE-FGHJK', deviceId);
    expect(after.verifyHash('ABCDE-FGHJK', deviceId, oldHash)).toBe(false);
    expect(after.verifyHash('ABCDE-FGHJK', deviceId, during.hash('ABCDE-FGHJK', deviceId))).toBe(true);
  });
});
