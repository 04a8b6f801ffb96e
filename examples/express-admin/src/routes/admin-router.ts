/**
 * The admin panel's router, mounted behind `requireOtp()` at /admin: nothing here is reachable
 * before the second step. The administrators' page and its actions also need a fresh verification
 * (`requireOtp({ stepUp: true })`); each action is a confirmation page (GET) and its form (POST) on
 * the same address, so that step-up can come back to it without replaying a POST.
 */

import { requireOtp } from '@otpkit/adapters-express';
import { isOtpError, type Otp } from '@otpkit/core';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AuditLog } from '../audit.js';
import { checkCsrf, pageHeaders } from '../page-security.js';
import type { DemoUser, UserDirectory } from '../users.js';
import { auditView, dashboardView, type UserOverview, usersView } from '../views/admin-views.js';
import type { PageContext } from '../views/layout.js';
import { confirmView, deviceLabel, errorView, nameOf, securityView } from '../views/security-views.js';

declare module 'express-session' {
  interface SessionData {
    /** A one-time message for the administrators' page. */
    demoNotice?: string;
  }
}

export interface AdminDeps {
  otp: Otp;
  users: UserDirectory;
  audit: AuditLog;
  outbox: boolean;
}

type Handler = (req: Request, res: Response) => Promise<void> | void;

/** Express 5 passes a rejected promise to the error handler; this keeps the handlers' types plain. */
const page = (handler: Handler) => (req: Request, res: Response, next: NextFunction) =>
  Promise.resolve(handler(req, res)).catch(next);

/**
 * The admin router.
 *
 * @example
 * ```ts
 * app.use('/admin', requireOtp(), createAdminRouter({ otp, users, audit, outbox: true }));
 * ```
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const { otp, users, audit } = deps;
  const router = express.Router();
  const me = (req: Request) => req.otp.user as DemoUser;
  const ctxOf = (req: Request): PageContext => ({
    user: me(req),
    csrf: req.otp.csrfToken(),
    outbox: deps.outbox,
  });
  const policyRequired = (user: DemoUser) => user.role === 'admin';

  async function overview(): Promise<UserOverview[]> {
    return Promise.all(
      users.list().map(async (user) => ({
        user,
        status: await otp.status({ userId: user.id }),
        required: policyRequired(user),
      })),
    );
  }

  const names = () => new Map(users.list().map((u) => [u.id, u.username]));

  function adminsOnly(req: Request, res: Response, next: NextFunction): void {
    if (me(req).role === 'admin') {
      next();
      return;
    }
    res
      .status(403)
      .send(
        errorView(ctxOf(req), { title: 'Administrators only', text: 'This page is for administrators.' }),
      );
  }

  function notFound(req: Request, res: Response, text: string): void {
    res.status(404).send(errorView(ctxOf(req), { title: 'Not found', text }));
  }

  // Administrators, with a verification in the last five minutes.
  const sensitive = [adminsOnly, requireOtp({ stepUp: true })];

  router.use(pageHeaders);
  router.use(express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }));
  router.use(checkCsrf);

  router.get(
    '/',
    page(async (req, res) => {
      const device = req.otp.device;
      res.send(
        dashboardView(ctxOf(req), {
          login: {
            method: req.otp.method,
            device: device ? { kind: device.kind, name: device.name } : null,
          },
          users: await overview(),
          recent: me(req).role === 'admin' ? audit.list(8) : [],
          names: names(),
        }),
      );
    }),
  );

  router.get(
    '/users',
    page(async (req, res) => {
      res.send(usersView(ctxOf(req), { users: await overview() }));
    }),
  );

  router.get(
    '/audit',
    adminsOnly,
    page((req, res) => {
      res.send(auditView(ctxOf(req), { entries: audit.list(200), names: names() }));
    }),
  );

  router.get(
    '/security',
    ...sensitive,
    page(async (req, res) => {
      const rows = await overview();
      const withDevices = await Promise.all(
        rows.map(async (row) => ({ ...row, devices: await otp.listDevices({ userId: row.user.id }) })),
      );
      const message = req.session.demoNotice ?? null;
      delete req.session.demoNotice;
      res.send(securityView(ctxOf(req), { users: withDevices, message }));
    }),
  );

  router
    .route('/security/users/:userId/unlock')
    .all(...sensitive)
    .get(
      page((req, res) => {
        const user = users.findById(String(req.params.userId));
        if (!user) return notFound(req, res, 'There is no such user.');
        res.send(
          confirmView(ctxOf(req), {
            title: `Unlock ${user.displayName}?`,
            lines: [
              `The count of wrong codes of ${nameOf(user)} goes back to zero and they can verify again at once.`,
              'If you did not expect them to be locked, ask them first: someone else may know their password.',
            ],
            action: req.originalUrl,
            button: 'Unlock',
          }),
        );
      }),
    )
    .post(
      page(async (req, res) => {
        const user = users.findById(String(req.params.userId));
        if (!user) return notFound(req, res, 'There is no such user.');
        await otp.resetThrottle({ userId: user.id });
        audit.record('admin.unlock', { userId: user.id, actorId: me(req).id });
        req.session.demoNotice = `${user.displayName} is unlocked.`;
        res.redirect(303, '/admin/security');
      }),
    );

  router
    .route('/security/users/:userId/devices/:deviceId/remove')
    .all(...sensitive)
    .get(
      page(async (req, res) => {
        const user = users.findById(String(req.params.userId));
        const devices = user ? await otp.listDevices({ userId: user.id }) : [];
        const device = devices.find((d) => d.id === req.params.deviceId);
        if (!user || !device) return notFound(req, res, 'There is no such verification method.');
        const others = devices.filter((d) => d.confirmed && d.id !== device.id && d.kind !== 'backup-codes');
        res.send(
          confirmView(ctxOf(req), {
            title: `Remove ${deviceLabel(device)} from ${user.displayName}?`,
            lines: [
              `${nameOf(user)} will no longer be able to sign in with it. Their trusted browsers will be asked for a code again.`,
              others.length === 0 && device.kind !== 'backup-codes' && policyRequired(user)
                ? 'It is their last method: they will set up a new one at their next sign-in, after their password.'
                : '',
            ].filter(Boolean),
            action: req.originalUrl,
            button: 'Remove',
            danger: true,
          }),
        );
      }),
    )
    .post(
      page(async (req, res) => {
        const user = users.findById(String(req.params.userId));
        if (!user) return notFound(req, res, 'There is no such user.');
        try {
          const removed = await otp.removeDevice({ userId: user.id, deviceId: String(req.params.deviceId) });
          audit.record('admin.remove-device', {
            userId: user.id,
            actorId: me(req).id,
            detail: { kind: removed.kind, name: removed.name },
          });
          req.session.demoNotice = `${deviceLabel(removed)} was removed from ${user.displayName}.`;
          res.redirect(303, '/admin/security');
        } catch (error) {
          if (isOtpError(error, 'OTP_DEVICE_NOT_FOUND') || isOtpError(error, 'OTP_INVALID_INPUT')) {
            return notFound(req, res, 'There is no such verification method.');
          }
          throw error;
        }
      }),
    );

  return router;
}
