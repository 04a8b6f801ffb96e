/** Writing the shared pages' results on Express, and the demo's own forms (body, CSRF). */
import type { PageResult, SiteResponse } from '@otpkit/example-admin-shared';
import { CSRF_REFUSAL, formIsOurs, PAGE_HEADERS } from '@otpkit/example-admin-shared';
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

/** The demo's own forms: a small urlencoded body, its CSRF token and the browser's origin checked. */
export const forms: RequestHandler[] = [
  express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }),
  (req, res, next) => {
    const ours = formIsOurs({
      sent: (req.body as Record<string, unknown> | undefined)?._csrf,
      session: req.session as unknown as Record<string, unknown>,
      secFetchSite: req.get('sec-fetch-site'),
      origin: req.get('origin'),
      siteOrigin: `${req.protocol}://${req.get('host')}`,
    });
    if (req.method !== 'POST' || ours) next();
    else res.status(403).type('text/plain').send(CSRF_REFUSAL);
  },
];
