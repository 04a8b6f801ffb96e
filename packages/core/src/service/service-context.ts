import { OtpError } from '../errors.js';
import type { DeviceCrypto, DeviceKind } from '../kinds/device-kind.js';
import type { DeviceRecord, OtpStore, StoreCommit, UserSnapshot } from '../store/otp-store.js';
import type { ThrottlePolicy } from '../throttle/throttle-policy.js';
import type { OtpEventEmitter } from './events.js';
import type { DeviceInfo } from './types.js';

/** Everything the service's operations share; built once by `createOtp`. */
export interface ServiceContext {
  store: OtpStore;
  kinds: ReadonlyMap<string, DeviceKind>;
  throttle: ThrottlePolicy;
  clock: () => number;
  events: OtpEventEmitter;
  cryptoFor: (deviceId: string) => DeviceCrypto;
  /** How many times an operation re-reads and retries after losing a compare-and-set race. */
  maxAttempts: number;
}

/** Returned by one attempt of an operation that lost a compare-and-set race and must start over. */
export const RETRY = Symbol('retry');

/**
 * Run `attempt` until it returns something other than {@link RETRY}. Every attempt re-reads the
 * store, so a retry decides on fresh state (the code may now be `replayed`, the user `throttled`).
 */
export async function withRetries<T>(
  ctx: ServiceContext,
  attempt: () => Promise<T | typeof RETRY>,
): Promise<T> {
  for (let i = 0; i < ctx.maxAttempts; i++) {
    const result = await attempt();
    if (result !== RETRY) return result;
  }
  throw new OtpError('OTP_STORE_CONFLICT', `Gave up after ${ctx.maxAttempts} conflicting concurrent updates`);
}

async function fromStore<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof OtpError) throw error;
    throw new OtpError('OTP_STORE_UNAVAILABLE', 'The otpkit store failed', { cause: error });
  }
}

/** Read a user; any store failure becomes `OTP_STORE_UNAVAILABLE` so callers fail closed. */
export function loadUser(ctx: ServiceContext, userId: string): Promise<UserSnapshot> {
  return fromStore(ctx.store.loadUser(userId));
}

/** Commit a change; `false` means a concurrent writer won and the caller must retry. */
export function commit(ctx: ServiceContext, change: StoreCommit): Promise<boolean> {
  return fromStore(ctx.store.commit(change));
}

/** The argument object of a service method; anything else is `OTP_INVALID_INPUT`, not a TypeError. */
export function inputObject<T extends object>(input: T, method: string): T {
  if (typeof input !== 'object' || input === null) {
    throw new OtpError('OTP_INVALID_INPUT', `${method} expects an object argument`);
  }
  return input;
}

/** Reject anything but a sensible user id: it is a programming error, not user input. */
export function assertUserId(userId: unknown): asserts userId is string {
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 255) {
    throw new OtpError('OTP_INVALID_INPUT', 'userId must be a string of 1 to 255 characters');
  }
}

/** A device of this user, by id, or null. Ids that are not strings match nothing. */
export function findDevice(snapshot: UserSnapshot, deviceId: unknown): DeviceRecord | null {
  if (typeof deviceId !== 'string') return null;
  return snapshot.devices.find((device) => device.id === deviceId) ?? null;
}

/** The public view of a device: no secret, no hash. */
export function toDeviceInfo(ctx: ServiceContext, device: DeviceRecord): DeviceInfo {
  const kind = ctx.kinds.get(device.kind);
  return {
    id: device.id,
    userId: device.userId,
    kind: device.kind,
    name: device.name,
    confirmed: device.confirmed,
    createdAt: device.createdAt,
    updatedAt: device.updatedAt,
    lastUsedAt: device.lastUsedAt,
    details: kind?.describe ? kind.describe(device) : {},
  };
}

/**
 * Re-read the user, find one of their devices and commit the change `build` returns, guarded by what
 * was read, until it applies. `missing` answers when the device is not the user's (or is gone).
 */
export function changeDevice<T>(
  ctx: ServiceContext,
  userId: string,
  deviceId: unknown,
  build: (
    device: DeviceRecord,
    snapshot: UserSnapshot,
    now: number,
  ) => { change: Pick<StoreCommit, 'state' | 'devices'>; result: T },
  missing: () => T,
): Promise<T> {
  return withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, userId);
    const device = findDevice(snapshot, deviceId);
    if (!device) return missing();
    const { change, result } = build(device, snapshot, now);
    const applied = await commit(ctx, {
      userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      ...change,
    });
    return applied ? result : RETRY;
  });
}

/** The device record after a successful change of its data, ready for a compare-and-set update. */
export function nextDevice(device: DeviceRecord, changes: Partial<DeviceRecord>, now: number): DeviceRecord {
  return { ...device, ...changes, updatedAt: now, version: device.version + 1 };
}
