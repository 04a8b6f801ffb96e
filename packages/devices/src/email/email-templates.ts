/**
 * The default wording of code emails. They hold the code and the site name, and never a link:
 * a link that signs in would turn the email into a phishing template and a bearer token.
 */

/** What a subject or body function receives. */
export interface EmailTemplateContext {
  /** The one-time code, to show as it is. */
  code: string;
  /** The site name from the options. */
  siteName: string;
  /** The code's lifetime in whole minutes (rounded down, so the promise is never too long). */
  expiresInMinutes: number;
  /** The recipient. */
  email: string;
}

/** Builds a subject or a body from the code and its context. */
export type EmailTemplate = (context: EmailTemplateContext) => string;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content and quoted attribute values: for custom `html` templates.
 *
 * @example
 * ```ts
 * emailCode({ mailer, siteName, html: ({ code, siteName }) => `<p>${escapeHtml(siteName)}: <b>${code}</b></p>` });
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);

/** Default subject. The code stays out of it: subjects show on lock screens and in notifications. */
export const defaultSubject: EmailTemplate = ({ siteName }) => `Your ${siteName} verification code`;

/** Default plain-text body. */
export const defaultText: EmailTemplate = ({ code, siteName, expiresInMinutes }) =>
  [
    `Your ${siteName} verification code is:`,
    '',
    `    ${code}`,
    '',
    `It expires in ${minutes(expiresInMinutes)} and works once.`,
    '',
    `If you did not just try to sign in to ${siteName}, someone may know your password: change it.`,
    `Never share this code. ${siteName} will never ask you for it.`,
    '',
  ].join('\n');

/** Default HTML body: every interpolated value escaped. */
export const defaultHtml: EmailTemplate = ({ code, siteName, expiresInMinutes }) => {
  const site = escapeHtml(siteName);
  return [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Your ${site} verification code is:</p>`,
    `<p style="font-size: 1.6em; font-family: monospace; letter-spacing: 0.2em"><strong>${escapeHtml(code)}</strong></p>`,
    `<p>It expires in ${minutes(expiresInMinutes)} and works once.</p>`,
    `<p>If you did not just try to sign in to ${site}, someone may know your password: change it.</p>`,
    `<p>Never share this code. ${site} will never ask you for it.</p>`,
    '</body></html>',
    '',
  ].join('\n');
};
