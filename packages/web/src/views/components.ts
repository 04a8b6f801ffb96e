import { html, type SafeHtml } from './html.js';
import type { MessageKey } from './messages.js';
import type { ViewContext } from './view-context.js';

/** The hidden CSRF field every form carries. */
export const csrfField = (ctx: ViewContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** A hidden field. */
export const hidden = (name: string, value: string) =>
  html`<input type="hidden" name="${name}" value="${value}">`;

/** The error region: announced by screen readers (`role="alert"`), present only when there is an error. */
export const alertBox = (message: string | null | undefined) =>
  message ? html`<div class="otp-alert" role="alert" id="form-error">${message}</div>` : html``;

/** A quiet informational message (`role="status"`). */
export const infoBox = (message: string | null | undefined) =>
  message ? html`<div class="otp-info" role="status">${message}</div>` : html``;

/** The one-time notice of the context, if any. */
export const noticeBox = (ctx: ViewContext) =>
  ctx.notice ? infoBox(ctx.t(ctx.notice.key, ctx.notice.params)) : html``;

/**
 * The code field: numeric keyboard on phones, the browser's one-time-code autofill, focused, and
 * tied to the error message for assistive technology.
 */
export function codeField(
  ctx: ViewContext,
  options: { label: MessageKey; hint: MessageKey; error?: boolean; backup?: boolean },
): SafeHtml {
  const described = options.error ? 'code-hint form-error' : 'code-hint';
  return html`<div class="otp-field">
  <label for="code">${ctx.t(options.label)}</label>
  <input id="code" name="token" type="text" class="otp-code${options.backup ? ' otp-code-backup' : ''}"
    ${options.backup ? html`inputmode="text" autocapitalize="none" spellcheck="false"` : html`inputmode="numeric" pattern="[0-9 ]*"`}
    autocomplete="one-time-code" maxlength="${options.backup ? 32 : 12}" required autofocus
    aria-describedby="${described}"${options.error ? html` aria-invalid="true"` : ''}>
  <p class="otp-hint" id="code-hint">${ctx.t(options.hint)}</p>
</div>`;
}

/** A labelled text field. */
export function textField(
  ctx: ViewContext,
  options: {
    name: string;
    label: MessageKey;
    type?: string;
    value?: string;
    autocomplete?: string;
    autofocus?: boolean;
    maxlength?: number;
    error?: boolean;
  },
): SafeHtml {
  return html`<div class="otp-field">
  <label for="${options.name}">${ctx.t(options.label)}</label>
  <input id="${options.name}" name="${options.name}" type="${options.type ?? 'text'}"
    value="${options.value ?? ''}" autocomplete="${options.autocomplete ?? 'off'}" required
    maxlength="${options.maxlength ?? 256}"${options.autofocus ? html` autofocus` : ''}${options.error ? html` aria-invalid="true" aria-describedby="form-error"` : ''}>
</div>`;
}

/** A form posting to an otpkit route, with the CSRF field. */
export function postForm(ctx: ViewContext, action: string, body: SafeHtml, className = 'otp-form'): SafeHtml {
  return html`<form method="post" action="${action}" class="${className}">${csrfField(ctx)}${body}</form>`;
}

/** A primary button. */
export const button = (label: string, kind: 'primary' | 'secondary' | 'danger' | 'link' = 'primary') =>
  html`<button type="submit" class="otp-button otp-${kind}">${label}</button>`;
