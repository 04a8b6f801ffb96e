/**
 * @otpkit/adminjs/koa: AdminJS on Koa 2 behind otpkit's second factor.
 */
import { requireOtp } from '@otpkit/adapters-koa';
import type { Context, Middleware, Next } from 'koa';
import {
  type AdminJsPanel,
  CROSS_SITE_REFUSAL,
  crossSiteWrite,
  lendCurrentAdmin,
  type ProtectAdminJsOptions,
  panelGuard,
} from './options.js';

/**
 * Put an AdminJS panel behind otpkit: `app.use` it after `otpkit()` and before
 * `buildRouter(admin, app)` of @adminjs/koa (which mounts AdminJS's assets on the app itself; not
 * `buildAuthenticatedRouter`: otpkit owns the login). Every request under the panel's `rootPath`
 * (pages, `/api/…`, assets) needs a login completed with a second factor
 * (`requireOtp({ verified: true })`); then AdminJS gets `currentAdmin` from otpkit's user. AdminJS's
 * login page sends to otpkit's, its "Log out" to otpkit's sign-out page; a change sent from another
 * site's page (`Sec-Fetch-Site`) is refused with a 403. Other requests pass.
 *
 * @example
 * ```ts
 * app.use(otpkit({ otp, store, loadUser, authenticate }));
 * app.use(protectAdminJs(admin));
 * app.use(buildRouter(admin, app).routes());
 * ```
 */
export function protectAdminJs(admin: AdminJsPanel, options?: ProtectAdminJsOptions): Middleware {
  const panel = panelGuard(admin, options, 'protectAdminJs');
  const guard = requireOtp({ verified: true, stepUp: panel.stepUp });
  return async function protectAdminJs(ctx: Context, next: Next) {
    const kind = panel.classify(ctx.path);
    if (kind === 'outside') return next();
    if (crossSiteWrite(ctx.method, ctx.get('sec-fetch-site') || undefined)) {
      ctx.type = 'text/plain';
      ctx.body = CROSS_SITE_REFUSAL;
      ctx.status = 403;
      return;
    }
    if (kind === 'logout') {
      ctx.status = 303;
      ctx.redirect(panel.logoutUrl);
      return;
    }
    let passed = false;
    await guard(ctx, async () => {
      passed = true;
    });
    if (!passed) return;
    const user = ctx.state.otp.user;
    const session = (ctx as { session?: object | null }).session;
    if (!user || !session) throw new Error('otpkit: a verified request without a user');
    if (kind === 'login') {
      ctx.status = 303;
      ctx.redirect(admin.options.rootPath);
      return;
    }
    lendCurrentAdmin(session, panel.currentAdmin(user));
    await next();
  };
}

export type { AdminJsCurrentAdmin, AdminJsPanel, ProtectAdminJsOptions } from './options.js';
