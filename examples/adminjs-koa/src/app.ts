/**
 * AdminJS on Koa 2 behind otpkit: the demo's users, sessions and otpkit service
 * (examples/admin-shared), its AdminJS panel, and `protectAdminJs` before @adminjs/koa's router.
 * @adminjs/koa 4 is built for Koa 2 and @koa/router 12 (it mounts AdminJS's assets on the app
 * itself, so the guard is an app middleware placed before `buildRouter`).
 */
import { buildRouter } from '@adminjs/koa';
import { otpkit, type WebUser } from '@otpkit/adapters-koa';
import { protectAdminJs } from '@otpkit/adminjs/koa';
import type { DemoApp, DemoOptions, DemoUser } from '@otpkit/example-admin-shared';
import { openDemo } from '@otpkit/example-admin-shared';
import { createPanel } from '@otpkit/example-admin-shared/adminjs';
import { send } from '@otpkit/example-koa-admin/respond';
import { sqliteSessionStore } from '@otpkit/example-koa-admin/session-store';
import type AdminJS from 'adminjs';
import Koa from 'koa';
import session from 'koa-session';

/** The AdminJS demo on Koa: the shared parts, the app and the panel (tests enumerate it). */
export interface AdminJsKoaApp extends DemoApp {
  app: Koa;
  admin: AdminJS;
}

/**
 * Build the AdminJS demo on Koa 2.
 *
 * @example
 * ```ts
 * const demo = await createAdminJsApp({ dataDir: './data' });
 * demo.app.listen(3000);
 * ```
 */
export async function createAdminJsApp(options: DemoOptions): Promise<AdminJsKoaApp> {
  const demo = await openDemo(options);
  const admin = createPanel();
  const app = new Koa();
  app.keys = [demo.data.sessionSecret];
  app.use(
    session(
      { key: 'acme.sid', store: sqliteSessionStore(demo.sessions), maxAge: 8 * 3_600_000, sameSite: 'lax' },
      app,
    ),
  );
  const mounted = otpkit(demo.webOptions);
  app.use(mounted);
  demo.audit.subscribeWeb(mounted.web);
  app.use(async (ctx, next) => {
    if (ctx.path === '/' && ctx.method === 'GET') send(ctx, { redirect: admin.options.rootPath });
    else if (ctx.path === '/outbox' && ctx.method === 'GET' && demo.outbox)
      send(ctx, demo.site.outbox({ otp: ctx.state.otp }));
    else await next();
  });

  // AdminJS's currentAdmin, from otpkit's verified user (the demo's DemoUser).
  const currentAdmin = (user: WebUser) => {
    const { id, email, displayName, role } = user as DemoUser;
    return { id, email, title: `${displayName} (${role})` };
  };
  app.use(protectAdminJs(admin, { currentAdmin }));
  const router = buildRouter(admin, app as never);
  app.use(router.routes()).use(router.allowedMethods());
  return { ...demo, app, admin, listener: app.callback(), web: mounted.web };
}
