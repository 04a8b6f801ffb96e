/**
 * What the demo's own pages need that otpkit does for its pages: restrictive headers, and a CSRF
 * token of their own for their forms (a synchronizer token in the session, plus the browser's
 * Origin / Sec-Fetch-Site on every POST).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** The demo's CSRF token (otpkit keeps its own under its own key). */
    demoCsrf?: string;
  }
}

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

/** The session's CSRF token for the demo's forms, created on first use. */
export function csrfToken(req: Request): string {
  req.session.demoCsrf ??= randomBytes(32).toString('base64url');
  return req.session.demoCsrf;
}

function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = req.get('origin');
  if (origin === undefined) return true; // old browsers and non-browser clients: the token decides
  return origin === `${req.protocol}://${req.get('host')}`;
}

/**
 * Refuse (403) a POST whose `_csrf` field does not match the session's token or that another site
 * sent. Mount after the body parser.
 */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') {
    next();
    return;
  }
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  const expected = req.session.demoCsrf;
  const a = Buffer.from(typeof sent === 'string' ? sent : '');
  const b = Buffer.from(expected ?? '');
  const ok = b.length > 0 && a.length === b.length && timingSafeEqual(a, b) && sameOrigin(req);
  if (ok) {
    next();
    return;
  }
  res
    .status(403)
    .type('text/plain')
    .send('This form has expired or did not come from this site. Go back and reload the page.');
}
