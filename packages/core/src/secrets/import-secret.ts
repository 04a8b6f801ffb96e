/**
 * Importing an existing secret (a legacy key moved from another system, or one a user types in).
 */
import { OtpError } from '../errors.js';
import { decodeBase32 } from './base32.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './generate-secret.js';
import { decodeHex } from './hex.js';

/**
 * Decode a secret given as base32 or hex text (or take raw bytes) and require 16–64 bytes.
 * Bad text or a size outside 16–64 bytes throws `OtpError('OTP_INVALID_SECRET')`; an unknown
 * `encoding` is a programming error and throws a `TypeError`. Raw bytes are copied, so later
 * changes to the caller's array do not reach the imported secret.
 *
 * @param encoding - How `value` is written when it is a string. @default 'base32'
 *
 * @example
 * ```ts
 * const secret = importSecret('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP'); // 20 bytes
 * importSecret('3132333435363738393031323334353637383930', 'hex');     // 20 bytes
 * importSecret('JBSWY3DPEHPK3PXP'); // throws: only 10 bytes
 * ```
 */
export function importSecret(value: string | Uint8Array, encoding: 'base32' | 'hex' = 'base32'): Uint8Array {
  if (encoding !== 'base32' && encoding !== 'hex') {
    throw new TypeError("importSecret: encoding must be 'base32' or 'hex'");
  }
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) bytes = new Uint8Array(value);
  else if (typeof value === 'string') bytes = encoding === 'hex' ? decodeHex(value) : decodeBase32(value);
  else throw new OtpError('OTP_INVALID_SECRET', 'A secret must be a string or a Uint8Array');
  if (bytes.length < MIN_SECRET_BYTES || bytes.length > MAX_SECRET_BYTES) {
    throw new OtpError(
      'OTP_INVALID_SECRET',
      `A secret must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes, got ${bytes.length}`,
    );
  }
  return bytes;
}
