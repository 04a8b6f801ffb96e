import { OtpError } from '../errors.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import type { DeviceRecord, DeviceWrite, UserSnapshot } from '../store/otp-store.js';
import { changeDevice, nextDevice } from './change-device.js';
import { toDeviceInfo } from './device-info.js';
import { assertWithinLimits } from './device-limits.js';
import { emitKindEvents } from './emit-kind-events.js';
import { assertMayAddFactors } from './failure-streak.js';
import { assertUserId, parseDeviceId, parseDeviceName } from './input-checks.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { DeviceInfo, EnrollInput, EnrollResult } from './types.js';
import {
  newDeviceId,
  recentDeliveries,
  stateFields,
  withDelivery,
  withNewStamp,
  withoutDelivery,
} from './user-state.js';

const notFound = (deviceId?: string) =>
  new OtpError('OTP_DEVICE_NOT_FOUND', 'No such device for this user', {
    details: deviceId === undefined ? {} : { deviceId },
  });

/** The devices an enrollment of `kind` replaces: the pending one of that kind, or a singleton's set. */
function replacedBy(kind: DeviceKind, snapshot: UserSnapshot): DeviceRecord[] {
  return snapshot.devices.filter((d) => d.kind === kind.kind && (kind.singleton || !d.confirmed));
}

/**
 * Enroll a device. Staged kinds (TOTP, HOTP, email) start unconfirmed and replace the user's
 * earlier unconfirmed device of the same kind; singleton kinds (backup codes) replace the previous
 * set. The new device, the removal of what it replaces and the delivery record (for kinds that send
 * a code) are one atomic commit, so racing enrollments cannot slip past the caps or the cooldown.
 */
export async function enrollDevice(ctx: ServiceContext, input: EnrollInput): Promise<EnrollResult> {
  if (!input || typeof input !== 'object') {
    throw new OtpError('OTP_INVALID_INPUT', 'enroll expects an object');
  }
  const { userId, kind: kindName, name, ...fields } = input;
  assertUserId(userId);
  const kind = typeof kindName === 'string' ? ctx.kinds.get(kindName) : undefined;
  if (!kind) {
    throw new OtpError('OTP_INVALID_INPUT', 'Unknown or unconfigured device kind', {
      details: { field: 'kind' },
    });
  }
  const deviceName = parseDeviceName(name ?? kind.defaultName ?? kind.kind);

  const { device, outcome, replaced, sentAt } = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, userId);
    assertMayAddFactors(ctx, snapshot.state, now);
    const replaced = replacedBy(kind, snapshot);
    assertWithinLimits(
      ctx,
      kind,
      snapshot.devices.filter((d) => !replaced.includes(d)),
    );
    const deviceId = newDeviceId();
    const outcome = await kind.enroll({
      deviceId,
      userId,
      name: deviceName,
      now,
      crypto: ctx.cryptoFor(deviceId),
      input: fields,
      deliveries: recentDeliveries(snapshot.state, now),
    });
    const device: DeviceRecord = {
      id: deviceId,
      userId,
      kind: kind.kind,
      name: deviceName,
      confirmed: outcome.confirmed,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: null,
      version: 1,
      data: outcome.data,
    };
    let state = stateFields(snapshot.state, now);
    const factorsChange = outcome.confirmed || replaced.some((d) => d.confirmed);
    if (factorsChange) state = withNewStamp(state, now);
    if (outcome.deliver) state = withDelivery(state, now);
    const writesState = factorsChange || outcome.deliver !== undefined;
    const applied = await commit(ctx, {
      userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      ...(writesState ? { state } : {}),
      devices: [
        ...replaced.map((d): DeviceWrite => ({ op: 'delete', id: d.id, expectedVersion: d.version })),
        { op: 'create', device },
      ],
    });
    return applied ? { device, outcome, replaced, sentAt: now } : RETRY;
  });

  const event = { userId, deviceId: device.id, kind: kind.kind };
  if (outcome.deliver) {
    try {
      await outcome.deliver();
    } catch (error) {
      // The code never reached the user: take the device away so that no code is left valid, and
      // forget the delivery so that it does not hold up a retry.
      await deleteDevice(ctx, userId, device.id, sentAt).catch(() => undefined);
      throw new OtpError('OTP_DELIVERY_FAILED', 'The enrollment code could not be delivered', {
        cause: error,
        details: { deviceId: device.id },
      });
    }
  }
  for (const old of replaced) ctx.events.emit('device.removed', { userId, deviceId: old.id, kind: old.kind });
  ctx.events.emit('device.added', { ...event, confirmed: device.confirmed });
  emitKindEvents(ctx, event, outcome.events);
  return { ...outcome.reveal, device: toDeviceInfo(ctx, device) };
}

/**
 * Delete one of the user's devices; resolves the removed record. Throws `OTP_DEVICE_NOT_FOUND`.
 * `failedDeliveryAt` also forgets a delivery that failed (an enrollment whose email never left).
 */
export async function deleteDevice(
  ctx: ServiceContext,
  userId: string,
  deviceId: unknown,
  failedDeliveryAt?: number,
): Promise<DeviceRecord> {
  assertUserId(userId);
  const id = parseDeviceId(deviceId);
  return changeDevice<DeviceRecord>(
    ctx,
    userId,
    id,
    (device, snapshot, now) => {
      let state = stateFields(snapshot.state, now);
      // Removing an active factor changes the stamp: trusted browsers are re-checked.
      if (device.confirmed) state = withNewStamp(state, now);
      if (failedDeliveryAt !== undefined) state = withoutDelivery(state, failedDeliveryAt, now);
      const writesState = device.confirmed || failedDeliveryAt !== undefined;
      return {
        change: {
          ...(writesState ? { state } : {}),
          devices: [{ op: 'delete', id: device.id, expectedVersion: device.version }],
        },
        result: device,
      };
    },
    () => {
      throw notFound(id);
    },
  );
}

/** Remove one of the user's devices and tell listeners. */
export async function removeDevice(
  ctx: ServiceContext,
  input: { userId: string; deviceId: string },
): Promise<DeviceInfo> {
  const removed = await deleteDevice(ctx, input.userId, input.deviceId);
  ctx.events.emit('device.removed', { userId: removed.userId, deviceId: removed.id, kind: removed.kind });
  return toDeviceInfo(ctx, removed);
}

/** Rename one of the user's devices. */
export async function renameDevice(
  ctx: ServiceContext,
  input: { userId: string; deviceId: string; name: string },
): Promise<DeviceInfo> {
  assertUserId(input.userId);
  const name = parseDeviceName(input.name);
  const id = parseDeviceId(input.deviceId);
  return changeDevice(
    ctx,
    input.userId,
    id,
    (device, _snapshot, now) => {
      const next = nextDevice(device, { name }, now);
      return {
        change: { devices: [{ op: 'update', device: next, expectedVersion: device.version }] },
        result: toDeviceInfo(ctx, next),
      };
    },
    () => {
      throw notFound(id);
    },
  );
}
