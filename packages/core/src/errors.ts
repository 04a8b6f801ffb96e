/**
 * What each {@link OtpErrorCode} carries in `details`, so that callers branch on data instead of
 * parsing messages. Details never hold a secret, a code or an address.
 */
export interface OtpErrorDetailsMap {
  /** A Google Authenticator key URI could not be parsed or holds invalid values. */
  OTP_INVALID_URI: { field?: string };
  /** A secret has the wrong size or is not valid base32 / hex. */
  OTP_INVALID_SECRET: { encoding?: 'base32' | 'hex' | 'bytes' };
  /** Input to a service method failed validation (a name too long, an unknown device kind…). */
  OTP_INVALID_INPUT: { field?: string };
  /** A keyring key is missing, has the wrong size or is unknown. */
  OTP_KEY_INVALID: { keyId?: string };
  /** A sealed envelope was tampered with, is malformed, belongs to another device or another key. */
  OTP_SEAL_INVALID: { keyId?: string; deviceId?: string };
  /** The device does not exist or does not belong to the user. */
  OTP_DEVICE_NOT_FOUND: { deviceId?: string };
  /** The device kind does not support the operation (resync on an email device…). */
  OTP_NOT_SUPPORTED: { kind?: string; operation?: string };
  /**
   * Refused while the user's throttle delay runs: adding factors now would let a guesser reset the
   * count with a factor of their own. `retryAfterMs` says when the delay ends.
   */
  OTP_THROTTLED: { retryAfterMs: number };
  /** Refused because the user is locked after too many failures; an administrator must `resetThrottle`. */
  OTP_LOCKED: { lockedAt: number | null };
  /** A code was sent to this user too recently (or too often this hour) to send another. */
  OTP_COOLDOWN: { retryAfterMs: number };
  /** The user has as many devices (of this kind, when `kind` is set) as the service allows. */
  OTP_DEVICE_LIMIT: { limit: number; kind?: string };
  /** A compare-and-set kept failing because other writers changed the record first. Retryable. */
  OTP_STORE_CONFLICT: { attempts?: number };
  /** The store failed (connection lost, query error, timeout). Verification fails closed. */
  OTP_STORE_UNAVAILABLE: { operation?: string };
  /** A code could not be delivered (the mailer failed). No code was left valid. */
  OTP_DELIVERY_FAILED: { deviceId?: string };
}

/**
 * Every stable error code otpkit raises. `switch (err.code)` on an {@link OtpError} narrows to one
 * of these, and {@link isOtpError} with a code narrows `details` too.
 *
 * A wrong code is never an error: verification returns a result. Errors are for things the caller
 * must handle differently: a broken store, a bad URI, a refused management action.
 */
export type OtpErrorCode = keyof OtpErrorDetailsMap;

/** The `details` of an {@link OtpError} with code `C`. */
export type OtpErrorDetails<C extends OtpErrorCode = OtpErrorCode> = OtpErrorDetailsMap[C];

/**
 * The options of an {@link OtpError} with code `C`: an optional `cause`, and its `details`, which
 * are required when the code has a required detail.
 *
 * @example
 * ```ts
 * const options: OtpErrorOptions<'OTP_STORE_UNAVAILABLE'> = { cause: new Error('ECONNREFUSED') };
 * throw new OtpError('OTP_STORE_UNAVAILABLE', 'the store is down', options);
 * ```
 */
export type OtpErrorOptions<C extends OtpErrorCode> =
  Partial<OtpErrorDetailsMap[C]> extends OtpErrorDetailsMap[C]
    ? { cause?: unknown; details?: OtpErrorDetailsMap[C] }
    : { cause?: unknown; details: OtpErrorDetailsMap[C] };

/**
 * The rest of the {@link OtpError} constructor's arguments: its {@link OtpErrorOptions}, which may
 * be left out when every detail of code `C` is optional.
 *
 * @example
 * ```ts
 * const args: OtpErrorOptionsArgs<'OTP_THROTTLED'> = [{ details: { retryAfterMs: 1000 } }];
 * ```
 */
export type OtpErrorOptionsArgs<C extends OtpErrorCode> =
  Partial<OtpErrorDetailsMap[C]> extends OtpErrorDetailsMap[C]
    ? [options?: OtpErrorOptions<C>]
    : [options: OtpErrorOptions<C>];

/**
 * The one error class of otpkit, with a stable string {@link OtpErrorCode}, typed `details` and an
 * optional `cause`. Messages never contain secrets or codes.
 *
 * @example
 * ```ts
 * try {
 *   await otp.regenerateBackupCodes({ userId });
 * } catch (err) {
 *   if (isOtpError(err, 'OTP_THROTTLED')) return tooManyRequests(err.details.retryAfterMs);
 *   throw err;
 * }
 * ```
 */
export class OtpError<C extends OtpErrorCode = OtpErrorCode> extends Error {
  override readonly name = 'OtpError';
  readonly code: C;
  readonly details: OtpErrorDetailsMap[C];

  constructor(code: C, message: string, ...[options]: OtpErrorOptionsArgs<C>) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...(options?.details ?? {}) }) as OtpErrorDetailsMap[C];
  }
}

/**
 * True when `value` is an {@link OtpError}, optionally with the given code (then `details` is typed).
 *
 * @example
 * ```ts
 * if (isOtpError(err, 'OTP_STORE_UNAVAILABLE')) res.status(503);
 * if (isOtpError(err, 'OTP_COOLDOWN')) res.set('Retry-After', String(Math.ceil(err.details.retryAfterMs / 1000)));
 * ```
 */
export function isOtpError<C extends OtpErrorCode>(value: unknown, code: C): value is OtpError<C>;
export function isOtpError(value: unknown): value is AnyOtpError;
export function isOtpError(value: unknown, code?: OtpErrorCode): boolean {
  return value instanceof OtpError && (code === undefined || value.code === code);
}

/**
 * An {@link OtpError} of any code, as a union: `switch (err.code)` narrows `err.details` too.
 *
 * @example
 * ```ts
 * if (isOtpError(err)) {
 *   switch (err.code) {
 *     case 'OTP_DEVICE_LIMIT': return conflict(`at most ${err.details.limit} devices`);
 *     case 'OTP_STORE_UNAVAILABLE': return serviceUnavailable();
 *   }
 * }
 * ```
 */
export type AnyOtpError = { [C in OtpErrorCode]: OtpError<C> }[OtpErrorCode];
