/**
 * The demo admin site as a Koa app: the shared parts (examples/admin-shared) wired to Koa 3,
 * koa-session (its store on the demo's SQLite database), @koa/router and `@otpkit/adapters-koa`.
 * Separate from the script that listens, so that tests start it on port 0 with a temporary data
 * directory (and their own clock).
 */
import Router from '@koa/router';
import { otpkit } from '@otpkit/adapters-koa';
import type { DemoApp, DemoOptions } from '@otpkit/example-admin-shared';
import { openDemo } from '@otpkit/example-admin-shared';
import Koa from 'koa';
import session from 'koa-session';
import { createAdminRouter } from './admin-router.js';
import { forms, send } from './respond.js';
import { sqliteSessionStore } from './session-store.js';

/** The Koa demo: the shared parts, the app, and the admin router (tests walk it). */
export interface KoaDemoApp extends DemoApp {
  app: Koa;
  adminRouter: Router;
}

/**
 * Build the demo on Koa.
 *
 * @example
 * ```ts
 * const demo = await createDemoApp({ dataDir: './data' });
 * demo.app.listen(3000);
 * ```
 */
export async function createDemoApp(options: DemoOptions): Promise<KoaDemoApp> {
  const demo = await openDemo(options);
  const app = new Koa();
  app.keys = [demo.data.sessionSecret];
  app.use(async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) send(ctx, demo.site.notFound({ otp: ctx.state.otp }));
    } catch (error) {
      send(ctx, demo.site.error(error, { otp: ctx.state.otp }));
    }
  });
  const assets = new Router();
  const { stylesheet } = demo.site;
  assets.get(stylesheet.path, (ctx) => {
    ctx.set(stylesheet.headers);
    ctx.body = stylesheet.body;
  });
  app.use(assets.routes());
  app.use(
    session(
      { key: 'acme.sid', store: sqliteSessionStore(demo.sessions), maxAge: 8 * 3_600_000, sameSite: 'lax' },
      app,
    ),
  );
  const mounted = otpkit(demo.webOptions);
  app.use(mounted);
  demo.audit.subscribeWeb(mounted.web);

  const site = new Router();
  site.get('/', (ctx) => send(ctx, { redirect: '/admin' }));
  site.post('/logout', forms, async (ctx) => {
    await ctx.state.otp.logout();
    send(ctx, { redirect: '/auth/login' });
  });
  if (demo.outbox) site.get('/outbox', (ctx) => send(ctx, demo.site.outbox({ otp: ctx.state.otp })));
  const adminRouter = createAdminRouter(demo);
  app.use(site.routes()).use(adminRouter.routes()).use(adminRouter.allowedMethods());
  return { ...demo, app, adminRouter, listener: app.callback(), web: mounted.web };
}
