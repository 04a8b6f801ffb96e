/**
 * The shape of backup codes: Crockford's base32 alphabet, which has no I, L, O or U, so nothing
 * a user reads off paper can be mistaken for another symbol; typed input is normalised the way
 * Crockford specifies (O → 0, I and L → 1, any case, separators ignored).
 */
import { randomBytes } from 'node:crypto';

/** 32 symbols: 5 bits each. */
export const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Symbols per displayed group. */
const GROUP = 5;

/** Longer input is refused before any other work. */
const MAX_RAW_LENGTH = 64;

const READ_AS: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1' };

/** A new random code of `length` symbols, unformatted. */
export function generateBackupCode(length: number): string {
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform: no modulo bias.
  const bytes = randomBytes(length);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** `abcde12345` → `abcde-12345`: groups of five, easier to read out and to copy. */
export function formatBackupCode(code: string): string {
  return (code.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

/**
 * Normalise typed input to the canonical code, or null when it cannot be a code of `length`
 * symbols. Removes spaces, tabs and dashes, ignores case, reads O as 0 and I/L as 1. Never throws.
 *
 * @example
 * ```ts
 * normalizeBackupCode('ABCDE-1234O', 10); // 'abcde12340'
 * normalizeBackupCode('123456', 10);      // null
 * ```
 */
export function normalizeBackupCode(input: unknown, length: number): string | null {
  if (typeof input !== 'string' || input.length > MAX_RAW_LENGTH) return null;
  const compact = input.replace(/[ \t-]/g, '');
  // ASCII letters and digits only, checked before lower-casing: toLowerCase maps some other
  // characters onto ASCII ones (the Kelvin sign onto k) and would let look-alikes through.
  if (compact.length !== length || !/^[0-9A-Za-z]+$/.test(compact)) return null;
  let code = '';
  for (const c of compact.toLowerCase()) {
    const symbol = READ_AS[c] ?? c;
    // U is the one letter that stays outside the alphabet after mapping.
    if (!ALPHABET.includes(symbol)) return null;
    code += symbol;
  }
  return code;
}
