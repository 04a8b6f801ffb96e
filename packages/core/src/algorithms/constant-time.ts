/**
 * Constant-time string equality for codes and other short secrets.
 */
import { timingSafeEqual } from 'node:crypto';

/**
 * Compare two strings in time that depends only on their lengths, not on where they differ.
 * Strings of different UTF-8 lengths are unequal (the length is not treated as secret). Non-strings
 * are unequal to everything.
 *
 * @example
 * ```ts
 * constantTimeEqual(submitted, expected); // true only when identical
 * constantTimeEqual('123456', '12345');   // false
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still do the work of one comparison so a length mismatch is not much faster than a miss.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
