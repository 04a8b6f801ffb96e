import type { VerifyResult } from '@otpkit/core';

/** What the person typed looks like an app's code (6–8 digits) rather than a backup code. */
const looksLikeAppCode = (token: string) => /^[0-9]{6,8}$/.test(token.replace(/[\s-]/g, ''));

/**
 * A verification result in words for the demo's prompt. A replayed code means different things per
 * kind: an app's code comes back with the next time step, a backup code never does.
 */
export function explain(result: VerifyResult, token: string): string {
  if (result.ok) {
    const left = result.remaining === undefined ? '' : `; ${result.remaining} backup codes left`;
    return `accepted (device ${result.kind}${left})`;
  }
  const wait = result.retryAfterMs ? `; next try in ${Math.ceil(result.retryAfterMs / 1000)} s` : '';
  const why: Record<typeof result.reason, string> = {
    malformed: 'that is not a code (6 digits, or a backup code like abcde-12345)',
    invalid: 'wrong code',
    replayed: looksLikeAppCode(token)
      ? 'that code was already used; wait for the app to show the next one'
      : 'that backup code was already used, and each one works only once: use another',
    expired: 'that code has expired',
    throttled: 'too many wrong codes: wait a moment',
    locked: 'locked after too many failures',
    'no-device': 'no device can check that code',
  };
  return `refused: ${why[result.reason]}${wait}`;
}
