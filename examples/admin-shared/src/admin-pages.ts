/**
 * The admin panel's pages and actions as a table of routes, framework-free: each demo mounts the
 * table on its own router behind `requireOtp()`, so nothing here is reachable before the second
 * step. Routes for administrators are refused to others (403); the administrators' page and its
 * actions also need a fresh verification (the demo adds `requireOtp({ stepUp: true })`). Each
 * action is a confirmation page (GET) and its form (POST) on the same address, so that step-up can
 * come back to it without replaying a POST.
 */
import { isOtpError, type Otp } from '@otpkit/core';
import type { OtpRequestApi } from '@otpkit/web';
import type { AuditLog } from './audit.js';
import type { DemoUser, UserDirectory } from './users.js';
import { auditView, dashboardView, type UserOverview, usersView } from './views/admin-views.js';
import type { PageContext } from './views/layout.js';
import { confirmView, deviceLabel, errorView, nameOf, securityView } from './views/security-views.js';

/** One request to the admin panel, as the demo's router hands it over. */
export interface AdminRequest {
  /** `req.otp` (Express) or `ctx.state.otp` (Koa). */
  otp: OtpRequestApi;
  /** The host's session object (the administrators' page's one-time notice lives there). */
  session: Record<string, unknown>;
  /** The route's parameters (`:userId`, `:deviceId`). */
  params: Record<string, string | undefined>;
  /** The path and query as requested (the confirmation forms post back to it). */
  url: string;
}

/** A page (status and HTML) or a redirect (303). */
export type PageResult = { status: number; html: string } | { redirect: string };

/**
 * Who may use a route: any signed-in user, administrators, or administrators with a verification
 * in the last five minutes (`requireOtp({ stepUp: true })`, added by the demo's router).
 */
export type Access = 'signed-in' | 'admin' | 'admin-fresh';

export interface AdminRoute {
  method: 'GET' | 'POST';
  /** Under the admin router's mount point (`/admin`), in the path syntax Express 5 and @koa/router share. */
  path: string;
  access: Access;
  handle(request: AdminRequest): Promise<PageResult>;
}

export interface AdminDeps {
  otp: Otp;
  users: UserDirectory;
  audit: AuditLog;
  outbox: boolean;
}

const me = (request: AdminRequest) => request.otp.user as DemoUser;

/**
 * The context of a demo page: who is signed in, the CSRF token of its forms (otpkit's, from the
 * request API: no second token), the outbox. Both may be missing on an error page (a request that
 * failed before the session or otpkit ran).
 */
export function pageContext(request: { otp?: OtpRequestApi | undefined }, outbox: boolean): PageContext {
  return {
    user: (request.otp?.user as DemoUser | null | undefined) ?? null,
    csrf: request.otp ? request.otp.csrfToken() : '',
    outbox,
  };
}

/** The refusal of an administrators' route to anyone else; null lets the request through. */
export function refuseNonAdmin(request: AdminRequest, outbox: boolean): PageResult | null {
  if (me(request).role === 'admin') return null;
  const html = errorView(pageContext(request, outbox), {
    title: 'Administrators only',
    text: 'This page is for administrators.',
  });
  return { status: 403, html };
}

/**
 * The admin panel's routes.
 *
 * @example
 * ```ts
 * for (const route of adminRoutes({ otp, users, audit, outbox: true })) mount(route);
 * ```
 */
export function adminRoutes(deps: AdminDeps): AdminRoute[] {
  const { otp, users, audit } = deps;
  const ctxOf = (request: AdminRequest) => pageContext(request, deps.outbox);
  const policyRequired = (user: DemoUser) => user.role === 'admin';
  const ok = (html: string): PageResult => ({ status: 200, html });
  const notFound = (request: AdminRequest, text: string): PageResult => ({
    status: 404,
    html: errorView(ctxOf(request), { title: 'Not found', text }),
  });
  const names = () => new Map(users.list().map((u) => [u.id, u.username]));

  async function overview(): Promise<UserOverview[]> {
    return Promise.all(
      users.list().map(async (user) => ({
        user,
        status: await otp.status({ userId: user.id }),
        required: policyRequired(user),
      })),
    );
  }

  const userOf = (request: AdminRequest) => users.findById(String(request.params.userId));
  /** A handler about the user of the route's `:userId`; 404 when there is none. */
  const forUser =
    (handle: (request: AdminRequest, user: DemoUser) => Promise<PageResult>) =>
    async (request: AdminRequest) => {
      const user = userOf(request);
      return user ? handle(request, user) : notFound(request, 'There is no such user.');
    };
  const unlockPath = '/security/users/:userId/unlock';
  const removePath = '/security/users/:userId/devices/:deviceId/remove';

  return [
    {
      method: 'GET',
      path: '/',
      access: 'signed-in',
      async handle(request) {
        const device = request.otp.device;
        return ok(
          dashboardView(ctxOf(request), {
            login: {
              method: request.otp.method,
              device: device ? { kind: device.kind, name: device.name } : null,
            },
            users: await overview(),
            recent: me(request).role === 'admin' ? audit.list(8) : [],
            names: names(),
          }),
        );
      },
    },
    {
      method: 'GET',
      path: '/users',
      access: 'signed-in',
      handle: async (request) => ok(usersView(ctxOf(request), { users: await overview() })),
    },
    {
      method: 'GET',
      path: '/audit',
      access: 'admin',
      handle: async (request) => ok(auditView(ctxOf(request), { entries: audit.list(200), names: names() })),
    },
    {
      method: 'GET',
      path: '/security',
      access: 'admin-fresh',
      async handle(request) {
        const rows = await overview();
        const withDevices = await Promise.all(
          rows.map(async (row) => ({ ...row, devices: await otp.listDevices({ userId: row.user.id }) })),
        );
        const message = typeof request.session.demoNotice === 'string' ? request.session.demoNotice : null;
        delete request.session.demoNotice;
        return ok(securityView(ctxOf(request), { users: withDevices, message }));
      },
    },
    {
      method: 'GET',
      path: unlockPath,
      access: 'admin-fresh',
      handle: forUser(async (request, user) =>
        ok(
          confirmView(ctxOf(request), {
            title: `Unlock ${user.displayName}?`,
            lines: [
              `The count of wrong codes of ${nameOf(user)} goes back to zero and they can verify again at once.`,
              'If you did not expect them to be locked, ask them first: someone else may know their password.',
            ],
            action: request.url,
            button: 'Unlock',
          }),
        ),
      ),
    },
    {
      method: 'POST',
      path: unlockPath,
      access: 'admin-fresh',
      handle: forUser(async (request, user) => {
        await otp.resetThrottle({ userId: user.id });
        audit.record('admin.unlock', { userId: user.id, actorId: me(request).id });
        request.session.demoNotice = `${user.displayName} is unlocked.`;
        return { redirect: '/admin/security' };
      }),
    },
    {
      method: 'GET',
      path: removePath,
      access: 'admin-fresh',
      async handle(request) {
        const user = userOf(request);
        const devices = user ? await otp.listDevices({ userId: user.id }) : [];
        const device = devices.find((d) => d.id === request.params.deviceId);
        if (!user || !device) return notFound(request, 'There is no such verification method.');
        const others = devices.filter((d) => d.confirmed && d.id !== device.id && d.kind !== 'backup-codes');
        return ok(
          confirmView(ctxOf(request), {
            title: `Remove ${deviceLabel(device)} from ${user.displayName}?`,
            lines: [
              `${nameOf(user)} will no longer be able to sign in with it. Their trusted browsers will be asked for a code again.`,
              others.length === 0 && device.kind !== 'backup-codes' && policyRequired(user)
                ? 'It is their last method: they will set up a new one at their next sign-in, after their password.'
                : '',
            ].filter(Boolean),
            action: request.url,
            button: 'Remove',
            danger: true,
          }),
        );
      },
    },
    {
      method: 'POST',
      path: removePath,
      access: 'admin-fresh',
      handle: forUser(async (request, user) => {
        try {
          const removed = await otp.removeDevice({
            userId: user.id,
            deviceId: String(request.params.deviceId),
          });
          audit.record('admin.remove-device', {
            userId: user.id,
            actorId: me(request).id,
            detail: { kind: removed.kind, name: removed.name },
          });
          request.session.demoNotice = `${deviceLabel(removed)} was removed from ${user.displayName}.`;
          return { redirect: '/admin/security' };
        } catch (error) {
          if (isOtpError(error, 'OTP_DEVICE_NOT_FOUND') || isOtpError(error, 'OTP_INVALID_INPUT')) {
            return notFound(request, 'There is no such verification method.');
          }
          throw error;
        }
      }),
    },
  ];
}
