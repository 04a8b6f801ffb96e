/**
 * Token normalisation: the one gate every user-typed code passes before any HMAC is computed.
 */

/** Longer input is rejected before any regular expression runs, so a 10 kB "code" costs nothing. */
const MAX_RAW_LENGTH = 64;

/** Separators people type or paste inside codes: ASCII space, tab and hyphen-minus. */
const SEPARATORS = /[ \t-]/g;

/**
 * Normalise a user-typed code: remove ASCII spaces, tabs and `-`, then require exactly `digits`
 * ASCII digits. Anything else (other scripts' digits, full-width digits, letters, non-strings,
 * overlong input) gives `null`. Never throws.
 *
 * @param token - Whatever the user sent; not trusted to be a string.
 * @param digits - The expected number of digits.
 * @returns The code as `digits` ASCII digits, or `null` when it cannot be one.
 *
 * @example
 * ```ts
 * normalizeToken('123 456', 6);   // '123456'
 * normalizeToken('123-456', 6);   // '123456'
 * normalizeToken('１２３４５６', 6); // null (full-width digits)
 * normalizeToken(123456, 6);      // null (not a string)
 * ```
 */
export function normalizeToken(token: unknown, digits: number): string | null {
  if (typeof token !== 'string' || token.length > MAX_RAW_LENGTH) return null;
  if (!Number.isInteger(digits) || digits < 1) return null;
  const cleaned = token.replace(SEPARATORS, '');
  if (cleaned.length !== digits) return null;
  for (let i = 0; i < cleaned.length; i++) {
    const c = cleaned.charCodeAt(i);
    // ASCII '0'..'9' only: \d in a Unicode-aware engine, or Number(), would accept other digits and forms.
    if (c < 0x30 || c > 0x39) return null;
  }
  return cleaned;
}
