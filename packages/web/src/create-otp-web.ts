import type { DeviceInfo } from '@otpkit/core';
import { createWebEvents, type OtpWebEventHub } from './engine/events.js';
import { type GuardOptions, guardOutcome, resetPendingOnLeave } from './engine/guard.js';
import { handleOwnRoute, outcomeOfError, ownPath } from './engine/handle.js';
import { createDeviceNames, createNotifier, subscribeNotifications } from './engine/notifications.js';
import type { Outcome } from './engine/outcome.js';
import { RequestContext } from './engine/request-context.js';
import { respond } from './engine/respond.js';
import { buildRoutes } from './engine/routes.js';
import type { WebCore } from './engine/web-core.js';
import { beginLogin } from './flows/complete-login.js';
import { logout } from './flows/logout.js';
import type { WebRequest } from './http/request.js';
import type { WebResponse } from './http/response.js';
import { problemOf } from './http/status-map.js';
import { parseWebOptions, type ResolvedWebOptions, type WebOptions, type WebUser } from './options.js';
import { checkCsrf } from './security/csrf.js';
import { type LoginMethod, loginMethodOf, type SessionPort } from './session/session-port.js';
import { TRUSTED_BROWSER } from './tokens/trusted-browser.js';
import { createTranslate } from './views/messages.js';

/**
 * What a host's code sees of otpkit on each request (`req.otp` in Express, `ctx.state.otp` in Koa).
 */
export interface OtpRequestApi {
  /** `anonymous`, `pending` (password done, second step not) or `complete`. */
  readonly state: 'anonymous' | 'pending' | 'complete';
  /** The signed-in user once the login is complete; null before. */
  readonly user: WebUser | null;
  /** The device verified at login (null for a trusted browser or an exempt login). */
  readonly device: Pick<DeviceInfo, 'id' | 'kind' | 'name'> | null;
  /**
   * How the login completed: `'code'`, `'trusted-browser'` (no code was asked) or `'exempt'` (the
   * policy let the user in without a second factor); null until the login is complete.
   */
  readonly method: LoginMethod | null;
  /** True when this session's login was completed with a second factor. */
  isVerified(): boolean;
  /**
   * The session's CSRF token (the one otpkit's own forms carry), created when the session has none:
   * put it in the host's forms as `_csrf`, or send it as `X-CSRF-Token`. It changes when a login
   * completes and at logout (a new session).
   */
  csrfToken(): string;
  /**
   * Check a state-changing request of the host, as otpkit checks its own: `value` (the posted
   * `_csrf`; when it is not a string, the `X-CSRF-Token` header is read) must equal the session's
   * token (compared in constant time), and the request must come from this site (`Sec-Fetch-Site`,
   * else `Origin`, against the host and `trustedOrigins`). False means refuse it (403).
   */
  checkCsrf(value: unknown): boolean;
  /**
   * The host's own login checked the password: start otpkit's second step for this user. Resolves
   * where to send the browser (the code step, enrollment, or `next` when no factor is needed).
   */
  beginLogin(user: WebUser, options?: { next?: string }): Promise<string>;
  /** Sign out: a new, empty session. */
  logout(): Promise<void>;
}

/** One request, as an adapter drives it. */
export interface OtpRequest {
  readonly api: OtpRequestApi;
  /** Answer the request when it is one of otpkit's routes; null when it is not. */
  handle(): Promise<WebResponse | null>;
  /** Guard a host route: null lets it through, else the response (a redirect, a 401/403 in JSON). */
  guard(options?: GuardOptions): Promise<WebResponse | null>;
}

/** The web layer: build it once, hand each request to {@link OtpWeb.request}. */
export interface OtpWeb {
  readonly options: ResolvedWebOptions;
  /** Open a request: parses it and reads the session's login state. */
  request(request: WebRequest, session: SessionPort): Promise<OtpRequest>;
  /**
   * What happens to logins (`login.completed`, `browser.trusted`, `browser.revoked`, `step-up`,
   * `logout`, `pending.abandoned`), for an audit log. A listener that throws never breaks a request.
   */
  readonly events: OtpWebEventHub;
  /**
   * The host changed a user's password: every browser that user trusted must enter a code again.
   * Resolves how many trusted browsers were revoked.
   */
  passwordChanged(userId: string): Promise<number>;
}

/**
 * Create otpkit's framework-free web layer: login (password step or the host's own), the second
 * step, enrollment, management, step-up, trusted browsers, and the guard, over a neutral request and
 * a session port. The Express and Koa adapters translate their requests into it.
 *
 * @example
 * ```ts
 * const web = createOtpWeb({
 *   otp, store,
 *   loadUser: (id) => users.findById(id),
 *   authenticate: async ({ username, password }) => users.checkPassword(username, password),
 *   policy: (user) => (user.isAdmin ? 'required' : 'optional'),
 * });
 * const request = await web.request(neutralRequest, sessionPort);
 * const response = (await request.handle()) ?? (await request.guard());
 * ```
 */
export function createOtpWeb(input: WebOptions): OtpWeb {
  const options = parseWebOptions(input);
  const t = createTranslate(options.messages as never);
  const locale = t('site.locale');
  const timeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const notify = createNotifier(options, t);
  const deviceNames = createDeviceNames();
  const events = createWebEvents(options.onError);
  subscribeNotifications(options.otp, options, t, notify, deviceNames);
  const core: WebCore = {
    options,
    t,
    formatTime: (ms) => t('site.time', { time: timeFormat.format(ms) }),
    path: (route) => `${options.basePath}${route}`,
    notify,
    deviceNames,
    events,
  };
  const routes = buildRoutes(options);

  async function request(raw: WebRequest, session: SessionPort): Promise<OtpRequest> {
    const ctx = new RequestContext(core, raw, session);
    const relative = ownPath(ctx.req.path, options.basePath);
    // A failing store leaves the request anonymous (fail closed); the guard answers it with a 503.
    let unavailable: unknown = null;
    if (relative === null) {
      try {
        await ctx.resolve();
        await resetPendingOnLeave(ctx);
      } catch (error) {
        problemOf(error);
        unavailable = error;
      }
    }
    const api: OtpRequestApi = {
      get state() {
        return ctx.state.type;
      },
      get user() {
        return ctx.state.type === 'complete' ? ctx.state.user : null;
      },
      get device() {
        if (ctx.state.type !== 'complete' || !ctx.state.login.deviceId) return null;
        const { deviceId, deviceKind, deviceName } = ctx.state.login;
        return { id: deviceId, kind: deviceKind ?? '', name: deviceName ?? '' };
      },
      get method() {
        return ctx.state.type === 'complete' ? loginMethodOf(ctx.state.login) : null;
      },
      isVerified: () => ctx.state.type === 'complete' && ctx.state.login.level === 'verified',
      csrfToken: () => ctx.csrfToken(),
      checkCsrf: (value) => checkCsrf(ctx.req, value, ctx.sessionData.csrf, options.trustedOrigins) === null,
      async beginLogin(user, loginOptions = {}) {
        const outcome = await beginLogin(ctx, user, loginOptions.next);
        return outcome.kind === 'redirect' ? outcome.to : options.afterLogin;
      },
      async logout() {
        await logout(ctx);
      },
    };
    return {
      api,
      handle: async () => (relative === null ? null : handleOwnRoute(ctx, routes, relative)),
      async guard(guardOptions = {}) {
        let outcome: Outcome | null;
        try {
          if (unavailable) throw unavailable;
          outcome = await guardOutcome(ctx, guardOptions);
        } catch (error) {
          outcome = outcomeOfError(error);
        }
        // A request let through costs nothing more: no response is built for it.
        return outcome === null ? null : respond(ctx, outcome);
      },
    };
  }

  return {
    options,
    request,
    events,
    async passwordChanged(userId) {
      const count = await options.store.deleteTokens({ userId, type: TRUSTED_BROWSER });
      if (count > 0) events.emit('browser.revoked', { userId, count });
      return count;
    },
  };
}
