import type { OtpStore } from '@otpkit/core';
import { newBearer, tokenIdOf } from '../security/random.js';

/** The token type of a step-up grant: "this user verified a code a moment ago". */
export const STEP_UP = 'otpkit:step-up';

/**
 * Record a fresh verification as a server-side grant that lasts `ttlMs`; the session keeps the
 * bearer. Sensitive changes (adding or removing factors, new backup codes) ask for a live grant.
 */
export async function grantStepUp(
  store: OtpStore,
  input: { userId: string; now: number; ttlMs: number },
): Promise<string> {
  const bearer = newBearer();
  await store.putToken({
    id: tokenIdOf(bearer),
    type: STEP_UP,
    userId: input.userId,
    data: {},
    createdAt: input.now,
    expiresAt: input.now + input.ttlMs,
  });
  return bearer;
}

/** True when the bearer names a live grant of this user. */
export async function hasStepUp(
  store: OtpStore,
  bearer: string | undefined,
  userId: string,
  now: number,
): Promise<boolean> {
  if (!bearer) return false;
  const record = await store.getToken(tokenIdOf(bearer), now);
  return record !== null && record.type === STEP_UP && record.userId === userId;
}
