import { alertBox, button, codeField, hidden, infoBox, noticeBox, postForm } from './components.js';
import { html } from './html.js';
import { layout } from './layout.js';
import type { MessageKey } from './messages.js';
import type { ViewContext } from './view-context.js';
import type { MethodChoice, ViewProps } from './view-props.js';

const USE_KIND: Record<string, MessageKey> = {
  totp: 'action.useKind.totp',
  hotp: 'action.useKind.hotp',
  email: 'action.useKind.email',
};

/**
 * The link to another method, as a sentence: by kind when it is the user's only method of that
 * kind ("Use your authenticator app instead"), else by what tells it apart (the address of an
 * email method, the name of anything else, quoted: a name keeps its capitals mid-sentence).
 */
function useMethodText(ctx: ViewContext, method: MethodChoice, all: MethodChoice[]): string {
  const { t } = ctx;
  if (method.kind === 'backup-codes') return t('action.useBackupCode');
  const alone = all.filter((m) => m.kind === method.kind).length === 1;
  const byKind = USE_KIND[method.kind];
  if (alone && byKind) return t(byKind);
  if (method.kind === 'email' && method.detail) return t('action.useEmail', { email: method.detail });
  return t('action.useDevice', { name: method.name });
}

/**
 * The second step, at login and for step-up: one code field for the current method, "email me a
 * code" for email, links to the user's other methods (a backup code among them), and "trust this
 * browser" when the site enables it.
 */
export function verifyView(props: ViewProps['verify'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const route = props.purpose === 'login' ? `${basePath}/verify` : `${basePath}/step-up`;
  const current = props.current;
  const isBackup = current?.kind === 'backup-codes';
  const isEmail = current?.kind === 'email';
  const intro =
    props.purpose === 'step-up'
      ? t('stepUp.intro')
      : isBackup
        ? t('verify.intro.backup', { user: props.userName })
        : isEmail
          ? t('verify.intro.email', { user: props.userName, email: current?.detail ?? '' })
          : t('verify.intro', { user: props.userName });
  const others = props.methods.filter((m) => m.id !== current?.id);
  const linkFor = (m: MethodChoice) => {
    const query = new URLSearchParams({
      device: m.id,
      ...(props.purpose === 'step-up' ? { next: props.next } : {}),
    });
    return html`<li><a href="${route}?${query.toString()}">${useMethodText(ctx, m, props.methods)}</a></li>`;
  };
  const sendForm =
    current && isEmail
      ? postForm(
          ctx,
          `${route}/send`,
          html`${hidden('deviceId', current.id)}${props.purpose === 'step-up' ? hidden('next', props.next) : ''}${button(props.info ? t('action.resendCode') : t('action.sendCode'), 'secondary')}`,
          'otp-form otp-send',
        )
      : html``;
  const body = html`${noticeBox(ctx)}${alertBox(props.error)}${infoBox(props.info)}
<p>${intro}</p>
${current && !isBackup && !isEmail && props.methods.filter((m) => m.kind !== 'backup-codes').length > 1 ? html`<p class="otp-hint">${t('verify.using', { device: current.name })}</p>` : ''}
${sendForm}
${postForm(
  ctx,
  route,
  html`${current ? hidden('deviceId', current.id) : ''}${hidden('next', props.next)}
${codeField(ctx, {
  label: isBackup ? 'field.backupCode' : 'field.code',
  hint: isBackup ? 'field.backupCode.hint' : isEmail ? 'field.emailCode.hint' : 'field.code.hint',
  error: Boolean(props.error),
  backup: isBackup,
})}
${
  props.trustDays !== null
    ? html`<div class="otp-check"><input type="checkbox" id="trust" name="trust" value="1">
<label for="trust">${t('field.trustBrowser', { days: props.trustDays })}</label>
<p class="otp-hint">${t('field.trustBrowser.hint')}</p></div>`
    : ''
}
${button(t('action.verify'))}`,
)}
${
  others.length > 0
    ? html`<nav class="otp-others" aria-label="${t('verify.otherMethods')}"><h2>${t('verify.otherMethods')}</h2><ul>${others.map(linkFor)}</ul></nav>`
    : ''
}`;
  return layout(ctx, { title: props.purpose === 'login' ? t('verify.title') : t('stepUp.title'), body });
}
