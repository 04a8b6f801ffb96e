/**
 * The Content-Security-Policy of otpkit's own pages: nothing loads but otpkit's stylesheet and script
 * from this origin and inline `data:` images; forms post only here; no framing (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Headers on every otpkit page and JSON answer: never cached, never sniffed, no referrer to other
 * sites, no framing. (`same-origin`, not `no-referrer`: with `no-referrer` browsers send
 * `Origin: null` on form posts, which the origin check must refuse.)
 */
export function securityHeaders(): Record<string, string> {
  return {
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  };
}
