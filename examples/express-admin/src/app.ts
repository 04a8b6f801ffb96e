/**
 * The demo admin site as an Express app, separate from the script that listens, so that tests start
 * it on port 0 with a temporary data directory (and their own clock).
 */

import { otpkit, requireOtp } from '@otpkit/adapters-express';
import { isOtpError, type Otp } from '@otpkit/core';
import type { SqlStore } from '@otpkit/store-sql';
import type { OtpWeb } from '@otpkit/web';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import session from 'express-session';
import { type AuditLog, createAuditLog } from './audit.js';
import { type DataDir, openDataDir } from './data-dir.js';
import { openDatabase } from './database.js';
import { createMail, type DemoMail } from './mail.js';
import { createOtpService, SITE_NAME } from './otp-service.js';
import { checkCsrf, pageHeaders } from './page-security.js';
import { createAdminRouter } from './routes/admin-router.js';
import { SqliteSessionStore } from './session-store.js';
import { createUserDirectory, type DemoUser, type SeededLogin, type UserDirectory } from './users.js';
import { errorView, outboxView } from './views/security-views.js';

/** Options of {@link createDemoApp}. */
export interface DemoOptions {
  /** Where the database, the keyring and the seeded passwords live; created when missing. */
  dataDir: string;
  /** Send email by SMTP (`smtp://user:pass@host:587`); without it, email goes to the outbox page. */
  smtpUrl?: string | undefined;
  /** The time source of otpkit (tests move it). @default Date.now */
  clock?: () => number;
  /** Where the outbox and warnings are printed. @default console.log */
  log?: (line: string) => void;
}

/** The running parts, for the listen script and for tests. */
export interface DemoApp {
  app: Express;
  /** The router mounted at /admin behind `requireOtp()` (tests enumerate its routes). */
  adminRouter: Router;
  logins: SeededLogin[];
  data: DataDir;
  otp: Otp;
  store: SqlStore;
  web: OtpWeb;
  users: UserDirectory;
  audit: AuditLog;
  mail: DemoMail;
  close(): Promise<void>;
}

/**
 * Build the demo: open (or create) the data directory and database, seed the users, wire otpkit.
 *
 * @example
 * ```ts
 * const demo = await createDemoApp({ dataDir: './data' });
 * demo.app.listen(3000);
 * ```
 */
export async function createDemoApp(options: DemoOptions): Promise<DemoApp> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  const data = openDataDir(options.dataDir);
  const database = await openDatabase(data.databaseFile);
  const users = createUserDirectory(database.sqlite, clock);
  const logins = await users.seed(data.path);
  const audit = createAuditLog(database.sqlite, clock);
  const mail = createMail({ sqlite: database.sqlite, smtpUrl: options.smtpUrl, clock, log });
  const { otp, store } = createOtpService({
    db: database.db,
    keys: data.keys,
    primaryKey: data.primaryKey,
    mailer: mail.mailer,
    clock,
  });
  audit.subscribe(otp);
  const sessionStore = new SqliteSessionStore(database.sqlite);
  const outbox = mail.mode === 'outbox';

  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/static',
    express.static(new URL('../public/', import.meta.url).pathname, { maxAge: '1h', index: false }),
  );
  app.use(
    session({
      name: 'acme.sid',
      store: sessionStore,
      secret: data.sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 3_600_000 },
    }),
  );
  const mounted = otpkit({
    otp,
    store,
    clock,
    loadUser: (id) => users.findById(id),
    async authenticate({ username, password }) {
      const user = await users.authenticate(username, password);
      audit.record(user ? 'login.password' : 'login.password-failed', {
        userId: user?.id ?? users.findByUsername(username)?.id ?? null,
      });
      return user;
    },
    policy: (user) => ((user as DemoUser).role === 'admin' ? 'required' : 'optional'),
    afterLogin: '/admin',
    factors: ['totp', 'email'],
    trustedBrowsers: { enabled: true, days: 30 },
    notify: { mailer: mail.mailer },
    messages: { 'site.name': SITE_NAME },
    onError: (error) => log(`[otpkit] ${error instanceof Error ? error.message : String(error)}`),
  });
  app.use(mounted);
  audit.subscribeWeb(mounted.web);

  const ctxOf = (req: Request) => ({
    user: (req.otp?.user as DemoUser | null | undefined) ?? null,
    csrf: req.otp ? req.otp.csrfToken() : '',
    outbox,
  });
  app.get('/', (_req, res) => res.redirect(303, '/admin'));
  app.post('/logout', express.urlencoded({ extended: false, limit: '2kb' }), checkCsrf, async (req, res) => {
    await req.otp.logout();
    res.redirect(303, '/auth/login');
  });
  if (outbox) {
    app.get('/outbox', pageHeaders, (req, res) => {
      res.send(outboxView(ctxOf(req), { messages: mail.outbox(50) }));
    });
  }
  const adminRouter = createAdminRouter({ otp, users, audit, outbox });
  app.use('/admin', requireOtp(), adminRouter);
  app.use(pageHeaders, (req, res) => {
    res.status(404).send(errorView(ctxOf(req), { title: 'Not found', text: 'This page does not exist.' }));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // The body parser's and the router's own refusals (413, 415, 400 for a malformed body or path).
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).type('text/plain').send('The request was not understood.');
      return;
    }
    const unavailable = isOtpError(error, 'OTP_STORE_UNAVAILABLE') || isOtpError(error, 'OTP_STORE_CONFLICT');
    if (!unavailable)
      log(
        `[demo] unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    res.status(unavailable ? 503 : 500).send(
      errorView(ctxOf(req), {
        title: unavailable ? 'Briefly unavailable' : 'Something went wrong',
        text: unavailable
          ? 'The database did not answer. Try again in a moment.'
          : 'The error was logged. Try again later.',
      }),
    );
  });

  return {
    app,
    adminRouter,
    logins,
    data,
    otp,
    store,
    web: mounted.web,
    users,
    audit,
    mail,
    async close() {
      sessionStore.close();
      await database.close();
    },
  };
}
