/**
 * New TOTP/HOTP secrets from the operating system's CSPRNG.
 */
import { getRandomValues } from 'node:crypto';

/** RFC 4226 §4 requires at least 128 bits and recommends 160; 64 bytes is SHA-512's block size. */
export const MIN_SECRET_BYTES = 16;
export const MAX_SECRET_BYTES = 64;

/**
 * Generate a random secret of `bytes` bytes (16–64) with `node:crypto`'s CSPRNG. Another size
 * throws a `TypeError`.
 *
 * @param bytes - Secret size. @default 20 (160 bits, RFC 4226's recommendation and SHA-1's output size)
 *
 * @example
 * ```ts
 * const secret = generateSecret();     // 20 random bytes
 * const manualKey = encodeBase32(secret); // 32 base32 characters for the authenticator app
 * ```
 */
export function generateSecret(bytes = 20): Uint8Array {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new TypeError(
      `generateSecret: bytes must be an integer from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES}`,
    );
  }
  return getRandomValues(new Uint8Array(bytes));
}
