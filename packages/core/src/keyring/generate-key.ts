import { randomBytes } from 'node:crypto';
import { KEY_BYTES } from './derive-keys.js';

/**
 * A new keyring key: 32 bytes from the operating system's CSPRNG, as standard base64 (44
 * characters), ready for an environment variable. Behind `otpkit keys generate`.
 *
 * @example
 * ```ts
 * const k2 = generateKey(); // 'q3v…=' — store it as OTPKIT_KEY_K2, then list it in createKeyring
 * const keyring = createKeyring({ keys: { k1: process.env.OTPKIT_KEY_K1!, k2 }, primary: 'k2' });
 * ```
 */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
