/**
 * What the demo's own pages need that otpkit does for its pages: restrictive headers. Their forms
 * are protected by otpkit's request API (`csrfToken()` in the form, `checkCsrf(value)` on the post:
 * the session's token plus the browser's Origin / Sec-Fetch-Site), so there is no second token.
 */

/** Headers of every page of the demo: no scripts at all, styles from this origin, never framed. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The answer to a form whose token is wrong or that another site sent (403). */
export const CSRF_REFUSAL =
  'This form has expired or did not come from this site. Go back and reload the page.';
