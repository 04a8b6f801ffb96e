/**
 * Where a `next` parameter may send the browser: a path on this site, nothing else.
 *
 * Refused (the fallback is used instead): anything not starting with exactly one `/`
 * (`https://evil.test`, `javascript:…`, `evil.test`), protocol-relative `//evil.test`, `/\evil.test`
 * (browsers read `\` as `/`), any backslash, control or whitespace characters (browsers strip tabs
 * and newlines from URLs), percent-encoded slashes and backslashes that a server might decode
 * (`/%2F%2Fevil.test`), and values longer than 2048 characters.
 *
 * @example
 * ```ts
 * safeNextPath('/admin/users?page=2', '/'); // '/admin/users?page=2'
 * safeNextPath('//evil.test', '/');         // '/'
 * ```
 */
export function safeNextPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/')) return fallback;
  if (value.startsWith('//')) return fallback;
  if (/[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]/u.test(value)) return fallback;
  if (/%(2f|5c|09|0a|0d|00)/i.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://otpkit.invalid');
  } catch {
    return fallback;
  }
  if (parsed.origin !== 'http://otpkit.invalid') return fallback;
  return value;
}
