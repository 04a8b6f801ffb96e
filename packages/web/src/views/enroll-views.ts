import {
  alertBox,
  button,
  codeField,
  hidden,
  infoBox,
  noticeBox,
  postForm,
  textField,
} from './components.js';
import { html, raw } from './html.js';
import { layout } from './layout.js';
import type { MessageKey } from './messages.js';
import type { ViewContext } from './view-context.js';
import type { ViewProps } from './view-props.js';

const FACTOR_TEXT: Record<string, { name: MessageKey; description: MessageKey }> = {
  totp: { name: 'enroll.totp.name', description: 'enroll.totp.description' },
  email: { name: 'enroll.email.name', description: 'enroll.email.description' },
};

/** Choose a factor to set up (forced after the password for a required user without one). */
export function enrollView(props: ViewProps['enroll'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const choices = props.factors
    .filter((factor) => FACTOR_TEXT[factor])
    .map((factor) => {
      const text = FACTOR_TEXT[factor]!;
      return html`<li class="otp-choice">${postForm(
        ctx,
        `${basePath}/enroll/${factor}`,
        html`<div><h2>${t(text.name)}</h2><p>${t(text.description)}</p></div>${button(t('action.setUp'), 'secondary')}`,
        'otp-choice-form',
      )}</li>`;
    });
  const body = html`${noticeBox(ctx)}${alertBox(props.error)}
<p>${props.required ? t('enroll.intro.required') : t('enroll.intro.optional')}</p>
<ul class="otp-choices">${choices}</ul>
${
  props.canSkip
    ? html`${props.graceUntil ? html`<p class="otp-hint">${t('enroll.graceUntil', { date: ctx.formatTime(props.graceUntil) })}</p>` : ''}
${postForm(ctx, `${basePath}/enroll/later`, button(t('action.later'), 'link'))}`
    : ''
}
${props.pending ? '' : html`<p><a href="${basePath}/devices">${t('action.cancel')}</a></p>`}`;
  return layout(ctx, { title: t('enroll.title'), body });
}

/** TOTP: the QR code (inline SVG), the key in groups of four, and the confirming code. */
export function enrollTotpView(props: ViewProps['enroll-totp'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const setup =
    props.qrSvg && props.manualKey
      ? html`<ol class="otp-steps">
<li><p>${t('enroll.totp.step1')}</p><figure class="otp-qr" role="img" aria-label="${t('enroll.totp.qrLabel')}">${raw(props.qrSvg)}</figure></li>
<li><p>${t('enroll.totp.step2')}</p><p><code class="otp-key">${props.manualKey}</code></p></li>
<li><p>${t('enroll.totp.step3')}</p></li>
</ol>`
      : html`<p>${t('enroll.totp.step3')}</p>`;
  const body = html`${alertBox(props.error)}${setup}
${postForm(
  ctx,
  `${basePath}/enroll/totp/confirm`,
  html`${hidden('deviceId', props.deviceId)}
${codeField(ctx, { label: 'field.code', hint: 'field.code.hint', error: Boolean(props.error) })}
${button(t('action.verify'))}`,
)}
${postForm(ctx, `${basePath}/enroll/totp`, button(t('enroll.restart'), 'link'), 'otp-form otp-inline')}`;
  return layout(ctx, { title: t('enroll.totp.title'), body });
}

/** Email: the address to send codes to. */
export function enrollEmailView(props: ViewProps['enroll-email'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const body = html`${alertBox(props.error)}<p>${t('enroll.email.intro')}</p>
${postForm(
  ctx,
  `${basePath}/enroll/email`,
  html`${textField(ctx, { name: 'email', label: 'field.email', type: 'email', value: props.email, autocomplete: 'email', autofocus: true, error: Boolean(props.error) })}
${button(t('action.sendCode'))}`,
)}`;
  return layout(ctx, { title: t('enroll.email.title'), body });
}

/** Email: the code sent to the address, which confirms it. */
export function enrollEmailCodeView(props: ViewProps['enroll-email-code'], ctx: ViewContext) {
  const { t, basePath } = ctx;
  const body = html`${alertBox(props.error)}${infoBox(props.info)}
<p>${t('enroll.email.sent', { email: props.email })}</p>
${postForm(
  ctx,
  `${basePath}/enroll/email/confirm`,
  html`${hidden('deviceId', props.deviceId)}
${codeField(ctx, { label: 'field.code', hint: 'field.emailCode.hint', error: Boolean(props.error) })}
${button(t('action.verify'))}`,
)}
<p><a href="${basePath}/enroll">${t('enroll.restart')}</a></p>`;
  return layout(ctx, { title: t('enroll.email.title'), body });
}
