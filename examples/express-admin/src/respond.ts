/** Writing the shared pages' results on Express, and the demo's own forms (body, CSRF). */
import type { PageResult, SiteResponse } from '@otpkit/example-admin-shared';
import { CSRF_REFUSAL, PAGE_HEADERS } from '@otpkit/example-admin-shared';
import express, { type RequestHandler, type Response } from 'express';

/** Send a page (with the demo's page headers), a redirect (303) or a site response. */
export function send(res: Response, result: PageResult | SiteResponse): void {
  if ('redirect' in result) {
    res.redirect(303, result.redirect);
    return;
  }
  res.status(result.status).set(PAGE_HEADERS);
  if ('html' in result) res.type('html').send(result.html);
  else res.type(result.type).send(result.body);
}

/**
 * The demo's own forms: a small urlencoded body, and otpkit's CSRF check of its `_csrf` field (the
 * session's token, the browser's origin).
 */
export const forms: RequestHandler[] = [
  express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }),
  (req, res, next) => {
    if (req.method !== 'POST' || req.otp.checkCsrf((req.body as Record<string, unknown> | undefined)?._csrf))
      next();
    else res.status(403).type('text/plain').send(CSRF_REFUSAL);
  },
];
