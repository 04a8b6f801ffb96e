/**
 * The demo admin site as an Express app: the shared parts (examples/admin-shared) wired to Express
 * 5, express-session and `@otpkit/adapters-express`. Separate from the script that listens, so that
 * tests start it on port 0 with a temporary data directory (and their own clock).
 */
import { otpkit, requireOtp } from '@otpkit/adapters-express';
import type { DemoApp, DemoOptions } from '@otpkit/example-admin-shared';
import { openDemo } from '@otpkit/example-admin-shared';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import session from 'express-session';
import { createAdminRouter } from './admin-router.js';
import { forms, send } from './respond.js';
import { SqliteSessionStore } from './session-store.js';

/** The Express demo: the shared parts, the app, and the admin router (tests walk it). */
export interface ExpressDemoApp extends DemoApp {
  app: Express;
  adminRouter: Router;
}

/**
 * Build the demo on Express.
 *
 * @example
 * ```ts
 * const demo = await createDemoApp({ dataDir: './data' });
 * demo.app.listen(3000);
 * ```
 */
export async function createDemoApp(options: DemoOptions): Promise<ExpressDemoApp> {
  const demo = await openDemo(options);
  const app = express();
  app.disable('x-powered-by');
  const { stylesheet } = demo.site;
  app.get(stylesheet.path, (_req, res) => {
    res.set(stylesheet.headers).send(stylesheet.body);
  });
  app.use(
    session({
      name: 'acme.sid',
      store: new SqliteSessionStore(demo.sessions),
      secret: demo.data.sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 3_600_000 },
    }),
  );
  const mounted = otpkit(demo.webOptions);
  app.use(mounted);
  demo.audit.subscribeWeb(mounted.web);

  app.get('/', (_req, res) => res.redirect(303, '/admin'));
  app.post('/logout', ...forms, async (req, res) => {
    await req.otp.logout();
    res.redirect(303, '/auth/login');
  });
  if (demo.outbox) app.get('/outbox', (req, res) => send(res, demo.site.outbox({ otp: req.otp })));
  const adminRouter = createAdminRouter(demo);
  app.use('/admin', requireOtp(), adminRouter);
  app.use((req: Request, res: Response) => send(res, demo.site.notFound({ otp: req.otp })));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    send(res, demo.site.error(error, { otp: req.otp }));
  });
  return { ...demo, app, adminRouter, listener: app, web: mounted.web };
}
