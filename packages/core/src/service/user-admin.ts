import {
  assertUserId,
  commit,
  loadUser,
  RETRY,
  type ServiceContext,
  toDeviceInfo,
  withRetries,
} from './service-context.js';
import type { DeviceInfo, UserStatus } from './types.js';
import { stateFields } from './user-state.js';

/** All of a user's devices, confirmed or not, without secrets. */
export async function listDevices(ctx: ServiceContext, userId: string): Promise<DeviceInfo[]> {
  assertUserId(userId);
  const { devices } = await loadUser(ctx, userId);
  return devices.map((device) => toDeviceInfo(ctx, device));
}

/** Administrator unlock: clears the failure count, the delay and the lock. */
export async function resetThrottle(ctx: ServiceContext, userId: string): Promise<void> {
  assertUserId(userId);
  return withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, userId);
    if (!snapshot.state) return undefined;
    const applied = await commit(ctx, {
      userId,
      expectedStateVersion: snapshot.state.version,
      state: ctx.throttle.reset(stateFields(snapshot.state, now), now),
    });
    return applied ? undefined : RETRY;
  });
}

/** The user's two-factor status: enrolled or not, failures, lock and delay. */
export async function userStatus(ctx: ServiceContext, userId: string): Promise<UserStatus> {
  assertUserId(userId);
  const now = ctx.clock();
  const { state, devices } = await loadUser(ctx, userId);
  const confirmed = devices.filter((device) => device.confirmed && ctx.kinds.has(device.kind));
  const decision = ctx.throttle.check(state, now);
  return {
    enrolled: confirmed.some((device) => !ctx.kinds.get(device.kind)?.recovery),
    confirmedDevices: confirmed.length,
    failures: state?.failures ?? 0,
    locked: state?.lockedAt != null,
    ...(!decision.allowed && decision.reason === 'throttled' ? { retryAfterMs: decision.retryAfterMs } : {}),
    stamp: state?.stamp ?? null,
  };
}
