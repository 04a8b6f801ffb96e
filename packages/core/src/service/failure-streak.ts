import { OtpError } from '../errors.js';
import type { UserState, UserStateFields } from '../store/otp-store.js';
import type { FailureOutcome } from '../throttle/throttle-policy.js';
import type { ServiceContext } from './service-context.js';
import { dataWith, dataWithout } from './user-state.js';

/**
 * Failure streaks and what may end them.
 *
 * A streak of counted failures is what the throttle delays and the lock stand on; a success resets
 * it. But a success only proves possession of the factor that produced it: if the caller could add
 * that factor during the streak (enroll and confirm a new app, regenerate backup codes), a reset
 * would let them guess at the victim's factors without limit (one guess, mint a factor, reset,
 * repeat). So the stamp in force when a streak begins is kept with it (`data.streakStamp`); the
 * stamp changes whenever factors change, and a success resets the streak only while the stamp is
 * still the one it began under. After a factor change mid-streak, only an administrator's
 * `resetThrottle` clears it.
 */
const STREAK_STAMP = 'streakStamp';

/** The fields after one more counted failure; the first failure of a streak records the stamp. */
export function countFailure(ctx: ServiceContext, fields: UserStateFields, now: number): FailureOutcome {
  const outcome = ctx.throttle.recordFailure(fields, now);
  if (fields.failures > 0 && typeof fields.data[STREAK_STAMP] === 'string') return outcome;
  return {
    ...outcome,
    fields: { ...outcome.fields, data: dataWith(outcome.fields.data, STREAK_STAMP, fields.stamp) },
  };
}

/**
 * The fields after a success, or null when nothing changes: either there is no streak, or the
 * factors changed since it began and this success may not end it.
 */
export function endStreak(ctx: ServiceContext, fields: UserStateFields, now: number): UserStateFields | null {
  const began = fields.data[STREAK_STAMP];
  if (typeof began === 'string' && began !== fields.stamp) return null;
  const reset = ctx.throttle.recordSuccess(fields, now);
  if (reset === null) return null;
  return { ...reset, data: dataWithout(reset.data, STREAK_STAMP) };
}

/** The fields after an administrator's reset: no failures, no delay, no lock, no streak. */
export function resetStreak(ctx: ServiceContext, fields: UserStateFields, now: number): UserStateFields {
  const reset = ctx.throttle.reset(fields, now);
  return { ...reset, data: dataWithout(reset.data, STREAK_STAMP) };
}

/**
 * Refuse to add factors (enroll, regenerate or add backup codes) while the user's throttle delay
 * runs or the user is locked: a factor minted now could end the streak of someone guessing.
 */
export function assertMayAddFactors(ctx: ServiceContext, state: UserState | null, now: number): void {
  const decision = ctx.throttle.check(state, now);
  if (decision.allowed) return;
  if (decision.reason === 'locked') {
    throw new OtpError('OTP_LOCKED', 'The user is locked after too many failed verifications', {
      details: { lockedAt: state?.lockedAt ?? null },
    });
  }
  throw new OtpError('OTP_THROTTLED', 'Too many failed verifications: try again later', {
    details: { retryAfterMs: decision.retryAfterMs },
  });
}
