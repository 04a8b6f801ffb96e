import { z } from 'zod';
import { parseOptions } from '../parse-options.js';
import type { UserState, UserStateFields } from '../store/otp-store.js';

/**
 * The fields of {@link throttleOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const throttleOptionsShape = {
  /**
   * Seconds of delay after the first failure; each further failure doubles it. `0` disables
   * delays (the lock still applies).
   * @default 1
   */
  factor: z.number().min(0).max(3600).default(1),
  /**
   * Cap on the delay, in seconds.
   * @default 900 (15 minutes)
   */
  maxDelay: z
    .number()
    .min(0)
    .max(86_400 * 30)
    .default(900),
  /**
   * Consecutive failures after which verification is locked until `resetThrottle`.
   * NIST SP 800-63B §5.2.2 caps failed attempts at 100.
   * @default 100
   */
  maxFailures: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(100),
};

/**
 * Throttle options (`createOtp({ throttle })`, {@link createThrottlePolicy}). Delays follow
 * django-otp's formula: after `n` consecutive failures the next try waits `factor × 2^(n−1)` seconds,
 * capped at `maxDelay`; after `maxFailures` the user is locked.
 */
export const throttleOptionsSchema: z.ZodObject<typeof throttleOptionsShape, z.core.$strict> =
  z.strictObject(throttleOptionsShape);

/** Throttle options as accepted by `createOtp({ throttle })`. */
export type ThrottleOptions = z.input<typeof throttleOptionsSchema>;

/** Whether a verification may proceed now. */
export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; reason: 'throttled'; retryAfterMs: number }
  | { allowed: false; reason: 'locked' };

/** The outcome of counting one failure. */
export interface FailureOutcome {
  fields: UserStateFields;
  locked: boolean;
  /** Delay now in force, in milliseconds (0 when locked: no wait will help). */
  retryAfterMs: number;
}

/**
 * The throttle policy: pure functions of the stored {@link UserState} and the time.
 *
 * @example
 * ```ts
 * const policy = createThrottlePolicy({ factor: 1, maxDelay: 900, maxFailures: 100 });
 * policy.delayMs(3); // 4000
 * ```
 */
export interface ThrottlePolicy {
  readonly options: Readonly<z.output<typeof throttleOptionsSchema>>;
  /** Delay in milliseconds imposed after `failures` consecutive failures. */
  delayMs(failures: number): number;
  /** May a try at `now` proceed? Refused tries are not counted. */
  check(state: UserState | null, now: number): ThrottleDecision;
  /** State after one more counted failure at `now`. */
  recordFailure(fields: UserStateFields, now: number): FailureOutcome;
  /** State after a success, or null when nothing needs writing (no failures on record). */
  recordSuccess(fields: UserStateFields, now: number): UserStateFields | null;
  /** State after an administrator reset. */
  reset(fields: UserStateFields, now: number): UserStateFields;
}

/**
 * Build a {@link ThrottlePolicy}. Bad options throw a `TypeError` naming the option.
 *
 * @example
 * ```ts
 * const otp = createOtp({ store, keyring, kinds, throttle: { factor: 2, maxFailures: 20 } });
 * ```
 */
export function createThrottlePolicy(input: ThrottleOptions = {}): ThrottlePolicy {
  const options = parseOptions(throttleOptionsSchema, input, 'throttle');
  const factorMs = options.factor * 1000;
  const maxDelayMs = options.maxDelay * 1000;

  const delayMs = (failures: number): number => {
    if (failures <= 0 || factorMs === 0) return 0;
    // 2^(n−1) overflows to Infinity long after it passes any sane cap; min() handles both.
    return Math.min(maxDelayMs, factorMs * 2 ** Math.min(failures - 1, 1024));
  };

  return {
    options,
    delayMs,
    check(state, now) {
      if (!state) return { allowed: true };
      if (state.lockedAt !== null) return { allowed: false, reason: 'locked' };
      if (state.failures === 0 || state.lastFailureAt === null) return { allowed: true };
      const until = state.lastFailureAt + delayMs(state.failures);
      // A clock that went backwards must not grant a try early, nor stretch the wait beyond the delay.
      const wait = Math.min(until - now, delayMs(state.failures));
      return wait > 0 ? { allowed: false, reason: 'throttled', retryAfterMs: wait } : { allowed: true };
    },
    recordFailure(fields, now) {
      const failures = fields.failures + 1;
      const locked = failures >= options.maxFailures;
      return {
        fields: { ...fields, failures, lastFailureAt: now, lockedAt: locked ? now : null, updatedAt: now },
        locked,
        retryAfterMs: locked ? 0 : delayMs(failures),
      };
    },
    recordSuccess(fields, now) {
      if (fields.failures === 0 && fields.lastFailureAt === null && fields.lockedAt === null) return null;
      return { ...fields, failures: 0, lastFailureAt: null, lockedAt: null, updatedAt: now };
    },
    reset(fields, now) {
      return { ...fields, failures: 0, lastFailureAt: null, lockedAt: null, updatedAt: now };
    },
  };
}
