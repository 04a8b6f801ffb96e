import { OtpError } from '../errors.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import type { JsonObject } from '../store/otp-store.js';
import { nextDevice } from './change-device.js';
import { toDeviceInfo } from './device-info.js';
import { emitKindEvents } from './emit-kind-events.js';
import { assertMayAddFactors } from './failure-streak.js';
import { assertUserId } from './input-checks.js';
import { enrollDevice } from './manage-devices.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { DeviceInfo } from './types.js';
import { stateFields, withNewStamp } from './user-state.js';

/** The configured recovery kind (backup codes), or `OTP_NOT_SUPPORTED`. */
export function recoveryKind(kinds: ReadonlyArray<DeviceKind<JsonObject>>): DeviceKind<JsonObject> {
  const kind = kinds.find((k) => k.singleton && k.recovery);
  if (!kind) {
    throw new OtpError('OTP_NOT_SUPPORTED', 'No backup-code kind is configured', {
      details: { operation: 'backup-codes' },
    });
  }
  return kind;
}

/**
 * Add single-use backup codes to a user's set without replacing the codes they already hold
 * (django-otp's `addstatictoken`: how an operator lets someone into a freshly protected admin).
 * Creates the backup-code device when the user has none. New codes are new factors: refused while
 * the user is throttled or locked, and the security stamp changes.
 */
export async function addBackupCodes(
  ctx: ServiceContext,
  kind: DeviceKind<JsonObject>,
  input: { userId: string; count?: number },
): Promise<{ device: DeviceInfo; codes: string[] }> {
  assertUserId(input.userId);
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new OtpError('OTP_INVALID_INPUT', 'count must be an integer from 1 to 100', {
      details: { field: 'count' },
    });
  }
  const extend = kind.extend?.bind(kind);
  if (!extend) {
    throw new OtpError('OTP_NOT_SUPPORTED', 'This backup-code kind cannot add codes', {
      details: { kind: kind.kind, operation: 'extend' },
    });
  }

  const added = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, input.userId);
    assertMayAddFactors(ctx, snapshot.state, now);
    const device = snapshot.devices.find((d) => d.kind === kind.kind && d.confirmed);
    if (!device) return null;
    const { data, codes } = extend({ device, now, crypto: ctx.cryptoFor(device.id), count });
    const next = nextDevice(device, { data }, now);
    const applied = await commit(ctx, {
      userId: input.userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      state: withNewStamp(stateFields(snapshot.state, now), now),
      devices: [{ op: 'update', device: next, expectedVersion: device.version }],
    });
    return applied ? { device: next, codes } : RETRY;
  });
  if (!added) {
    const enrolled = await enrollDevice(ctx, { userId: input.userId, kind: kind.kind, count });
    return { device: enrolled.device, codes: enrolled.codes ?? [] };
  }
  const event = { userId: input.userId, deviceId: added.device.id, kind: kind.kind };
  emitKindEvents(ctx, event, [{ type: 'backup-codes.generated', count: added.codes.length }]);
  return { device: toDeviceInfo(ctx, added.device), codes: added.codes };
}
