import { z } from 'zod';
import type { Keyring } from '../keyring/create-keyring.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import { parseOptions } from '../parse-options.js';
import type { JsonObject, OtpStore } from '../store/otp-store.js';
import { createThrottlePolicy, throttleOptionsSchema } from '../throttle/throttle-policy.js';
import { addBackupCodes, recoveryKind } from './add-backup-codes.js';
import { challengeDevice } from './challenge-device.js';
import { createDeviceCryptoFactory } from './device-crypto.js';
import { createEventEmitter } from './events.js';
import { importDevice } from './import-device.js';
import { inputObject } from './input-checks.js';
import { enrollDevice, removeDevice, renameDevice } from './manage-devices.js';
import { checkResync, checkToken, runVerification } from './run-verification.js';
import type { ServiceContext } from './service-context.js';
import type { Otp } from './types.js';
import { listDevices, resetThrottle, userStatus } from './user-admin.js';

const withMethods = <T>(...names: string[]) =>
  z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function'),
    { message: `expected an object with ${names.join(', ')}` },
  );

/**
 * The fields of {@link otpOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const otpOptionsShape = {
  /** Where devices and per-user state live: `memoryStore()`, `sqlStore(…)` or your own `OtpStore`. */
  store: withMethods<OtpStore>(
    'loadUser',
    'getDevice',
    'commit',
    'putToken',
    'getToken',
    'consumeToken',
    'updateToken',
    'listTokens',
    'deleteTokens',
    'purgeExpired',
  ),
  /** Seals secrets and keys code hashes: `createKeyring(…)`. */
  keyring: withMethods<Keyring>('seal', 'open', 'hash', 'verifyHash', 'keyIdOf', 'hashKeyIdOf'),
  /** The device kinds this site offers: `[totp(…), hotp(), emailCode(…), backupCodes()]`. */
  kinds: z
    // biome-ignore lint/suspicious/noExplicitAny: kinds differ in their data shapes; each is checked at its own boundary.
    .array(withMethods<DeviceKind<any>>('parseToken', 'enroll', 'verify'))
    .min(1)
    .refine((kinds) => new Set(kinds.map((k) => k.kind)).size === kinds.length, {
      message: 'each device kind may appear once',
    }),
  /**
   * Throttle options.
   * @default { factor: 1, maxDelay: 900, maxFailures: 100 }
   */
  throttle: throttleOptionsSchema.optional(),
  /**
   * The time source, in epoch milliseconds.
   * @default Date.now
   */
  clock: z.custom<() => number>((value) => typeof value === 'function', 'expected a function').optional(),
  /**
   * How many opened secrets to keep in memory, so that verification skips a decryption. `0` disables it.
   * @default 1000
   */
  secretCacheSize: z.number().int().min(0).max(1_000_000).default(1000),
  /**
   * Attempts before an operation that keeps losing compare-and-set races gives up with
   * `OTP_STORE_CONFLICT`. With the default throttle a race settles in three rounds (the winner, one
   * counted failure, then everyone else is throttled); with delays disabled each racing failure
   * takes a round.
   * @default 10
   */
  maxAttempts: z.number().int().min(1).max(100).default(10),
  /**
   * Most devices one user may hold, confirmed or pending, backup codes included (enroll throws
   * `OTP_DEVICE_LIMIT` past it). Each device adds its window of codes to what a random guess can
   * hit, and its check to every guess: see "Devices per user" in docs/security.md.
   * @default 20
   */
  maxDevices: z.number().int().min(1).max(1000).default(20),
  /**
   * Caps per kind, within `maxDevices`: `{ hotp: 5, email: 3 }`. Kinds not listed have only the total cap.
   * @default {}
   */
  maxDevicesPerKind: z.record(z.string(), z.number().int().min(1).max(1000)).default({}),
};

/** Options of {@link createOtp}: the schema gives their type ({@link OtpOptions}) and defaults. */
export const otpOptionsSchema: z.ZodObject<typeof otpOptionsShape, z.core.$strict> =
  z.strictObject(otpOptionsShape);

/** Options of {@link createOtp}, as written by callers (see {@link otpOptionsSchema} for each field). */
export type OtpOptions = z.input<typeof otpOptionsSchema>;

/**
 * Create the otpkit service: enrollment, verification with throttling and replay protection,
 * device management and events, over any {@link OtpStore}.
 *
 * @example
 * ```ts
 * const keyring = createKeyring({ keys: { k1: process.env.OTPKIT_KEY_K1! }, primary: 'k1' });
 * const otp = createOtp({ store: memoryStore(), keyring, kinds: [totp({ issuer: 'Acme' }), backupCodes()] });
 * const { device, uri } = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@acme.test' });
 * await otp.confirm({ userId: 'alice', deviceId: device.id, token: codeFromApp });
 * const result = await otp.verifyToken({ userId: 'alice', token: '123456' });
 * ```
 */
export function createOtp(options: OtpOptions): Otp {
  const parsed = parseOptions(otpOptionsSchema, options, 'createOtp');
  const kinds = parsed.kinds as ReadonlyArray<DeviceKind<JsonObject>>;
  const events = createEventEmitter();
  const ctx: ServiceContext = {
    store: parsed.store,
    keyring: parsed.keyring,
    kinds: new Map(kinds.map((kind) => [kind.kind, kind])),
    throttle: createThrottlePolicy(parsed.throttle),
    clock: parsed.clock ?? Date.now,
    events,
    cryptoFor: createDeviceCryptoFactory(parsed.keyring, parsed.secretCacheSize),
    maxAttempts: parsed.maxAttempts,
    limits: { total: parsed.maxDevices, perKind: parsed.maxDevicesPerKind },
  };

  return {
    events: { on: events.on, off: events.off },

    enroll: async (input) => enrollDevice(ctx, input),

    confirm: async (input) => {
      const { userId, deviceId, token } = inputObject(input, 'confirm');
      return runVerification(ctx, {
        userId,
        deviceId: deviceId ?? null,
        purpose: 'confirm',
        evaluate: checkToken(token, 'confirm'),
      });
    },

    verifyToken: async (input) => {
      const { userId, token, deviceId } = inputObject(input, 'verifyToken');
      return runVerification(ctx, {
        userId,
        deviceId,
        purpose: 'verify',
        evaluate: checkToken(token, 'verify'),
      });
    },

    resync: async (input) => {
      const { userId, deviceId, tokens } = inputObject(input, 'resync');
      return runVerification(ctx, {
        userId,
        deviceId: deviceId ?? null,
        purpose: 'resync',
        evaluate: checkResync(tokens),
      });
    },

    challenge: async (input) => challengeDevice(ctx, inputObject(input, 'challenge')),

    listDevices: async (input) => listDevices(ctx, inputObject(input, 'listDevices')),

    removeDevice: async (input) => removeDevice(ctx, inputObject(input, 'removeDevice')),

    renameDevice: async (input) => renameDevice(ctx, inputObject(input, 'renameDevice')),

    async regenerateBackupCodes(input) {
      const { userId } = inputObject(input, 'regenerateBackupCodes');
      const { device, codes } = await enrollDevice(ctx, { userId, kind: recoveryKind(kinds).kind });
      return { device, codes: codes ?? [] };
    },

    addBackupCodes: async (input) => {
      const fields = inputObject(input, 'addBackupCodes');
      return addBackupCodes(ctx, recoveryKind(kinds), fields);
    },

    importDevice: async (input) => importDevice(ctx, inputObject(input, 'importDevice')),

    resetThrottle: async (input) => resetThrottle(ctx, inputObject(input, 'resetThrottle')),

    status: async (input) => userStatus(ctx, inputObject(input, 'status')),
  };
}
