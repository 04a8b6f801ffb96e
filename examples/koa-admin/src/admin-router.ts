/**
 * The admin panel on a @koa/router router: the shared route table (examples/admin-shared), the
 * whole router behind `requireOtp()` and each route behind its access rule.
 */
import Router from '@koa/router';
import { requireOtp } from '@otpkit/adapters-koa';
import { type AdminRequest, type Demo, refuseNonAdmin } from '@otpkit/example-admin-shared';
import type { Context, Middleware } from 'koa';
import { forms, send } from './respond.js';

const requestOf = (ctx: Context & { params?: Record<string, string> }): AdminRequest => ({
  otp: ctx.state.otp,
  session: ctx.session as unknown as Record<string, unknown>,
  params: ctx.params ?? {},
  url: ctx.originalUrl,
});

/**
 * The admin router, with its `/admin` prefix.
 *
 * @example
 * ```ts
 * app.use(createAdminRouter(demo).routes());
 * ```
 */
export function createAdminRouter(demo: Demo): Router {
  const router = new Router({ prefix: '/admin' });
  const adminsOnly: Middleware = async (ctx, next) => {
    const refusal = refuseNonAdmin(requestOf(ctx), demo.outbox);
    if (refusal) send(ctx, refusal);
    else await next();
  };
  // Administrators, with a verification in the last five minutes.
  const fresh = [adminsOnly, requireOtp({ stepUp: true })];
  router.use(requireOtp(), forms);
  for (const route of demo.adminRoutes) {
    const guards = { 'signed-in': [], admin: [adminsOnly], 'admin-fresh': fresh }[route.access];
    const handler: Middleware = async (ctx) => send(ctx, await route.handle(requestOf(ctx)));
    if (route.method === 'GET') router.get(route.path, ...guards, handler);
    else router.post(route.path, ...guards, handler);
  }
  return router;
}
