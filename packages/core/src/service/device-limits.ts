import { OtpError } from '../errors.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import type { DeviceRecord } from '../store/otp-store.js';
import type { ServiceContext } from './service-context.js';

/**
 * Refuse a new device past the caps: each device is one more chance for a random guess to match
 * (and one more secret checked per guess), so a user cannot pile them up.
 */
export function assertWithinLimits(
  ctx: ServiceContext,
  kind: DeviceKind,
  kept: readonly DeviceRecord[],
): void {
  const { total, perKind } = ctx.limits;
  if (kept.length + 1 > total) {
    throw new OtpError('OTP_DEVICE_LIMIT', `A user may have at most ${total} devices`, {
      details: { limit: total },
    });
  }
  const kindLimit = perKind[kind.kind];
  if (kindLimit !== undefined && kept.filter((d) => d.kind === kind.kind).length + 1 > kindLimit) {
    throw new OtpError('OTP_DEVICE_LIMIT', `A user may have at most ${kindLimit} ${kind.kind} devices`, {
      details: { limit: kindLimit, kind: kind.kind },
    });
  }
}
