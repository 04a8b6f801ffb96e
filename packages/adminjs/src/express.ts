/**
 * @otpkit/adminjs/express: AdminJS on Express behind otpkit's second factor.
 */
import { requireOtp } from '@otpkit/adapters-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type AdminJsPanel,
  CROSS_SITE_REFUSAL,
  crossSiteWrite,
  lendCurrentAdmin,
  type ProtectAdminJsOptions,
  panelGuard,
} from './options.js';

/**
 * Put an AdminJS panel behind otpkit: mount it at the panel's `rootPath`, before
 * `buildRouter(admin)` of @adminjs/express (not `buildAuthenticatedRouter`: otpkit owns the login).
 * Every request that reaches it (pages, `/api/…`, assets) needs a login completed with a second
 * factor (`requireOtp({ verified: true })`); then AdminJS gets `currentAdmin` from otpkit's user.
 * AdminJS's login page sends to otpkit's, its "Log out" to otpkit's sign-out page. A change sent
 * from another site's page (`Sec-Fetch-Site`) is refused with a 403.
 *
 * @example
 * ```ts
 * app.use(otpkit({ otp, store, loadUser, authenticate }));
 * app.use(admin.options.rootPath, protectAdminJs(admin), buildRouter(admin));
 * ```
 */
export function protectAdminJs(admin: AdminJsPanel, options?: ProtectAdminJsOptions): RequestHandler {
  const panel = panelGuard(admin, options, 'protectAdminJs');
  const guard = requireOtp({ verified: true, stepUp: panel.stepUp });
  return function protectAdminJs(req: Request, res: Response, next: NextFunction) {
    const kind = panel.classify(req.baseUrl + req.path);
    if (crossSiteWrite(req.method, req.get('sec-fetch-site'))) {
      res.status(403).type('text/plain').send(CROSS_SITE_REFUSAL);
      return;
    }
    if (kind === 'logout') {
      res.redirect(303, panel.logoutUrl);
      return;
    }
    // Anything else that reaches this handler is the panel's (fail closed, whatever the path).
    guard(req, res, (error?: unknown) => {
      if (error) return next(error);
      const user = req.otp.user;
      const session = (req as { session?: object }).session;
      if (!user || !session) return next(new Error('otpkit: a verified request without a user'));
      if (kind === 'login') {
        res.redirect(303, admin.options.rootPath);
        return;
      }
      lendCurrentAdmin(session, panel.currentAdmin(user));
      next();
    });
  };
}

export type { AdminJsCurrentAdmin, AdminJsPanel, ProtectAdminJsOptions } from './options.js';
