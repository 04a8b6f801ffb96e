/**
 * What the demo's own pages need that otpkit does for its pages: restrictive headers, and a CSRF
 * token of their own for their forms (a synchronizer token in the session, plus the browser's
 * Origin / Sec-Fetch-Site on every POST). Framework-free: each demo applies them in its own way.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Headers of every page of the demo: no scripts at all, styles from this origin, never framed. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The answer to a form that fails the check. */
export const CSRF_REFUSAL =
  'This form has expired or did not come from this site. Go back and reload the page.';

/** The session's CSRF token for the demo's forms (otpkit keeps its own), created on first use. */
export function csrfToken(session: Record<string, unknown>): string {
  if (typeof session.demoCsrf !== 'string') session.demoCsrf = randomBytes(32).toString('base64url');
  return session.demoCsrf as string;
}

/** A POST of the demo's forms, as the check sees it. */
export interface FormPost {
  /** The `_csrf` field of the parsed body. */
  sent: unknown;
  session: Record<string, unknown>;
  secFetchSite: string | undefined;
  origin: string | undefined;
  /** This site's origin, e.g. `http://localhost:3000`. */
  siteOrigin: string;
}

/**
 * True when the form's `_csrf` matches the session's token and no other site sent it.
 *
 * @example
 * ```ts
 * if (!formIsOurs({ sent: body._csrf, session, secFetchSite, origin, siteOrigin })) refuse(403);
 * ```
 */
export function formIsOurs(post: FormPost): boolean {
  const expected = post.session.demoCsrf;
  const a = Buffer.from(typeof post.sent === 'string' ? post.sent : '');
  const b = Buffer.from(typeof expected === 'string' ? expected : '');
  if (b.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) return false;
  if (post.secFetchSite !== undefined) return post.secFetchSite === 'same-origin';
  // Old browsers and non-browser clients send neither header: the token decides.
  return post.origin === undefined || post.origin === post.siteOrigin;
}
