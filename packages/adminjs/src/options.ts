import { parseOptions } from '@otpkit/core';
import type { WebUser } from '@otpkit/web';
import { z } from 'zod';

/**
 * What AdminJS shows of the signed-in administrator (`currentAdmin`, its `CurrentAdmin`): the
 * email, a title under it, an avatar. AdminJS passes it to `isAccessible` and `before` hooks.
 */
export interface AdminJsCurrentAdmin {
  email: string;
  id?: string;
  title?: string;
  avatarUrl?: string;
  theme?: string;
  [key: string]: unknown;
}

/** The parts of an AdminJS instance otpkit reads: its paths (an `AdminJS` is one). */
export interface AdminJsPanel {
  options: { rootPath: string; loginPath: string; logoutPath: string };
}

const fn = <T>(name: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `expected ${name} to be a function` });
const sitePath = z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site starting with one /');

/**
 * Options of `protectAdminJs` (Express and Koa), checked once when it is created.
 *
 * @example
 * ```ts
 * protectAdminJsOptionsSchema.parse({ logoutUrl: '/account/logout' });
 * ```
 */
export const protectAdminJsOptionsSchema = z
  .object({
    /**
     * AdminJS's `currentAdmin` for otpkit's verified user.
     * @default the user's email (else username, else id) and display name
     */
    currentAdmin: fn<(user: WebUser) => AdminJsCurrentAdmin>('currentAdmin').optional(),
    /** Where AdminJS's "Log out" goes: otpkit's sign-out page (a button, not a GET). @default '/auth/logout' */
    logoutUrl: sitePath.default('/auth/logout'),
    /** Ask for a verification within otpkit's `stepUpMs` for the whole panel. @default false */
    stepUp: z.boolean().default(false),
  })
  .strict();

/** Options of `protectAdminJs`. */
export type ProtectAdminJsOptions = z.input<typeof protectAdminJsOptionsSchema>;

/** What a request under the panel's paths is, for otpkit. */
export type PanelRequest = 'login' | 'logout' | 'panel' | 'outside';

/** The options parsed, and the panel's paths read once. */
export interface PanelGuard {
  readonly logoutUrl: string;
  readonly stepUp: boolean;
  /** Which of the panel's requests a path (without its query) is. */
  classify(path: string): PanelRequest;
  /** AdminJS's `currentAdmin` for otpkit's verified user (the option, or the default). */
  currentAdmin(user: WebUser): AdminJsCurrentAdmin;
}

function defaultCurrentAdmin(user: WebUser): AdminJsCurrentAdmin {
  const title = user.displayName ?? user.username;
  return { id: user.id, email: user.email ?? user.username ?? user.id, ...(title ? { title } : {}) };
}

// Routers match paths case-insensitively (Express, @koa/router) and with a trailing slash.
const trim = (path: string) =>
  (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toLowerCase();

/**
 * Read an AdminJS instance's paths and parse the options, once. A path under `rootPath` (or its
 * `loginPath`, `logoutPath`) is the panel's; AdminJS's own login and logout become otpkit's.
 *
 * @example
 * ```ts
 * const guard = panelGuard(admin, { logoutUrl: '/auth/logout' }, 'protectAdminJs');
 * guard.classify('/admin/api/dashboard'); // 'panel'
 * ```
 */
export function panelGuard(
  admin: AdminJsPanel,
  input: ProtectAdminJsOptions | undefined,
  scope: string,
): PanelGuard {
  if (!admin || typeof admin !== 'object' || typeof admin.options?.rootPath !== 'string') {
    throw new TypeError(`${scope}: expected an AdminJS instance as the first argument`);
  }
  const options = parseOptions(protectAdminJsOptionsSchema, input ?? {}, scope);
  const root = trim(admin.options.rootPath);
  const login = trim(admin.options.loginPath);
  const logout = trim(admin.options.logoutPath);
  return {
    logoutUrl: options.logoutUrl,
    stepUp: options.stepUp,
    classify(path) {
      const p = trim(path);
      if (p === login) return 'login';
      if (p === logout) return 'logout';
      if (root === '/' || p === root || p.startsWith(`${root}/`)) return 'panel';
      return 'outside';
    },
    currentAdmin: options.currentAdmin ?? defaultCurrentAdmin,
  };
}

/**
 * Hand AdminJS its `currentAdmin` for this request only: a property of the session that is not
 * enumerable, so the session store never saves it (AdminJS reads `session.adminUser`).
 *
 * @example
 * ```ts
 * lendCurrentAdmin(req.session, guard.currentAdmin(req.otp.user!));
 * ```
 */
export function lendCurrentAdmin(session: object, admin: AdminJsCurrentAdmin): void {
  Object.defineProperty(session, 'adminUser', { value: admin, enumerable: false, configurable: true });
}

/**
 * A state-changing request that another site's page sent, as the browser's `Sec-Fetch-Site` says
 * (a page cannot forge it). AdminJS's API has no CSRF token of its own: such a request is refused
 * (403) before it reaches the panel, whatever the cookie's SameSite.
 *
 * @example
 * ```ts
 * crossSiteWrite('POST', req.get('sec-fetch-site')); // true for 'cross-site' and 'same-site'
 * ```
 */
export function crossSiteWrite(method: string, fetchSite: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD' || fetchSite === undefined) return false;
  return fetchSite !== 'same-origin' && fetchSite !== 'none';
}

/** The body of that refusal. */
export const CROSS_SITE_REFUSAL = 'Forbidden: a change to the admin panel sent from another site';
