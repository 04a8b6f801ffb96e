/**
 * Text that ends up in key URIs, HTML pages, logs, terminals and database columns: user ids,
 * device names, labels, issuers. Two kinds of character are refused everywhere:
 * - control and format characters (`\p{Cc}`, `\p{Cf}`, U+2028/U+2029): line breaks that split a log
 *   line or a mail header, NUL that PostgreSQL cannot store, bidirectional overrides (U+202E) that
 *   make "evil" read as "live";
 * - ill-formed UTF-16 (a lone surrogate): databases store it as U+FFFD, so two different ids would
 *   collapse into one row, and `encodeURIComponent` throws on it.
 */

// Cc: C0/C1 controls; Cf: format characters (bidi overrides, zero-width joiners, BOM); Zl/Zp: line
// and paragraph separators.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag:
// the pattern must see code units, not code points).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` is well-formed Unicode without control, format or line-separator characters.
 *
 * @example
 * ```ts
 * isPrintableText('Alice’s phone');      // true
 * isPrintableText('evil\u202Eexe.pdf');  // false (a bidirectional override)
 * isPrintableText('a\ud800b');           // false (a lone surrogate)
 * ```
 */
export function isPrintableText(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !UNPRINTABLE.test(text);
}
