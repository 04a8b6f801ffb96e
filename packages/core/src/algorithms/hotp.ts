/**
 * HOTP (RFC 4226): counter-based one-time passwords.
 *
 * `verifyHotp` returns the absolute counter that matched; the caller stores `counter + 1` as the
 * next expected counter (with a compare-and-set), so a code can never be accepted twice.
 */
import { checkAlgorithm, checkCounter, checkDigits, checkSecret, checkWindow } from './check-params.js';
import { formatCode, hotpValue } from './hotp-value.js';
import { normalizeToken } from './normalize-token.js';
import { scanWindow } from './scan-window.js';
import type { HashAlgorithm, Window } from './types.js';

/** Parameters of {@link generateHotp}. */
export interface HotpParams {
  /** The shared secret (raw bytes, not base32). */
  secret: Uint8Array;
  /** The moving factor: a non-negative safe integer. */
  counter: number;
  /** @default 'SHA1' */
  algorithm?: HashAlgorithm;
  /** Code length, 1–10 here (device kinds allow 6–8). @default 6 */
  digits?: number;
}

/**
 * The outcome of {@link verifyHotp}: on success, the absolute `counter` that matched and its
 * `delta` from the expected counter; persist `counter + 1`.
 */
export type HotpMatch =
  | { ok: true; counter: number; delta: number }
  | { ok: false; reason: 'malformed' | 'invalid' };

const DEFAULT_WINDOW: Window = [0, 5];

/**
 * Generate the HOTP code for one counter. Bad options throw a `TypeError`.
 *
 * @example
 * ```ts
 * const secret = new TextEncoder().encode('12345678901234567890');
 * generateHotp({ secret, counter: 0 }); // '755224' (RFC 4226 Appendix D)
 * ```
 */
export function generateHotp(params: HotpParams): string {
  const scope = 'generateHotp';
  const secret = checkSecret(scope, params.secret);
  const counter = checkCounter(scope, 'counter', params.counter);
  const nodeAlgorithm = checkAlgorithm(scope, params.algorithm);
  const digits = checkDigits(scope, params.digits);
  return formatCode(hotpValue(secret, counter, nodeAlgorithm, digits), digits);
}

/**
 * Verify an HOTP code against the counters `counter − past … counter + future` (never below 0).
 * Every counter of the window is computed and compared in constant time. A token that is not
 * exactly `digits` ASCII digits (after removing spaces and dashes) is `malformed` and costs no
 * HMAC; a wrong code is `invalid`. Only bad *options* throw (a `TypeError`).
 *
 * @param params.window - `[past, future]` in counters, integers 0–1000. @default [0, 5]
 *
 * @example
 * ```ts
 * const r = verifyHotp({ secret, token: '287082', counter: 0 });
 * if (r.ok) await saveCounter(r.counter + 1); // r.counter === 1, r.delta === 1
 * ```
 */
export function verifyHotp(params: HotpParams & { token: unknown; window?: Window }): HotpMatch {
  const scope = 'verifyHotp';
  const secret = checkSecret(scope, params.secret);
  const counter = checkCounter(scope, 'counter', params.counter);
  const nodeAlgorithm = checkAlgorithm(scope, params.algorithm);
  const digits = checkDigits(scope, params.digits);
  const [past, future] = checkWindow(scope, params.window, DEFAULT_WINDOW);

  const token = normalizeToken(params.token, digits);
  if (token === null) return { ok: false, reason: 'malformed' };

  const { fresh } = scanWindow({
    secret,
    nodeAlgorithm,
    digits,
    token,
    first: Math.max(0, counter - past),
    // Counters past 2^53 cannot be encoded exactly; the window simply stops there.
    last: Math.min(Number.MAX_SAFE_INTEGER, counter + future),
    center: counter,
    lastUsed: null,
  });
  if (fresh === null) return { ok: false, reason: 'invalid' };
  return { ok: true, counter: fresh, delta: fresh - counter };
}
