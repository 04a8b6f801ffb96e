import { button, hidden, noticeBox, postForm } from './components.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { MessageKey } from './messages.js';
import type { ViewContext } from './view-context.js';
import type { ViewProps } from './view-props.js';

/**
 * What backup codes stand in for, by the user's methods: a lost phone for an authenticator app, an
 * inbox out of reach for email, "your usual method" for anything else or a mix.
 */
export function backupIntroKey(methods: readonly string[]): MessageKey {
  const kinds = new Set(methods);
  if (kinds.size !== 1) return 'backupCodes.intro';
  if (kinds.has('totp')) return 'backupCodes.intro.app';
  if (kinds.has('email')) return 'backupCodes.intro.email';
  return 'backupCodes.intro';
}

/** Before showing codes: what they are for; one button creates (or replaces) them. */
export function backupCodesIntroView(props: ViewProps['backup-codes-intro'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const body = html`${noticeBox(ctx)}<p>${t(backupIntroKey(props.methods))}</p>
${props.hasCodes ? html`<p class="otp-warning">${t('backupCodes.replaces')}</p>` : ''}
${postForm(ctx, `${basePath}/backup-codes`, html`${hidden('next', props.next)}${button(t('action.showBackupCodes'))}`)}
<p><a href="${props.next}">${t('action.later')}</a></p>`;
  return layout(ctx, { title: t('backupCodes.title'), body });
}

/** The codes, shown once: copy (with JavaScript), download as a text file, continue. */
export function backupCodesView(props: ViewProps['backup-codes'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const body = html`<div class="otp-warning" role="status">${t('backupCodes.shownOnce')}</div>
<p>${t(backupIntroKey(props.methods))}</p>
<ol class="otp-codes" id="otp-codes" role="list">${props.codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
<div class="otp-actions">
<button type="button" class="otp-button otp-secondary" data-otp-copy="otp-codes" data-otp-copied="${t('action.copied')}" hidden>${t('action.copy')}</button>
${postForm(
  ctx,
  `${basePath}/backup-codes/download`,
  html`${props.codes.map((code) => hidden('codes', code))}${button(t('action.download'), 'secondary')}`,
  'otp-inline',
)}
</div>
<p><a class="otp-button otp-primary" href="${props.next}">${t('action.continue')}</a></p>`;
  return layout(ctx, { title: t('backupCodes.title'), body });
}

/** After a login with a backup code: how many remain, and a nudge when few do. */
export function backupCodeUsedView(props: ViewProps['backup-code-used'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const low = props.remaining <= 3;
  const body = html`<p>${t('backupCodes.used')}</p>
<p><strong>${props.remaining === 1 ? t('backupCodes.remaining.one') : t('backupCodes.remaining', { count: props.remaining })}</strong></p>
${low ? html`<p class="otp-warning" role="status">${t('backupCodes.low')}</p>` : ''}
<div class="otp-actions">
${low ? html`<a class="otp-button otp-primary" href="${basePath}/backup-codes">${t('action.regenerate')}</a>` : ''}
<a class="otp-button ${low ? 'otp-secondary' : 'otp-primary'}" href="${props.next}">${t('action.continue')}</a>
</div>`;
  return layout(ctx, { title: t('verify.title'), body });
}
