/**
 * TOTP (RFC 6238): time-based one-time passwords, HOTP over the time step.
 *
 * `verifyTotp` returns the time step that matched; the caller stores it as `lastStep` (with a
 * compare-and-set) so the same code, or any earlier one, is `replayed` from then on.
 */
import {
  checkAlgorithm,
  checkDigits,
  checkFinite,
  checkInteger,
  checkLastStep,
  checkPeriod,
  checkSecret,
  checkWindow,
} from './check-params.js';
import { formatCode, hotpValue } from './hotp-value.js';
import { normalizeToken } from './normalize-token.js';
import { scanWindow } from './scan-window.js';
import type { HashAlgorithm, Window } from './types.js';

/** Parameters of {@link generateTotp}. */
export interface TotpParams {
  /** The shared secret (raw bytes, not base32). */
  secret: Uint8Array;
  /** Epoch milliseconds. */
  time: number;
  /** Seconds. @default 30 */
  period?: number;
  /** Unix seconds at which step 0 starts. @default 0 */
  t0?: number;
  /** @default 'SHA1' */
  algorithm?: HashAlgorithm;
  /** Code length, 1–10 here (device kinds allow 6–8). @default 6 */
  digits?: number;
}

/**
 * The outcome of {@link verifyTotp}: on success, the matched time `step` (persist it as the new
 * `lastStep`) and its `delta` from the current step, drift not included.
 */
export type TotpMatch =
  | { ok: true; step: number; delta: number }
  | { ok: false; reason: 'malformed' | 'invalid' | 'replayed' };

const DEFAULT_WINDOW: Window = [1, 1];

/**
 * The RFC 6238 time step: `floor((time / 1000 − t0) / period)`.
 *
 * @param time - Epoch milliseconds.
 * @param period - Seconds per step. @default 30
 * @param t0 - Unix seconds at which step 0 starts. @default 0
 *
 * @example
 * ```ts
 * timeStep(59_000);               // 1
 * timeStep(Date.UTC(2025, 0, 1)); // 57856320
 * ```
 */
export function timeStep(time: number, period?: number, t0?: number): number {
  const scope = 'timeStep';
  const ms = checkFinite(scope, 'time', time);
  const seconds = checkPeriod(scope, period);
  const start = checkFinite(scope, 't0', t0, 0);
  // Whole milliseconds divided once: exact for integer inputs, unlike dividing by 1000 then by period.
  return Math.floor((ms - start * 1000) / (seconds * 1000));
}

/**
 * Generate the TOTP code at `time`. Bad options, or a time before `t0`, throw a `TypeError`.
 *
 * @example
 * ```ts
 * const secret = new TextEncoder().encode('12345678901234567890');
 * generateTotp({ secret, time: 59_000, digits: 8 }); // '94287082' (RFC 6238 Appendix B)
 * ```
 */
export function generateTotp(params: TotpParams): string {
  const scope = 'generateTotp';
  const secret = checkSecret(scope, params.secret);
  const nodeAlgorithm = checkAlgorithm(scope, params.algorithm);
  const digits = checkDigits(scope, params.digits);
  const step = timeStep(params.time, params.period, params.t0);
  if (step < 0 || step > Number.MAX_SAFE_INTEGER) {
    throw new TypeError(`${scope}: option time must not be before t0`);
  }
  return formatCode(hotpValue(secret, step, nodeAlgorithm, digits), digits);
}

/**
 * Verify a TOTP code. The steps checked are `current + drift − past … current + drift + future`
 * (never below 0), every one computed and compared in constant time. Among several matches the
 * one nearest to `current + drift` wins. A match on a step at or below `lastStep` is `replayed`,
 * unless a later step matches too. A token that is not exactly `digits` ASCII digits (after
 * removing spaces and dashes) is `malformed` and costs no HMAC. Only bad *options* throw (a
 * `TypeError`).
 *
 * @param params.window - `[past, future]` in steps, integers 0–1000. @default [1, 1]
 * @param params.drift - Steps the device's clock is known to be off by. @default 0
 * @param params.lastStep - The last step accepted for this device. @default null
 *
 * @example
 * ```ts
 * const r = verifyTotp({ secret, token, time: clock(), lastStep: device.lastStep });
 * if (r.ok) await saveLastStep(r.step);              // compare-and-set in the store
 * else if (r.reason === 'replayed') { ... }           // the code was already used
 * ```
 */
export function verifyTotp(
  params: TotpParams & { token: unknown; window?: Window; drift?: number; lastStep?: number | null },
): TotpMatch {
  const scope = 'verifyTotp';
  const secret = checkSecret(scope, params.secret);
  const nodeAlgorithm = checkAlgorithm(scope, params.algorithm);
  const digits = checkDigits(scope, params.digits);
  const [past, future] = checkWindow(scope, params.window, DEFAULT_WINDOW);
  const drift = checkInteger(scope, 'drift', params.drift, 0);
  const lastStep = checkLastStep(scope, params.lastStep);
  const current = timeStep(params.time, params.period, params.t0);

  const token = normalizeToken(params.token, digits);
  if (token === null) return { ok: false, reason: 'malformed' };

  const center = current + drift;
  const { fresh, stale } = scanWindow({
    secret,
    nodeAlgorithm,
    digits,
    token,
    first: Math.max(0, center - past),
    last: Math.min(Number.MAX_SAFE_INTEGER, center + future),
    center,
    lastUsed: lastStep,
  });
  if (fresh !== null) return { ok: true, step: fresh, delta: fresh - current };
  return { ok: false, reason: stale ? 'replayed' : 'invalid' };
}
