/**
 * Strict hexadecimal, the other encoding secrets are handed over in (RFC test vectors, some
 * hardware tokens).
 */
import { OtpError } from '../errors.js';

const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * Encode bytes as lower-case hexadecimal.
 *
 * @example
 * ```ts
 * encodeHex(new Uint8Array([0, 171, 255])); // '00abff'
 * ```
 */
export function encodeHex(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('encodeHex: bytes must be a Uint8Array');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Decode hexadecimal strictly: an even, non-zero number of `0-9a-fA-F`, nothing else (no spaces,
 * no `0x`). Anything else throws `OtpError('OTP_INVALID_SECRET')`; the message never quotes the input.
 *
 * @example
 * ```ts
 * decodeHex('00ABff'); // Uint8Array [0, 171, 255]
 * decodeHex('0g');     // throws OtpError OTP_INVALID_SECRET
 * ```
 */
export function decodeHex(text: string): Uint8Array {
  // Buffer.from(…, 'hex') would silently stop at the first bad character, hence the check first.
  if (typeof text !== 'string' || !HEX.test(text)) {
    throw new OtpError('OTP_INVALID_SECRET', 'Invalid hex: expected an even number of hexadecimal digits');
  }
  // A fresh Uint8Array, not a slice of Buffer's shared pool that other data lives next to.
  return new Uint8Array(Buffer.from(text, 'hex'));
}
