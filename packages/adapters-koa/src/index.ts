/**
 * @otpkit/adapters-koa: otpkit's web layer on Koa 2 and 3 with koa-session. Translation only: every
 * decision (routes, statuses, sessions, CSRF, views) is made in @otpkit/web.
 */

import type { GuardOptions, OtpRequest, OtpRequestApi, OtpWeb, WebOptions, WebResponse } from '@otpkit/web';
import { createOtpWeb, hostSessionPort, nodeWebRequest, parseGuardOptions } from '@otpkit/web';
import type { Context, Middleware, Next } from 'koa';

declare module 'koa' {
  interface DefaultState {
    /** otpkit's view of this request, set by the `otpkit()` middleware. */
    otp: OtpRequestApi;
  }
}

/** The state `otpkit()` sets, for apps and routers typed with their own state (`new Router<OtpkitState>()`). */
export interface OtpkitState {
  otp: OtpRequestApi;
}

/** Options of {@link otpkit}: the options of `createOtpWeb` from @otpkit/web. */
export type OtpkitKoaOptions = WebOptions;

/** The middleware `otpkit()` returns, with the web layer it drives (for `passwordChanged`). */
export type OtpkitMiddleware = Middleware & { readonly web: OtpWeb };

/** koa-session's session object, as far as otpkit uses it. */
interface KoaSession extends Record<string, unknown> {
  readonly externalKey?: string | undefined;
  toJSON(): Record<string, unknown>;
  regenerate(): Promise<void>;
}

const HANDLE = Symbol.for('otpkit.koa.request');
type WithHandle = Context & { [HANDLE]?: OtpRequest };

function sessionOf(ctx: Context): KoaSession {
  const session = (ctx as { session?: KoaSession | null }).session;
  if (!session) throw new Error('otpkit: mount koa-session before otpkit()');
  // Without a store koa-session keeps the data in the cookie: a copied cookie would outlive logout.
  if (typeof session.externalKey !== 'string') {
    throw new Error('otpkit: give koa-session an external `store` (see docs/koa.md)');
  }
  return session;
}

function sessionPort(ctx: Context) {
  return hostSessionPort({
    current: () => sessionOf(ctx),
    dataKeys: (session) => Object.keys((session as KoaSession).toJSON()),
    regenerate: () => sessionOf(ctx).regenerate(),
  });
}

function send(ctx: Context, response: WebResponse): void {
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
  for (const cookie of response.cookies) ctx.append('Set-Cookie', cookie);
  // Koa turns a null body into a 204 unless the status is set after it.
  ctx.body =
    typeof response.body === 'string' || response.body === null ? response.body : Buffer.from(response.body);
  ctx.status = response.status;
}

function requestOf(ctx: Context): OtpRequest {
  const handle = (ctx as WithHandle)[HANDLE];
  if (!handle) throw new Error('otpkit: mount otpkit() before requireOtp()');
  return handle;
}

/**
 * Mount otpkit: its routes under `basePath` (default `/auth`) and `ctx.state.otp` on every request.
 * Mount it once, on the application, after koa-session (with an external store) and before the
 * routers it guards. It reads the bodies of its own routes only (with a size limit) and leaves
 * every other request's body untouched.
 *
 * @example
 * ```ts
 * app.keys = [process.env.SESSION_KEY!];
 * app.use(session({ store: sessionStore, httpOnly: true, sameSite: 'lax' }, app));
 * app.use(otpkit({ otp, store, loadUser, authenticate }));
 * app.use(adminRouter.routes());
 * ```
 */
export function otpkit(options: OtpkitKoaOptions): OtpkitMiddleware {
  const web = createOtpWeb(options);
  async function otpkitMiddleware(ctx: Context, next: Next) {
    const request = nodeWebRequest(ctx.req, {
      url: ctx.originalUrl,
      secure: ctx.secure,
      ip: ctx.ip,
      parsedBody: (ctx.request as { body?: unknown }).body,
    });
    const handle = await web.request(request, sessionPort(ctx));
    (ctx as WithHandle)[HANDLE] = handle;
    ctx.state.otp = handle.api;
    const response = await handle.handle();
    if (response) send(ctx, response);
    else await next();
  }
  return Object.assign(otpkitMiddleware, { web });
}

/**
 * Guard a router or a route: only a session whose otpkit login is complete (a verified second
 * factor, or a user the policy exempts) gets through; others are redirected to the login, the
 * second step or enrollment (JSON clients get 401/403). `stepUp: true` also asks for a
 * verification within the last `stepUpMs`; `verified: true` admits only a login completed with a
 * second factor (an exempt user is sent to enrollment), as an admin panel wants.
 *
 * @example
 * ```ts
 * adminRouter.use(requireOtp());
 * adminRouter.get('/users/:id/delete', requireOtp({ stepUp: true }), deleteUser);
 * ```
 */
export function requireOtp(options?: GuardOptions): Middleware {
  const parsed = parseGuardOptions(options, 'requireOtp');
  return async function requireOtp(ctx: Context, next: Next) {
    const response = await requestOf(ctx).guard(parsed);
    if (response) send(ctx, response);
    else await next();
  };
}

export type { GuardOptions, OtpRequestApi, WebOptions, WebUser } from '@otpkit/web';
