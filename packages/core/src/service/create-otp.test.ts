import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../keyring/create-keyring.js';
import { memoryStore } from '../store/memory-store.js';
import { createOtp } from './create-otp.js';
import { sequenceKind } from './test-kind.js';

const keyring = createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' });

describe('createOtp options', () => {
  it.each([
    [{ keyring, kinds: [sequenceKind()] }, 'createOtp.store'],
    [{ store: memoryStore(), kinds: [sequenceKind()] }, 'createOtp.keyring'],
    [{ store: memoryStore(), keyring, kinds: [] }, 'createOtp.kinds'],
    [{ store: memoryStore(), keyring, kinds: [sequenceKind(), sequenceKind()] }, 'createOtp.kinds'],
    [
      { store: memoryStore(), keyring, kinds: [sequenceKind()], throttle: { maxFailures: 0 } },
      'createOtp.throttle',
    ],
    [{ store: memoryStore(), keyring, kinds: [sequenceKind()], clock: 5 }, 'createOtp.clock'],
    [{ store: memoryStore(), keyring, kinds: [sequenceKind()], extra: true }, 'createOtp'],
  ])('throws a TypeError naming the option for %#', (options, name) => {
    expect(() => createOtp(options as never)).toThrow(TypeError);
    expect(() => createOtp(options as never)).toThrow(name);
  });

  it('starts with valid options', () => {
    const otp = createOtp({ store: memoryStore(), keyring, kinds: [sequenceKind()] });
    expect(typeof otp.verifyToken).toBe('function');
  });

  it.each([
    'verifyToken',
    'confirm',
    'resync',
    'challenge',
    'removeDevice',
    'renameDevice',
    'regenerateBackupCodes',
    'addBackupCodes',
    'enroll',
  ] as const)('%s without an argument object rejects with OTP_INVALID_INPUT', async (method) => {
    const otp = createOtp({ store: memoryStore(), keyring, kinds: [sequenceKind()] });
    for (const input of [undefined, null, 'alice', 5]) {
      await expect((otp[method] as (i: unknown) => Promise<unknown>)(input)).rejects.toMatchObject({
        code: 'OTP_INVALID_INPUT',
      });
    }
  });

  it('rejects a missing or wrong user id as OTP_INVALID_INPUT, not a crash', async () => {
    const otp = createOtp({ store: memoryStore(), keyring, kinds: [sequenceKind()] });
    for (const userId of [undefined, null, '', 5, {}, 'x'.repeat(256)]) {
      await expect(otp.verifyToken({ userId, token: '123456' } as never)).rejects.toMatchObject({
        code: 'OTP_INVALID_INPUT',
      });
      await expect(otp.listDevices({ userId: userId as never })).rejects.toMatchObject({
        code: 'OTP_INVALID_INPUT',
      });
    }
  });
});
