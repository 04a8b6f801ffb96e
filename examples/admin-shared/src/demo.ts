/**
 * The demo admin site without its framework: the data directory, the database, the users, the
 * audit log, the mailer, otpkit's service and the options of its web layer, the sessions table and
 * the admin panel's routes. `examples/express-admin` and `examples/koa-admin` wire it to their
 * framework and nothing else.
 */
import type { Otp } from '@otpkit/core';
import type { SqlStore } from '@otpkit/store-sql';
import type { OtpRequestApi, OtpWeb, WebOptions } from '@otpkit/web';
import { type AdminRoute, adminRoutes, pageContext } from './admin-pages.js';
import { type AuditLog, createAuditLog } from './audit.js';
import { type DataDir, openDataDir } from './data-dir.js';
import { openDatabase } from './database.js';
import { createMail, type DemoMail } from './mail.js';
import { createOtpService, SITE_NAME } from './otp-service.js';
import { createSessionTable, type SessionTable } from './session-table.js';
import { errorPage, notFoundPage, outboxPage, type SiteResponse, STYLESHEET } from './site-pages.js';
import { createUserDirectory, type DemoUser, type SeededLogin, type UserDirectory } from './users.js';

/** Options of {@link openDemo} (and of each demo's app factory). */
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

/** A request as the site's pages need it: otpkit's view of it (missing when otpkit did not run). */
export interface SiteRequest {
  otp?: OtpRequestApi | undefined;
}

/** The framework-free parts, open. */
export interface Demo {
  logins: SeededLogin[];
  data: DataDir;
  otp: Otp;
  store: SqlStore;
  users: UserDirectory;
  audit: AuditLog;
  mail: DemoMail;
  /** The development outbox is on (no SMTP_URL). */
  outbox: boolean;
  sessions: SessionTable;
  /** The options of `otpkit(…)`: the same in every demo. */
  webOptions: WebOptions;
  /** The admin panel's routes, for the demo's router. */
  adminRoutes: AdminRoute[];
  /** The site's pages outside the admin panel. */
  site: {
    stylesheet: typeof STYLESHEET;
    outbox(request: SiteRequest): SiteResponse;
    notFound(request: SiteRequest): SiteResponse;
    error(error: unknown, request: SiteRequest): SiteResponse;
  };
  log(line: string): void;
  close(): Promise<void>;
}

/** A demo wired to its framework: what tests and the listen script use. */
export interface DemoApp extends Demo {
  /** The app as a Node.js request listener. */
  listener: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  /** otpkit's web layer, as the adapter built it. */
  web: OtpWeb;
}

/**
 * Open the demo: the data directory and database (created on the first start), the seeded users,
 * otpkit's service and the options of its web layer.
 *
 * @example
 * ```ts
 * const demo = await openDemo({ dataDir: './data' });
 * app.use(otpkit(demo.webOptions));
 * ```
 */
export async function openDemo(options: DemoOptions): Promise<Demo> {
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
  // Sessions expire by the wall clock, like the cookies that carry them.
  const sessions = createSessionTable(database.sqlite);
  const outbox = mail.mode === 'outbox';
  const webOptions: WebOptions = {
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
  };
  return {
    logins,
    data,
    otp,
    store,
    users,
    audit,
    mail,
    outbox,
    sessions,
    webOptions,
    adminRoutes: adminRoutes({ otp, users, audit, outbox }),
    site: {
      stylesheet: STYLESHEET,
      outbox: (request) => outboxPage(pageContext(request, outbox), mail),
      notFound: (request) => notFoundPage(pageContext(request, outbox)),
      error: (error, request) => errorPage(error, pageContext(request, outbox), log),
    },
    log,
    async close() {
      sessions.close();
      await database.close();
    },
  };
}
