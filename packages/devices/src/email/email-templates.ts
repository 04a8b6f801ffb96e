/**
 * The default wording of code emails. They hold the code and the site name, and never a link:
 * a link that signs in would turn the email into a phishing template and a bearer token.
 */

/**
 * Why a code is sent: `'enroll'` confirms the address being added as a method (`otp.enroll`);
 * `'sign-in'` is a code to verify with (`otp.challenge`: at sign-in, or before a sensitive change).
 */
export type EmailPurpose = 'enroll' | 'sign-in';

/** What a subject or body function receives. */
export interface EmailTemplateContext {
  /** Why the code is sent: word the message for it (a custom template may ignore it). */
  purpose: EmailPurpose;
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

/**
 * The sentences of a message, in plain text, by purpose: what the code is, and what to do when the
 * reader did not ask for it (at enrollment: nothing, the address is not added without the code; at
 * sign-in: someone may know the password).
 */
function wording({ purpose, siteName }: EmailTemplateContext) {
  return purpose === 'enroll'
    ? {
        subject: `Confirm your email address for ${siteName}`,
        lead: `Your code to confirm this email address for ${siteName} is:`,
        notYou: `Someone is adding this address to an account at ${siteName}. If that was not you, ignore this email: the address is not added without the code.`,
      }
    : {
        subject: `Your ${siteName} verification code`,
        lead: `Your ${siteName} verification code is:`,
        notYou: `If you did not just try to sign in to ${siteName}, someone may know your password: change it.`,
      };
}

/** Default subject. The code stays out of it: subjects show on lock screens and in notifications. */
export const defaultSubject: EmailTemplate = (context) => wording(context).subject;

/** Default plain-text body. */
export const defaultText: EmailTemplate = (context) => {
  const { code, siteName, expiresInMinutes } = context;
  const words = wording(context);
  return [
    words.lead,
    '',
    `    ${code}`,
    '',
    `It expires in ${minutes(expiresInMinutes)} and works once.`,
    '',
    words.notYou,
    `Never share this code. ${siteName} will never ask you for it.`,
    '',
  ].join('\n');
};

/** Default HTML body: every interpolated value escaped. */
export const defaultHtml: EmailTemplate = (context) => {
  const { code, siteName, expiresInMinutes } = context;
  const words = wording(context);
  const site = escapeHtml(siteName);
  return [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(words.lead)}</p>`,
    `<p style="font-size: 1.6em; font-family: monospace; letter-spacing: 0.2em"><strong>${escapeHtml(code)}</strong></p>`,
    `<p>It expires in ${minutes(expiresInMinutes)} and works once.</p>`,
    `<p>${escapeHtml(words.notYou)}</p>`,
    `<p>Never share this code. ${site} will never ask you for it.</p>`,
    '</body></html>',
    '',
  ].join('\n');
};
