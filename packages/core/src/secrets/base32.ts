/**
 * Strict RFC 4648 base32, the encoding of TOTP/HOTP secrets in authenticator apps.
 *
 * The bit-level work is `otpauth`'s codec; this file adds the strictness its decoder lacks
 * (it would turn unknown characters, impossible lengths and stray padding into garbage bytes).
 */
import { Secret } from 'otpauth';
import { OtpError } from '../errors.js';

const SPACES = / /g;
const BASE32 = /^[A-Z2-7]+(=*)$/;
/** Padding each possible unpadded length (mod 8) needs; the missing ones (1, 3, 6) cannot occur. */
const PADDING: Readonly<Record<number, number>> = { 0: 0, 2: 6, 4: 4, 5: 3, 7: 1 };

function invalid(reason: string): never {
  // The message never quotes the input: it may be a secret.
  throw new OtpError('OTP_INVALID_SECRET', `Invalid base32: ${reason}`);
}

/**
 * Encode bytes as RFC 4648 base32: upper case, no padding.
 *
 * @example
 * ```ts
 * encodeBase32(new TextEncoder().encode('Hello!')); // 'JBSWY3DPEE'
 * ```
 */
export function encodeBase32(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('encodeBase32: bytes must be a Uint8Array');
  // A copy: a Buffer may be a view into a shared pool, whose whole `.buffer` must not be encoded.
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32;
}

/**
 * Decode RFC 4648 base32 strictly. Accepts lower case, spaces between groups (`'JBSW Y3DP'`) and
 * the exact `=` padding, or none. Rejects any other character, lengths no encoder produces,
 * wrong padding, non-zero trailing bits (RFC 4648 §3.5: two spellings of one key would hide
 * typos) and empty input, with `OtpError('OTP_INVALID_SECRET')`.
 *
 * @example
 * ```ts
 * decodeBase32('jbsw y3dp ee');  // Uint8Array of 'Hello!'
 * decodeBase32('JBSWY3DPEE======'); // the same
 * decodeBase32('JBSWY3DP1');     // throws OtpError OTP_INVALID_SECRET
 * ```
 */
export function decodeBase32(text: string): Uint8Array {
  if (typeof text !== 'string') invalid('not a string');
  const compact = text.replace(SPACES, '').toUpperCase();
  const match = BASE32.exec(compact);
  if (match === null) invalid('only the letters A–Z, the digits 2–7, spaces and trailing = are allowed');
  const padding = match[1]!.length;
  const data = compact.slice(0, compact.length - padding);
  const needed = PADDING[data.length % 8];
  if (needed === undefined) invalid('impossible length');
  if (padding !== 0 && padding !== needed) invalid('wrong padding');
  const bytes = Secret.fromBase32(data).bytes;
  if (encodeBase32(bytes) !== data) invalid('non-zero trailing bits');
  return new Uint8Array(bytes);
}
