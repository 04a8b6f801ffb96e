/**
 * @otpkit/adapters-express: otpkit's web layer on Express 4 and 5 with express-session. Translation
 * only: every decision (routes, statuses, sessions, CSRF, views) is made in @otpkit/web.
 */

import type { GuardOptions, OtpRequest, OtpRequestApi, OtpWeb, WebOptions, WebResponse } from '@otpkit/web';
import { createOtpWeb, hostSessionPort, nodeWebRequest, parseGuardOptions } from '@otpkit/web';
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

function sessionPort(req: Request) {
  return hostSessionPort({
    current: () => sessionOf(req),
    dataKeys: (session) => Object.keys(session).filter((key) => key !== 'cookie'),
    regenerate: () =>
      new Promise<void>((resolve, reject) => {
        sessionOf(req).regenerate((error) => (error ? reject(error) : resolve()));
      }),
  });
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
        nodeWebRequest(req, {
          url: req.originalUrl,
          secure: req.secure,
          ip: req.ip,
          parsedBody: (req as { body?: unknown }).body,
        }),
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
 * verification within the last `stepUpMs`; `verified: true` admits only a login completed with a
 * second factor (an exempt user is sent to enrollment), as an admin panel wants.
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
