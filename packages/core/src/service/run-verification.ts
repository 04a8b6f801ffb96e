import { isOtpError, OtpError } from '../errors.js';
import type { DeviceCrypto, DeviceKind, KindEvent, KindVerifyOutcome } from '../kinds/device-kind.js';
import type {
  DeviceRecord,
  DeviceWrite,
  JsonObject,
  UserSnapshot,
  UserStateFields,
} from '../store/otp-store.js';
import { nextDevice } from './change-device.js';
import { findDevice, toDeviceInfo } from './device-info.js';
import { emitKindEvents } from './emit-kind-events.js';
import { countFailure, endStreak } from './failure-streak.js';
import { assertUserId } from './input-checks.js';
import { RETRY, withRetries } from './retry.js';
import type { ServiceContext } from './service-context.js';
import { commit, loadUser } from './store-calls.js';
import type { VerifyFailure, VerifyResult } from './types.js';
import { stateFields, withNewStamp } from './user-state.js';

/** Checks one candidate device: an outcome, or null when the input cannot be a code of this device. */
export type Evaluate = (
  kind: DeviceKind,
  device: DeviceRecord,
  crypto: DeviceCrypto,
  now: number,
) => KindVerifyOutcome<JsonObject> | null;

/** What is being verified: a login code, the code that confirms an enrollment, or a resync pair. */
export type Purpose = 'verify' | 'confirm' | 'resync';

interface Candidate {
  device: DeviceRecord;
  kind: DeviceKind;
}

type CountedReason = 'invalid' | 'replayed' | 'expired';
type Failure = Candidate & { reason: CountedReason; data?: JsonObject };

// Failed outcomes from several devices collapse into one reason; the most telling one wins.
const REASON_RANK: Record<CountedReason, number> = { replayed: 3, invalid: 2, expired: 1 };

/**
 * The one verification path behind `verifyToken`, `confirm` and `resync`.
 *
 * Each attempt reads the user once, applies the throttle, lets the kinds compute their next state,
 * and commits it guarded by the state version that was read. A success commits the device (and,
 * unless factors changed mid-streak, a throttle reset); a failure commits one counted failure (and
 * the kinds' failure data, such as an email code's try count). Losing a race means re-reading and
 * deciding again, so two app instances can never both accept one code, and a burst of guesses
 * cannot outrun the throttle: once one failure lands, every racer that read before it must re-read
 * and is refused. A device whose secret this keyring cannot open is skipped and reported; the
 * attempt still counts once.
 */
export async function runVerification(
  ctx: ServiceContext,
  input: { userId: string; deviceId?: unknown; purpose: Purpose; evaluate: Evaluate },
): Promise<VerifyResult> {
  assertUserId(input.userId);
  let unreadable: Candidate[] = [];
  const result = await withRetries(ctx, async () => {
    const now = ctx.clock();
    const snapshot = await loadUser(ctx, input.userId);
    const refused = refuseByThrottle(ctx, snapshot, now, input.userId);
    if (refused) return refused;

    const candidates = pickCandidates(ctx, snapshot, input.deviceId, input.purpose);
    if (candidates.length === 0) return { ok: false, reason: 'no-device' } as const;

    const failures: Failure[] = [];
    unreadable = [];
    for (const candidate of candidates) {
      let outcome: KindVerifyOutcome<JsonObject> | null;
      try {
        outcome = input.evaluate(candidate.kind, candidate.device, ctx.cryptoFor(candidate.device.id), now);
      } catch (error) {
        // A secret sealed under a key this keyring lacks (or a wrong key) must not block the
        // user's other devices: skip it, report it, and count the attempt below.
        if (isOtpError(error, 'OTP_SEAL_INVALID') || isOtpError(error, 'OTP_KEY_INVALID')) {
          unreadable.push(candidate);
          continue;
        }
        throw error;
      }
      if (outcome === null) continue;
      if (outcome.ok) return await commitSuccess(ctx, snapshot, candidate, outcome, input.purpose, now);
      // Whole literals here and below: a spread that adds properties takes V8's slow path (about a
      // microsecond each), and these run on every verification.
      const { device, kind } = candidate;
      failures.push(
        outcome.data
          ? { device, kind, reason: outcome.reason, data: outcome.data }
          : { device, kind, reason: outcome.reason },
      );
    }
    if (failures.length === 0 && unreadable.length === 0) {
      // Nothing could even read the input: no code was checked, so nothing is counted.
      return { ok: false, reason: 'malformed' } as const;
    }
    return await commitFailure(ctx, snapshot, input.userId, failures, now);
  });
  for (const { device, kind } of unreadable) {
    ctx.events.emit('device.unreadable', { userId: input.userId, deviceId: device.id, kind: kind.kind });
  }
  return result;
}

/** Checks a code with the kind's own parser and `verify`. */
export function checkToken(token: unknown, purpose: 'verify' | 'confirm'): Evaluate {
  return (kind, device, crypto, now) => {
    const parsed = kind.parseToken(token, device);
    return parsed === null ? null : kind.verify({ device, token: parsed, now, crypto, purpose });
  };
}

/** Checks a resync pair: two consecutive codes, each parsed by the kind. */
export function checkResync(tokens: unknown): Evaluate {
  return (kind, device, crypto, now) => {
    if (!kind.resync) {
      throw new OtpError('OTP_NOT_SUPPORTED', 'This device kind cannot be resynchronised', {
        details: { kind: kind.kind, operation: 'resync' },
      });
    }
    if (!Array.isArray(tokens) || tokens.length !== 2) return null;
    const first = kind.parseToken(tokens[0], device);
    const second = kind.parseToken(tokens[1], device);
    if (first === null || second === null) return null;
    return kind.resync({ device, tokens: [first, second], now, crypto });
  };
}

function refuseByThrottle(
  ctx: ServiceContext,
  snapshot: UserSnapshot,
  now: number,
  userId: string,
): VerifyFailure | null {
  const decision = ctx.throttle.check(snapshot.state, now);
  if (decision.allowed) return null;
  const failures = snapshot.state?.failures ?? 0;
  if (decision.reason === 'locked') {
    ctx.events.emit('throttled', {
      userId,
      locked: true,
      failures,
      lockedAt: snapshot.state?.lockedAt ?? null,
    });
    return { ok: false, reason: 'locked' };
  }
  ctx.events.emit('throttled', {
    userId,
    locked: false,
    failures,
    lockedAt: null,
    retryAfterMs: decision.retryAfterMs,
  });
  return { ok: false, reason: 'throttled', retryAfterMs: decision.retryAfterMs };
}

function pickCandidates(
  ctx: ServiceContext,
  snapshot: UserSnapshot,
  deviceId: unknown,
  purpose: Purpose,
): Candidate[] {
  const wantConfirmed = purpose !== 'confirm';
  const devices = deviceId === undefined ? snapshot.devices : [findDevice(snapshot, deviceId)];
  const candidates: Candidate[] = [];
  for (const device of devices) {
    if (!device || device.confirmed !== wantConfirmed) continue;
    const kind = ctx.kinds.get(device.kind);
    if (kind) candidates.push({ device, kind });
  }
  return candidates;
}

async function commitSuccess(
  ctx: ServiceContext,
  snapshot: UserSnapshot,
  { device, kind }: Candidate,
  outcome: { data: JsonObject; events?: KindEvent[] },
  purpose: Purpose,
  now: number,
): Promise<VerifyResult | typeof RETRY> {
  let state: UserStateFields | null;
  if (purpose === 'confirm') {
    // Confirming adds a factor: the stamp changes (trusted browsers are re-checked), and the
    // failure count stays: a factor the caller just added proves nothing about the others.
    state = withNewStamp(stateFields(snapshot.state, now), now);
  } else {
    // A user without a state row has no streak to end: no row to write, no random stamp to draw.
    state = snapshot.state ? endStreak(ctx, stateFields(snapshot.state, now), now) : null;
  }
  const next = nextDevice(
    device,
    purpose === 'confirm' ? { data: outcome.data, confirmed: true } : { data: outcome.data, lastUsedAt: now },
    now,
  );
  const { userId } = device;
  const expectedStateVersion = snapshot.state?.version ?? null;
  const devices: DeviceWrite[] = [{ op: 'update', device: next, expectedVersion: device.version }];
  const applied = await commit(
    ctx,
    state ? { userId, expectedStateVersion, state, devices } : { userId, expectedStateVersion, devices },
  );
  if (!applied) return RETRY;

  const event = { userId, deviceId: device.id, kind: kind.kind };
  if (purpose === 'confirm') ctx.events.emit('device.confirmed', event);
  else ctx.events.emit('verified', event);
  emitKindEvents(ctx, event, outcome.events);
  const used = outcome.events?.find((e) => e.type === 'backup-code.used');
  const info = toDeviceInfo(ctx, next);
  return used?.type === 'backup-code.used'
    ? { ok: true, userId, deviceId: device.id, kind: kind.kind, device: info, remaining: used.remaining }
    : { ok: true, userId, deviceId: device.id, kind: kind.kind, device: info };
}

async function commitFailure(
  ctx: ServiceContext,
  snapshot: UserSnapshot,
  userId: string,
  failures: Failure[],
  now: number,
): Promise<VerifyResult | typeof RETRY> {
  // With only unreadable devices tried, the code matched nothing that could say yes: 'invalid'.
  const reason = failures.reduce<CountedReason>(
    (best, failure) => (REASON_RANK[failure.reason] > REASON_RANK[best] ? failure.reason : best),
    failures[0]?.reason ?? 'invalid',
  );
  const counted = countFailure(ctx, stateFields(snapshot.state, now), now);
  const devices: DeviceWrite[] = failures
    .filter((failure) => failure.data !== undefined)
    .map(({ device, data }) => ({
      op: 'update',
      device: nextDevice(device, { data: data! }, now),
      expectedVersion: device.version,
    }));
  const expectedStateVersion = snapshot.state?.version ?? null;
  const state = counted.fields;
  const applied = await commit(
    ctx,
    devices.length > 0
      ? { userId, expectedStateVersion, state, devices }
      : { userId, expectedStateVersion, state },
  );
  if (!applied) return RETRY;

  const only = failures.length === 1 ? failures[0] : undefined;
  const count = state.failures;
  ctx.events.emit(
    'failed',
    only
      ? { userId, reason, failures: count, deviceId: only.device.id, kind: only.kind.kind }
      : { userId, reason, failures: count },
  );
  if (counted.locked) {
    ctx.events.emit('locked', { userId, failures: count, lockedAt: now });
    return { ok: false, reason: 'locked' };
  }
  const { retryAfterMs } = counted;
  return retryAfterMs > 0 ? { ok: false, reason, retryAfterMs } : { ok: false, reason };
}
