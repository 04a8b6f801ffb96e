/**
 * What the demo's own pages need that otpkit does for its pages: restrictive headers, and CSRF
 * protection of their forms, which otpkit's request API gives (`req.otp.csrfToken()` for the form,
 * `req.otp.checkCsrf()` for the post: the session's token plus the browser's Origin / Sec-Fetch-Site).
 */
import type { NextFunction, Request, Response } from 'express';

/** Headers of every page of the demo: no scripts at all, styles from this origin, never framed. */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Refuse (403) a POST whose `_csrf` field is not the session's token or that another site sent.
 * Mount after the body parser.
 */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' || req.otp.checkCsrf((req.body as Record<string, unknown> | undefined)?._csrf)) {
    next();
    return;
  }
  res
    .status(403)
    .type('text/plain')
    .send('This form has expired or did not come from this site. Go back and reload the page.');
}
