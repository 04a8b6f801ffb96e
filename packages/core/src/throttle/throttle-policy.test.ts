import { describe, expect, it } from 'vitest';
import type { UserState, UserStateFields } from '../store/otp-store.js';
import { createThrottlePolicy } from './throttle-policy.js';

const fresh: UserStateFields = {
  failures: 0,
  lastFailureAt: null,
  lockedAt: null,
  stamp: 's',
  updatedAt: 0,
  data: {},
};
const asState = (fields: UserStateFields): UserState => ({ ...fields, userId: 'u', version: 1 });

describe('createThrottlePolicy', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [10, 512_000],
    [11, 900_000],
    [99, 900_000],
    [5000, 900_000],
  ])('after %i failures delays %i ms (factor × 2^(n−1), capped at 15 minutes)', (failures, delay) => {
    expect(createThrottlePolicy().delayMs(failures)).toBe(delay);
  });

  it('scales with factor and maxDelay', () => {
    const policy = createThrottlePolicy({ factor: 3, maxDelay: 10 });
    expect(policy.delayMs(1)).toBe(3_000);
    expect(policy.delayMs(2)).toBe(6_000);
    expect(policy.delayMs(3)).toBe(10_000);
  });

  it('follows the timeline: refused during the delay, allowed after it, locked at maxFailures', () => {
    const policy = createThrottlePolicy({ maxFailures: 4 });
    let fields = fresh;
    let now = 1_000_000;
    expect(policy.check(null, now)).toEqual({ allowed: true });

    fields = policy.recordFailure(fields, now).fields; // 1 failure: 1 s
    expect(policy.check(asState(fields), now + 999)).toEqual({
      allowed: false,
      reason: 'throttled',
      retryAfterMs: 1,
    });
    expect(policy.check(asState(fields), now + 1_000)).toEqual({ allowed: true });

    now += 1_000;
    fields = policy.recordFailure(fields, now).fields; // 2 failures: 2 s
    expect(policy.check(asState(fields), now + 1_500)).toMatchObject({ allowed: false, retryAfterMs: 500 });
    now += 2_000;
    fields = policy.recordFailure(fields, now).fields; // 3 failures: 4 s
    now += 4_000;
    const fourth = policy.recordFailure(fields, now);
    expect(fourth.locked).toBe(true);
    expect(fourth.retryAfterMs).toBe(0);
    // Locked stays locked however long one waits.
    expect(policy.check(asState(fourth.fields), now + 365 * 86_400_000)).toEqual({
      allowed: false,
      reason: 'locked',
    });

    const reset = policy.reset(fourth.fields, now);
    expect(policy.check(asState(reset), now)).toEqual({ allowed: true });
    expect(reset.failures).toBe(0);
  });

  it('a clock that goes backwards never grants a try early nor stretches the wait', () => {
    const policy = createThrottlePolicy();
    const fields = policy.recordFailure(fresh, 10_000).fields;
    expect(policy.check(asState(fields), 5_000)).toEqual({
      allowed: false,
      reason: 'throttled',
      retryAfterMs: 1_000,
    });
  });

  it('success resets failures, and writes nothing when there is nothing to reset', () => {
    const policy = createThrottlePolicy();
    expect(policy.recordSuccess(fresh, 5)).toBeNull();
    const failed = policy.recordFailure(fresh, 5).fields;
    expect(policy.recordSuccess(failed, 6)).toMatchObject({
      failures: 0,
      lastFailureAt: null,
      lockedAt: null,
    });
  });

  it('factor 0 disables delays but keeps the lock', () => {
    const policy = createThrottlePolicy({ factor: 0, maxFailures: 2 });
    const one = policy.recordFailure(fresh, 1).fields;
    expect(policy.check(asState(one), 1)).toEqual({ allowed: true });
    expect(policy.recordFailure(one, 1).locked).toBe(true);
  });

  it.each([
    [{ factor: -1 }, 'throttle.factor'],
    [{ maxFailures: 0 }, 'throttle.maxFailures'],
    [{ maxFailures: 1.5 }, 'throttle.maxFailures'],
    [{ maxDelay: 'x' }, 'throttle.maxDelay'],
    [{ unknown: 1 }, 'throttle'],
  ])('rejects bad options %j with a TypeError naming %s', (options, name) => {
    expect(() => createThrottlePolicy(options as never)).toThrow(TypeError);
    expect(() => createThrottlePolicy(options as never)).toThrow(name);
  });
});
