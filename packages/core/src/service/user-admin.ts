import { toDeviceInfo } from './device-info.js';
import { resetStreak } from './failure-streak.js';
import { assertUserId } from './input-checks.js';
import { isReadable } from './readable-device.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { DeviceInfo, UserStatus } from './types.js';
import { stateFields } from './user-state.js';

/** All of a user's devices, confirmed or not, without secrets. */
export async function listDevices(ctx: ServiceContext, input: { userId: string }): Promise<DeviceInfo[]> {
  assertUserId(input.userId);
  const { devices } = await loadUser(ctx, input.userId);
  return devices.map((device) => toDeviceInfo(ctx, device));
}

/** Administrator unlock: clears the failure count, the delay, the lock and the failure streak. */
export async function resetThrottle(ctx: ServiceContext, input: { userId: string }): Promise<void> {
  assertUserId(input.userId);
  return withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, input.userId);
    if (!snapshot.state) return undefined;
    const applied = await commit(ctx, {
      userId: input.userId,
      expectedStateVersion: snapshot.state.version,
      state: resetStreak(ctx, stateFields(snapshot.state, now), now),
    });
    return applied ? undefined : RETRY;
  });
}

/** The user's two-factor status: enrolled or not, failures, lock, delay and unreadable devices. */
export async function userStatus(ctx: ServiceContext, input: { userId: string }): Promise<UserStatus> {
  assertUserId(input.userId);
  const now = ctx.clock();
  const { state, devices } = await loadUser(ctx, input.userId);
  const confirmed = devices.filter((device) => device.confirmed && ctx.kinds.has(device.kind));
  const decision = ctx.throttle.check(state, now);
  return {
    // Unreadable devices still count: a broken keyring must never look like "not enrolled yet",
    // which would let whoever holds the password enroll a factor of their own.
    enrolled: confirmed.some((device) => !ctx.kinds.get(device.kind)?.recovery),
    confirmedDevices: confirmed.length,
    failures: state?.failures ?? 0,
    locked: state?.lockedAt != null,
    lockedAt: state?.lockedAt ?? null,
    ...(!decision.allowed && decision.reason === 'throttled' ? { retryAfterMs: decision.retryAfterMs } : {}),
    stamp: state?.stamp ?? null,
    unreadableDevices: confirmed.filter((device) => !isReadable(ctx, device, now)).map((device) => device.id),
  };
}
