import { OtpError } from '../errors.js';
import type { DeviceRecord, DeviceWrite } from '../store/otp-store.js';
import { emitKindEvents } from './emit-kind-events.js';
import {
  assertUserId,
  changeDevice,
  commit,
  loadUser,
  nextDevice,
  RETRY,
  type ServiceContext,
  toDeviceInfo,
  withRetries,
} from './service-context.js';
import type { DeviceInfo, EnrollInput, EnrollResult } from './types.js';
import { newDeviceId, newStamp, stateFields } from './user-state.js';

// Printable text only: a device name ends up in HTML pages, logs and terminal output.
const CONTROL_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A device name: trimmed, 1–64 characters, no control characters. */
export function parseDeviceName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > 64 || CONTROL_CHARACTERS.test(trimmed)) {
    throw new OtpError('OTP_INVALID_INPUT', 'A device name must be 1 to 64 printable characters');
  }
  return trimmed;
}

/**
 * Enroll a device. Staged kinds (TOTP, HOTP, email) start unconfirmed and replace the user's
 * earlier unconfirmed device of the same kind; singleton kinds (backup codes) replace the previous
 * set. The new device and the removal of what it replaces are one atomic commit.
 */
export async function enrollDevice(ctx: ServiceContext, input: EnrollInput): Promise<EnrollResult> {
  if (!input || typeof input !== 'object')
    throw new OtpError('OTP_INVALID_INPUT', 'enroll expects an object');
  const { userId, kind: kindName, name, ...fields } = input;
  assertUserId(userId);
  const kind = typeof kindName === 'string' ? ctx.kinds.get(kindName) : undefined;
  if (!kind) throw new OtpError('OTP_INVALID_INPUT', 'Unknown or unconfigured device kind');
  const deviceName = parseDeviceName(name ?? kind.defaultName ?? kind.kind);

  const { device, outcome, replaced } = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, userId);
    const deviceId = newDeviceId();
    const outcome = await kind.enroll({
      deviceId,
      userId,
      name: deviceName,
      now,
      crypto: ctx.cryptoFor(deviceId),
      input: fields,
    });
    const replaced = snapshot.devices.filter((d) => d.kind === kind.kind && (kind.singleton || !d.confirmed));
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
    const factorsChange = outcome.confirmed || replaced.some((d) => d.confirmed);
    const applied = await commit(ctx, {
      userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      ...(factorsChange
        ? { state: { ...stateFields(snapshot.state, now), stamp: newStamp(), updatedAt: now } }
        : {}),
      devices: [
        ...replaced.map((d): DeviceWrite => ({ op: 'delete', id: d.id, expectedVersion: d.version })),
        { op: 'create', device },
      ],
    });
    return applied ? { device, outcome, replaced } : RETRY;
  });

  const event = { userId, deviceId: device.id, kind: kind.kind };
  if (outcome.deliver) {
    try {
      await outcome.deliver();
    } catch (error) {
      // The code never reached the user: take the device away so that no code is left valid.
      await deleteDevice(ctx, userId, device.id).catch(() => undefined);
      throw new OtpError('OTP_DELIVERY_FAILED', 'The enrollment code could not be delivered', {
        cause: error,
      });
    }
  }
  for (const old of replaced) ctx.events.emit('device.removed', { userId, deviceId: old.id, kind: old.kind });
  ctx.events.emit('device.added', { ...event, confirmed: device.confirmed });
  emitKindEvents(ctx, event, outcome.events);
  return { ...outcome.reveal, device: toDeviceInfo(ctx, device) };
}

/** Delete one of the user's devices; resolves the removed record, or null when there was none. */
export async function deleteDevice(
  ctx: ServiceContext,
  userId: string,
  deviceId: unknown,
): Promise<DeviceRecord | null> {
  assertUserId(userId);
  return changeDevice<DeviceRecord | null>(
    ctx,
    userId,
    deviceId,
    (device, snapshot, now) => ({
      change: {
        // Removing an active factor changes the stamp: trusted browsers are re-checked.
        ...(device.confirmed
          ? { state: { ...stateFields(snapshot.state, now), stamp: newStamp(), updatedAt: now } }
          : {}),
        devices: [{ op: 'delete', id: device.id, expectedVersion: device.version }],
      },
      result: device,
    }),
    () => null,
  );
}

/** Rename one of the user's devices. */
export async function renameDevice(
  ctx: ServiceContext,
  input: { userId: string; deviceId: string; name: string },
): Promise<DeviceInfo> {
  assertUserId(input.userId);
  const name = parseDeviceName(input.name);
  return changeDevice(
    ctx,
    input.userId,
    input.deviceId,
    (device, _snapshot, now) => {
      const next = nextDevice(device, { name }, now);
      return {
        change: { devices: [{ op: 'update', device: next, expectedVersion: device.version }] },
        result: toDeviceInfo(ctx, next),
      };
    },
    () => {
      throw new OtpError('OTP_DEVICE_NOT_FOUND', 'No such device for this user');
    },
  );
}
