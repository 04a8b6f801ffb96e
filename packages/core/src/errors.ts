/**
 * Every stable error code otpkit raises. `switch (err.code)` on an {@link OtpError} narrows to one of these.
 *
 * A wrong code is never an error: verification returns a result. Errors are for things the caller
 * must handle differently: a broken store, a bad URI, a tampered envelope.
 */
export type OtpErrorCode =
  /** A Google Authenticator key URI could not be parsed or holds invalid values. */
  | 'OTP_INVALID_URI'
  /** A secret has the wrong size or is not valid base32 / hex. */
  | 'OTP_INVALID_SECRET'
  /** Input to a service method failed validation (a name too long, an unknown device kind…). */
  | 'OTP_INVALID_INPUT'
  /** A keyring key is missing, has the wrong size or is unknown. */
  | 'OTP_KEY_INVALID'
  /** A sealed envelope was tampered with, is malformed or does not belong to this device. */
  | 'OTP_SEAL_INVALID'
  /** The device does not exist or does not belong to the user. */
  | 'OTP_DEVICE_NOT_FOUND'
  /** The device kind does not support the operation (resync on an email device…). */
  | 'OTP_NOT_SUPPORTED'
  /** A compare-and-set kept failing because other writers changed the record first. */
  | 'OTP_STORE_CONFLICT'
  /** The store failed (connection lost, query error). Verification fails closed. */
  | 'OTP_STORE_UNAVAILABLE'
  /** A code could not be delivered (the mailer failed). No code was left valid. */
  | 'OTP_DELIVERY_FAILED'
  /** The user is locked after too many failures; an administrator must reset it. */
  | 'OTP_LOCKED';

/**
 * The one error class of otpkit, with a stable string {@link OtpErrorCode} and an optional `cause`.
 * Messages never contain secrets or codes.
 *
 * @example
 * ```ts
 * try {
 *   parseOtpauthUri(input);
 * } catch (err) {
 *   if (err instanceof OtpError && err.code === 'OTP_INVALID_URI') return badRequest(err.message);
 *   throw err;
 * }
 * ```
 */
export class OtpError extends Error {
  override readonly name = 'OtpError';
  readonly code: OtpErrorCode;

  constructor(code: OtpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * True when `value` is an {@link OtpError}, optionally with the given code.
 *
 * @example
 * ```ts
 * if (isOtpError(err, 'OTP_STORE_UNAVAILABLE')) res.status(503);
 * ```
 */
export function isOtpError(value: unknown, code?: OtpErrorCode): value is OtpError {
  return value instanceof OtpError && (code === undefined || value.code === code);
}
