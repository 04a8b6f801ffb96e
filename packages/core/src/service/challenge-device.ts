import { OtpError } from '../errors.js';
import type { KindChallengeOutcome } from '../kinds/device-kind.js';
import type { JsonObject } from '../store/otp-store.js';
import { changeDevice, nextDevice } from './change-device.js';
import { findDevice } from './device-info.js';
import { emitKindEvents } from './emit-kind-events.js';
import { assertUserId, parseDeviceId } from './input-checks.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { ChallengeResult } from './types.js';
import { recentDeliveries, stateFields, withDelivery, withoutDelivery } from './user-state.js';

type Sent = Extract<KindChallengeOutcome<JsonObject>, { sent: true }>;

/**
 * Send a code for a device that needs one (email). The new code and the delivery record are
 * committed before it is sent, so the cooldown holds even when two requests race; if delivery
 * fails, the kind's `revert` is committed (and the delivery forgotten) so that the undelivered code
 * is not left valid, and `OTP_DELIVERY_FAILED` is raised.
 */
export async function challengeDevice(
  ctx: ServiceContext,
  input: { userId: string; deviceId: string },
): Promise<ChallengeResult> {
  assertUserId(input.userId);
  const deviceId = parseDeviceId(input.deviceId);
  const step = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, input.userId);
    const device = findDevice(snapshot, deviceId);
    if (!device) {
      throw new OtpError('OTP_DEVICE_NOT_FOUND', 'No such device for this user', { details: { deviceId } });
    }
    const kind = ctx.kinds.get(device.kind);
    if (!kind?.challenge) {
      throw new OtpError('OTP_NOT_SUPPORTED', 'This device kind does not send codes', {
        details: { kind: device.kind, operation: 'challenge' },
      });
    }
    // A locked user cannot verify anything: sending codes would only fill an inbox.
    if (snapshot.state?.lockedAt != null) {
      throw new OtpError('OTP_LOCKED', 'The user is locked after too many failed verifications', {
        details: { lockedAt: snapshot.state.lockedAt },
      });
    }

    const outcome = await kind.challenge({
      device,
      now,
      crypto: ctx.cryptoFor(device.id),
      deliveries: recentDeliveries(snapshot.state, now),
    });
    if (!outcome.sent) return { result: outcome as ChallengeResult };
    const applied = await commit(ctx, {
      userId: input.userId,
      expectedStateVersion: snapshot.state?.version ?? null,
      state: withDelivery(stateFields(snapshot.state, now), now),
      devices: [
        {
          op: 'update',
          device: nextDevice(device, { data: outcome.data }, now),
          expectedVersion: device.version,
        },
      ],
    });
    return applied
      ? { result: { sent: true } as ChallengeResult, outcome, kind: kind.kind, sentAt: now }
      : RETRY;
  });
  if (!('outcome' in step) || !step.outcome) return step.result;
  const { outcome, kind, sentAt } = step;

  try {
    await outcome.deliver();
  } catch (error) {
    await revertChallenge(ctx, input.userId, deviceId, outcome, sentAt).catch(() => undefined);
    throw new OtpError('OTP_DELIVERY_FAILED', 'The code could not be delivered', {
      cause: error,
      details: { deviceId },
    });
  }
  emitKindEvents(ctx, { userId: input.userId, deviceId, kind }, outcome.events);
  return step.result;
}

function revertChallenge(
  ctx: ServiceContext,
  userId: string,
  deviceId: string,
  outcome: Sent,
  sentAt: number,
): Promise<void> {
  return changeDevice(
    ctx,
    userId,
    deviceId,
    (device, snapshot, now) => ({
      change: {
        state: withoutDelivery(stateFields(snapshot.state, now), sentAt, now),
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
