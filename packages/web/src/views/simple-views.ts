import { alertBox, button, postForm, textField } from './components.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { ViewContext } from './view-context.js';
import type { ViewProps } from './view-props.js';

/** A confirmation before a change: each change has a page, so step-up can return to it. */
export function confirmView(props: ViewProps['confirm'], ctx: ViewContext) {
  const body = html`${props.body ? html`<p>${props.body}</p>` : ''}
<div class="otp-actions">
${postForm(ctx, props.action, button(props.button, props.danger ? 'danger' : 'primary'), 'otp-inline')}
<a class="otp-button otp-secondary" href="${props.cancel}">${ctx.t('action.cancel')}</a>
</div>`;
  return layout(ctx, { title: props.title, body });
}

/** Rename a method. */
export function renameView(props: ViewProps['rename'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const action = `${basePath}/devices/${encodeURIComponent(props.deviceId)}/rename`;
  const body = html`${alertBox(props.error)}
${postForm(
  ctx,
  action,
  html`${textField(ctx, { name: 'name', label: 'field.deviceName', value: props.name, autofocus: true, maxlength: 64, error: Boolean(props.error) })}
<div class="otp-actions">${button(t('action.save'))}<a class="otp-button otp-secondary" href="${basePath}/devices">${t('action.cancel')}</a></div>`,
)}`;
  return layout(ctx, { title: t('rename.title', { name: props.currentName }), body });
}

/** Sign out (a GET shows this form; only the POST signs out). */
export function logoutView(_props: ViewProps['logout'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const body = html`<p>${t('logout.body', { site: t('site.name') })}</p>
${postForm(ctx, `${basePath}/logout`, button(t('action.signOut')))}
<p class="otp-back"><a href="${ctx.homeUrl}">${t('action.backToSite', { site: t('site.name') })}</a></p>`;
  return layout(ctx, { title: t('logout.title'), body });
}

/** Verification is locked: what happened and how to get unlocked. */
export function lockedView(props: ViewProps['locked'], ctx: ViewContext) {
  const { t } = ctx;
  const body = html`<div class="otp-alert" role="alert">${t('locked.body')}</div>
<p>${t('locked.howTo')}</p>
<p><code class="otp-key">otpkit unlock ${props.userId}</code></p>
<p>${t('locked.contact')}</p>
${postForm(ctx, `${ctx.basePath}/logout`, button(t('action.signOut'), 'secondary'))}`;
  return layout(ctx, { title: t('locked.title'), body });
}

/** Any refused request: the status's message, and a way back (to `back`, else the host's home). */
export function errorView(props: ViewProps['error'], ctx: ViewContext) {
  const { t } = ctx;
  const body = html`${alertBox(props.message)}
${
  props.back
    ? html`<p><a href="${props.back}">${t('action.continue')}</a></p>`
    : html`<p class="otp-back"><a href="${ctx.homeUrl}">${t('action.backToSite', { site: t('site.name') })}</a></p>`
}`;
  return layout(ctx, { title: ctx.t('error.title'), body });
}
