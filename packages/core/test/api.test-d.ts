/**
 * Type-level tests of the public API, checked by `tsc` (`pnpm typecheck`, run by CI): the result
 * unions narrow as documented, errors narrow their details, and options refuse wrong shapes.
 */
import {
  type AnyOtpError,
  type ChallengeResult,
  createKeyring,
  createOtp,
  type DeviceInfo,
  isOtpError,
  memoryStore,
  type Otp,
  type OtpError,
  type OtpOptions,
  type VerifyResult,
} from '@otpkit/core';
import { expectTypeOf } from 'vitest';

declare const otp: Otp;
declare const result: VerifyResult;
declare const error: unknown;

// A success carries the device; a failure its reason.
if (result.ok) {
  expectTypeOf(result.device).toEqualTypeOf<DeviceInfo>();
  expectTypeOf(result.remaining).toEqualTypeOf<number | undefined>();
  expectTypeOf(result.userId).toEqualTypeOf<string>();
} else {
  expectTypeOf(result.reason).toEqualTypeOf<
    'malformed' | 'invalid' | 'replayed' | 'expired' | 'throttled' | 'locked' | 'no-device'
  >();
  // retryAfterMs is required once the reason is narrowed to 'throttled'.
  if (result.reason === 'throttled') expectTypeOf(result.retryAfterMs).toEqualTypeOf<number>();
  if (result.reason === 'locked') expectTypeOf(result.retryAfterMs).toEqualTypeOf<undefined>();
}

declare const challenge: ChallengeResult;
if (!challenge.sent) expectTypeOf(challenge.retryAfterMs).toEqualTypeOf<number>();

// isOtpError with a code narrows details; without one, the union narrows on switch.
if (isOtpError(error, 'OTP_THROTTLED')) expectTypeOf(error.details.retryAfterMs).toEqualTypeOf<number>();
if (isOtpError(error, 'OTP_DEVICE_LIMIT')) {
  expectTypeOf(error.details).toEqualTypeOf<{ limit: number; kind?: string }>();
}
if (isOtpError(error)) {
  expectTypeOf(error).toEqualTypeOf<AnyOtpError>();
  switch (error.code) {
    case 'OTP_COOLDOWN':
      expectTypeOf(error.details.retryAfterMs).toEqualTypeOf<number>();
      break;
    case 'OTP_LOCKED':
      expectTypeOf(error.details.lockedAt).toEqualTypeOf<number | null>();
      break;
  }
}
expectTypeOf<OtpError<'OTP_KEY_INVALID'>['details']>().toEqualTypeOf<{ keyId?: string }>();

// Every method takes one object.
expectTypeOf(otp.listDevices).parameter(0).toEqualTypeOf<{ userId: string }>();
expectTypeOf(otp.status).parameter(0).toEqualTypeOf<{ userId: string }>();
expectTypeOf(otp.resetThrottle).parameter(0).toEqualTypeOf<{ userId: string }>();
expectTypeOf(otp.removeDevice).returns.resolves.toEqualTypeOf<DeviceInfo>();
// @ts-expect-error: a bare user id is not accepted any more
otp.listDevices('alice');

// Options take their type from the schema: wrong shapes do not compile.
const keyring = createKeyring({ keys: { k1: new Uint8Array(32) }, primary: 'k1' });
createOtp({ store: memoryStore(), keyring, kinds: [], maxDevices: 5, maxDevicesPerKind: { hotp: 2 } });
// @ts-expect-error: maxDevices is a number
createOtp({ store: memoryStore(), keyring, kinds: [], maxDevices: '5' });
// @ts-expect-error: unknown options are refused
createOtp({ store: memoryStore(), keyring, kinds: [], maxDevice: 5 });
// @ts-expect-error: the throttle's fields are numbers
createOtp({ store: memoryStore(), keyring, kinds: [], throttle: { factor: 'fast' } });
expectTypeOf<OtpOptions['secretCacheSize']>().toEqualTypeOf<number | undefined>();
