import { backupCodesIntroView, backupCodesView, backupCodeUsedView } from './backup-code-views.js';
import { devicesView } from './devices-view.js';
import { enrollEmailCodeView, enrollEmailView, enrollTotpView, enrollView } from './enroll-views.js';
import type { SafeHtml } from './html.js';
import { loginView } from './login-view.js';
import { confirmView, errorView, lockedView, logoutView, renameView } from './simple-views.js';
import { verifyView } from './verify-view.js';
import type { ViewContext } from './view-context.js';
import type { ViewName, ViewProps } from './view-props.js';

/**
 * Every view by name: a function from the view's props and context to HTML. The type of
 * {@link defaultViews}; a {@link RenderHook} replaces any of them.
 */
export type Views = { [N in ViewName]: (props: ViewProps[N], ctx: ViewContext) => SafeHtml };

/** otpkit's own views, by name. */
export const defaultViews: Views = {
  login: loginView,
  verify: verifyView,
  enroll: enrollView,
  'enroll-totp': enrollTotpView,
  'enroll-email': enrollEmailView,
  'enroll-email-code': enrollEmailCodeView,
  'backup-codes-intro': backupCodesIntroView,
  'backup-codes': backupCodesView,
  'backup-code-used': backupCodeUsedView,
  devices: devicesView,
  confirm: confirmView,
  rename: renameView,
  logout: logoutView,
  locked: lockedView,
  error: errorView,
};

/**
 * A host's view override: return a whole page (a string or an `html` fragment) for the views it
 * replaces, and `undefined` to keep otpkit's. Props are the same the default view gets; build the
 * page with otpkit's `html` template so that every interpolation stays escaped, and keep the
 * `_csrf` field (`ctx.csrf`) in every form.
 *
 * @example
 * ```ts
 * const render: RenderHook = (view, props, ctx) =>
 *   view === 'login' ? html`<!doctype html>…${ctx.t('login.title')}…` : undefined;
 * ```
 */
export type RenderHook = <N extends ViewName>(
  view: N,
  props: ViewProps[N],
  ctx: ViewContext,
) => string | SafeHtml | undefined | Promise<string | SafeHtml | undefined>;

/** Render a view through the host's hook, falling back to otpkit's. */
export async function renderView<N extends ViewName>(
  view: N,
  props: ViewProps[N],
  ctx: ViewContext,
  hook: RenderHook | undefined,
): Promise<string> {
  const custom = hook ? await hook(view, props, ctx) : undefined;
  if (custom !== undefined) return String(custom);
  return String((defaultViews[view] as (p: ViewProps[N], c: ViewContext) => SafeHtml)(props, ctx));
}
