import type { Keyring } from '../keyring/create-keyring.js';
import type { DeviceCrypto, DeviceKind } from '../kinds/device-kind.js';
import type { OtpStore } from '../store/otp-store.js';
import type { ThrottlePolicy } from '../throttle/throttle-policy.js';
import type { OtpEventEmitter } from './events.js';

/** Caps on how many devices one user may hold (see `createOtp({ maxDevices, maxDevicesPerKind })`). */
export interface DeviceLimits {
  total: number;
  perKind: Readonly<Record<string, number>>;
}

/** Everything the service's operations share; built once by `createOtp`. */
export interface ServiceContext {
  store: OtpStore;
  keyring: Keyring;
  kinds: ReadonlyMap<string, DeviceKind>;
  throttle: ThrottlePolicy;
  clock: () => number;
  events: OtpEventEmitter;
  cryptoFor: (deviceId: string) => DeviceCrypto;
  /** How many times an operation re-reads and retries after losing a compare-and-set race. */
  maxAttempts: number;
  limits: DeviceLimits;
}
