import { OtpError } from '../errors.js';
import type { ServiceContext } from './service-context.js';

/** Returned by one attempt of an operation that lost a compare-and-set race and must start over. */
export const RETRY = Symbol('retry');

/**
 * Run `attempt` until it returns something other than {@link RETRY}. Every attempt re-reads the
 * store, so a retry decides on fresh state (the code may now be `replayed`, the user `throttled`).
 */
export async function withRetries<T>(
  ctx: ServiceContext,
  attempt: () => Promise<T | typeof RETRY>,
): Promise<T> {
  for (let i = 0; i < ctx.maxAttempts; i++) {
    const result = await attempt();
    if (result !== RETRY) return result;
  }
  throw new OtpError(
    'OTP_STORE_CONFLICT',
    `Gave up after ${ctx.maxAttempts} conflicting concurrent updates`,
    {
      details: { attempts: ctx.maxAttempts },
    },
  );
}
