/**
 * Test support (not exported from the package): run racing calls and sort what came back.
 */
import { isOtpError, type VerifyResult } from '@otpkit/core';

/**
 * Settle every call, then split the outcomes: accepted results, refused results, and calls that
 * failed closed because they kept losing compare-and-set races (`OTP_STORE_CONFLICT`). Any other
 * rejection is rethrown: it would be a bug, not a race.
 */
export async function race(calls: Array<() => Promise<VerifyResult>>) {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const accepted: VerifyResult[] = [];
  const refused: VerifyResult[] = [];
  let gaveUp = 0;
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') (outcome.value.ok ? accepted : refused).push(outcome.value);
    else if (isOtpError(outcome.reason, 'OTP_STORE_CONFLICT')) gaveUp++;
    else throw outcome.reason;
  }
  return { accepted, refused, gaveUp };
}
