/**
 * @otpkit/adapters-express: otpkit's web layer on Express 4 and 5 with express-session. Translation
 * only: every decision (routes, statuses, sessions, CSRF, views) is made in @otpkit/web.
 */
import {
  createOtpWeb,
  type GuardOptions,
  OTPKIT_SESSION_KEY,
  type OtpRequest,
  type OtpRequestApi,
  type OtpWeb,
  parseGuardOptions,
  readNodeBody,
  type SessionPort,
  type WebOptions,
  type WebResponse,
} from '@otpkit/web';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Session } from 'express-session';

declare global {
  namespace Express {
    interface Request {
      /** otpkit's view of this request, set by the `otpkit()` middleware. */
      otp: OtpRequestApi;
    }
  }
}

const HANDLE = Symbol.for('otpkit.express.request');
type WithHandle = Request & { [HANDLE]?: OtpRequest };
type SessionRecord = Session & Record<string, unknown>;

/** Options of {@link otpkit}: the options of `createOtpWeb` from @otpkit/web. */
export type OtpkitExpressOptions = WebOptions;

/** The middleware `otpkit()` returns, with the web layer it drives (for `passwordChanged`). */
export type OtpkitMiddleware = RequestHandler & { readonly web: OtpWeb };

function sessionOf(req: Request): SessionRecord {
  const session = req.session as SessionRecord | undefined;
  if (!session) throw new Error('otpkit: mount express-session before otpkit()');
  return session;
}

function sessionPort(req: Request): SessionPort {
  return {
    get: () => sessionOf(req)[OTPKIT_SESSION_KEY],
    set(value) {
      const session = sessionOf(req);
      if (value === undefined) delete session[OTPKIT_SESSION_KEY];
      else session[OTPKIT_SESSION_KEY] = value;
    },
    regenerate: ({ keepHostData }) =>
      new Promise<void>((resolve, reject) => {
        const kept = Object.entries(sessionOf(req)).filter(
          ([key]) => keepHostData && key !== 'cookie' && key !== OTPKIT_SESSION_KEY,
        );
        sessionOf(req).regenerate((error) => {
          if (error) return reject(error);
          Object.assign(sessionOf(req), Object.fromEntries(kept));
          resolve();
        });
      }),
  };
}

function send(res: Response, response: WebResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (response.cookies.length > 0) res.append('Set-Cookie', response.cookies);
  res.end(response.body ?? undefined);
}

/**
 * Mount otpkit: its routes under `basePath` (default `/auth`) and `req.otp` on every request.
 * Mount it once, at the application's root, after express-session and before the routes it
 * guards. It reads the bodies of its own routes only (with a size limit) and leaves every other
 * request's body untouched.
 *
 * @example
 * ```ts
 * app.use(session({ secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, sameSite: 'lax' } }));
 * app.use(otpkit({ otp, store, loadUser, authenticate }));
 * app.use('/admin', requireOtp(), adminRouter);
 * ```
 */
export function otpkit(options: OtpkitExpressOptions): OtpkitMiddleware {
  const web = createOtpWeb(options);
  async function otpkitMiddleware(req: Request, res: Response, next: NextFunction) {
    try {
      sessionOf(req);
      const handle = await web.request(
        {
          method: req.method,
          url: req.originalUrl,
          headers: req.headers,
          secure: req.secure,
          ip: req.ip,
          readBody: (limit) => readNodeBody(req, limit),
          parsedBody: (req as { body?: unknown }).body,
        },
        sessionPort(req),
      );
      (req as WithHandle)[HANDLE] = handle;
      req.otp = handle.api;
      const response = await handle.handle();
      if (response) send(res, response);
      else next();
    } catch (error) {
      next(error);
    }
  }
  return Object.assign(otpkitMiddleware, { web });
}

/**
 * Guard any router or route: only a session whose otpkit login is complete (a verified second
 * factor, or a user the policy exempts) gets through; others are redirected to the login, the
 * second step or enrollment (JSON clients get 401/403). `stepUp: true` also asks for a
 * verification within the last `stepUpMs`.
 *
 * @example
 * ```ts
 * app.use('/admin', requireOtp(), adminRouter);
 * app.use('/admin/users', requireOtp({ stepUp: true }), usersRouter);
 * ```
 */
export function requireOtp(options?: GuardOptions): RequestHandler {
  const parsed = parseGuardOptions(options, 'requireOtp');
  return async function requireOtp(req: Request, res: Response, next: NextFunction) {
    try {
      const handle = (req as WithHandle)[HANDLE];
      if (!handle) throw new Error('otpkit: mount otpkit() before requireOtp()');
      const response = await handle.guard(parsed);
      if (response) send(res, response);
      else next();
    } catch (error) {
      next(error);
    }
  };
}

export type { GuardOptions, OtpRequestApi, WebOptions, WebUser } from '@otpkit/web';
