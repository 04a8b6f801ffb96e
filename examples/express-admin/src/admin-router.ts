/**
 * The admin panel on an Express router: the shared route table (examples/admin-shared), each route
 * behind its access rule. The app mounts it at /admin behind `requireOtp()`.
 */
import { requireOtp } from '@otpkit/adapters-express';
import { type AdminRequest, type Demo, refuseNonAdmin } from '@otpkit/example-admin-shared';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { forms, send } from './respond.js';

const requestOf = (req: Request): AdminRequest => ({
  otp: req.otp,
  session: req.session as unknown as Record<string, unknown>,
  params: req.params as Record<string, string>,
  url: req.originalUrl,
});

/**
 * The admin router.
 *
 * @example
 * ```ts
 * app.use('/admin', requireOtp(), createAdminRouter(demo));
 * ```
 */
export function createAdminRouter(demo: Demo): Router {
  const router = express.Router();
  const adminsOnly: RequestHandler = (req, res, next) => {
    const refusal = refuseNonAdmin(requestOf(req), demo.outbox);
    if (refusal) send(res, refusal);
    else next();
  };
  // Administrators, with a verification in the last five minutes.
  const fresh = [adminsOnly, requireOtp({ stepUp: true })];
  router.use(forms);
  for (const route of demo.adminRoutes) {
    const guards = { 'signed-in': [], admin: [adminsOnly], 'admin-fresh': fresh }[route.access];
    const handler: RequestHandler = async (req, res) => send(res, await route.handle(requestOf(req)));
    if (route.method === 'GET') router.get(route.path, ...guards, handler);
    else router.post(route.path, ...guards, handler);
  }
  return router;
}
