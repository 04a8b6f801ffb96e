import type { DeviceRecord, UserSnapshot } from '../store/otp-store.js';
import type { ServiceContext } from './service-context.js';
import type { DeviceInfo } from './types.js';

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
