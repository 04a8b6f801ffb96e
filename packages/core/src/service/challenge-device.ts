import { OtpError } from '../errors.js';
import type { KindChallengeOutcome } from '../kinds/device-kind.js';
import type { JsonObject } from '../store/otp-store.js';
import { emitKindEvents } from './emit-kind-events.js';
import {
  assertUserId,
  changeDevice,
  commit,
  findDevice,
  loadUser,
  nextDevice,
  RETRY,
  type ServiceContext,
  withRetries,
} from './service-context.js';
import type { ChallengeResult } from './types.js';

type Sent = Extract<KindChallengeOutcome<JsonObject>, { sent: true }>;

/**
 * Send a code for a device that needs one (email). The new code is committed before it is sent, so
 * the cooldown holds even when two requests race; if delivery fails, the kind's `revert` is
 * committed so that the undelivered code is not left valid, and `OTP_DELIVERY_FAILED` is raised.
 */
export async function challengeDevice(
  ctx: ServiceContext,
  input: { userId: string; deviceId: string },
): Promise<ChallengeResult> {
  assertUserId(input.userId);
  const step = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, input.userId);
    const device = findDevice(snapshot, input.deviceId);
    if (!device) throw new OtpError('OTP_DEVICE_NOT_FOUND', 'No such device for this user');
    const kind = ctx.kinds.get(device.kind);
    if (!kind?.challenge) throw new OtpError('OTP_NOT_SUPPORTED', 'This device kind does not send codes');
    // A locked user cannot verify anything: sending codes would only fill an inbox.
    if (snapshot.state?.lockedAt != null) return { result: { sent: false, reason: 'locked' } as const };

    const outcome = await kind.challenge({ device, now, crypto: ctx.cryptoFor(device.id) });
    if (!outcome.sent) return { result: outcome as ChallengeResult };
    const applied = await commit(ctx, {
      userId: input.userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      devices: [
        {
          op: 'update',
          device: nextDevice(device, { data: outcome.data }, now),
          expectedVersion: device.version,
        },
      ],
    });
    return applied ? { result: { sent: true } as ChallengeResult, outcome, kind: kind.kind } : RETRY;
  });
  if (!('outcome' in step) || !step.outcome) return step.result;
  const { outcome, kind } = step;

  try {
    await outcome.deliver();
  } catch (error) {
    await revertChallenge(ctx, input.userId, input.deviceId, outcome).catch(() => undefined);
    throw new OtpError('OTP_DELIVERY_FAILED', 'The code could not be delivered', { cause: error });
  }
  emitKindEvents(ctx, { userId: input.userId, deviceId: input.deviceId, kind }, outcome.events);
  return step.result;
}

function revertChallenge(
  ctx: ServiceContext,
  userId: string,
  deviceId: string,
  outcome: Sent,
): Promise<void> {
  return changeDevice(
    ctx,
    userId,
    deviceId,
    (device, _snapshot, now) => ({
      change: {
        devices: [
          {
            op: 'update',
            device: nextDevice(device, { data: outcome.revert(device.data) }, now),
            expectedVersion: device.version,
          },
        ],
      },
      result: undefined,
    }),
    () => undefined,
  );
}
