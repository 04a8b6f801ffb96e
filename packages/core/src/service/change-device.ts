import type { DeviceRecord, StoreCommit, UserSnapshot } from '../store/otp-store.js';
import { findDevice } from './device-info.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';

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
