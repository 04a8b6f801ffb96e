/**
 * AdminJS on Express behind otpkit: the demo's users, sessions and otpkit service
 * (examples/admin-shared), its AdminJS panel, and `protectAdminJs` in front of the panel's router.
 * otpkit owns the login (password, forced enrollment for administrators, the code step, step-up),
 * AdminJS gets `currentAdmin` from otpkit's verified user. Separate from the script that listens,
 * so that tests start it on port 0 with a temporary data directory and their own clock.
 */
import { buildRouter } from '@adminjs/express';
import { otpkit, type WebUser } from '@otpkit/adapters-express';
import { protectAdminJs } from '@otpkit/adminjs/express';
import type { DemoApp, DemoOptions, DemoUser } from '@otpkit/example-admin-shared';
import { openDemo } from '@otpkit/example-admin-shared';
import { createPanel } from '@otpkit/example-admin-shared/adminjs';
import { send } from '@otpkit/example-express-admin/respond';
import { SqliteSessionStore } from '@otpkit/example-express-admin/session-store';
import { type default as AdminJS, Router as AdminJsRouter } from 'adminjs';
import express, { type Express } from 'express';
import session from 'express-session';

/** The AdminJS demo on Express: the shared parts, the app and the panel (tests enumerate it). */
export interface AdminJsExpressApp extends DemoApp {
  app: Express;
  admin: AdminJS;
}

/**
 * Build the AdminJS demo on Express.
 *
 * @example
 * ```ts
 * const demo = await createAdminJsApp({ dataDir: './data' });
 * demo.app.listen(3000);
 * ```
 */
export async function createAdminJsApp(options: DemoOptions): Promise<AdminJsExpressApp> {
  const demo = await openDemo(options);
  const admin = createPanel();
  const app = express();
  app.disable('x-powered-by');
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
  app.get('/', (_req, res) => res.redirect(303, admin.options.rootPath));
  if (demo.outbox) app.get('/outbox', (req, res) => send(res, demo.site.outbox({ otp: req.otp })));

  // @adminjs/express sends AdminJS's assets with res.sendFile, which refuses a path through a dot
  // folder (pnpm's node_modules/.pnpm/): the same routes first, allowing it.
  const panel = express.Router();
  for (const asset of AdminJsRouter.assets) {
    panel.get(asset.path, (_req, res) => res.sendFile(asset.src, { dotfiles: 'allow' }));
  }
  // AdminJS's currentAdmin, from otpkit's verified user (the demo's DemoUser).
  const currentAdmin = (user: WebUser) => {
    const { id, email, displayName, role } = user as DemoUser;
    return { id, email, title: `${displayName} (${role})` };
  };
  app.use(admin.options.rootPath, protectAdminJs(admin, { currentAdmin }), buildRouter(admin, panel));
  return { ...demo, app, admin, listener: app, web: mounted.web };
}
