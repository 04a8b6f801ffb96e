/**
 * Options of the {@link emailCode} kind: one zod schema gives the defaults and the checks.
 */
import { isPrintableText } from '@otpkit/core';
import { z } from 'zod';
import { functionSchema } from '../internal/common-options.js';
import type { EmailTemplate } from './email-templates.js';
import type { Mailer } from './mailer.js';

export const emailCodeOptionsSchema = z
  .object({
    mailer: z.custom<Mailer>(
      (value) => typeof value === 'object' && value !== null && typeof (value as Mailer).send === 'function',
      { message: 'expected a Mailer (an object with send)' },
    ),
    siteName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine(isPrintableText, 'must be well-formed text without control or format characters'),
    digits: z.number().int().min(6).max(8).default(6),
    ttl: z.number().int().min(60).max(3600).default(300),
    cooldown: z.number().int().min(0).max(3600).default(60),
    maxTries: z.number().int().min(1).max(20).default(5),
    maxSendsPerHour: z.number().int().min(1).max(100).default(10),
    subject: functionSchema<EmailTemplate>().optional(),
    text: functionSchema<EmailTemplate>().optional(),
    html: functionSchema<EmailTemplate>().optional(),
  })
  .strict();

/**
 * Options of {@link emailCode}.
 *
 * @example
 * ```ts
 * emailCode({ mailer, siteName: 'Acme Admin' });
 * emailCode({ mailer, siteName: 'Acme', ttl: 600, subject: ({ siteName }) => `${siteName} sign-in code` });
 * ```
 */
export interface EmailCodeOptions {
  /** Sends the messages: {@link nodemailerMailer} or your own {@link Mailer}. */
  mailer: Mailer;
  /** Your site's name, shown in the messages so that users know who sent the code. */
  siteName: string;
  /** Code length, 6–8. @default 6 */
  digits?: number;
  /** Seconds a code stays valid, 60–3600. Long enough to switch to the inbox, short enough to go stale. @default 300 */
  ttl?: number;
  /** Seconds between two sends to one user, 0–3600: keeps the button (or re-enrolling) from flooding an inbox. @default 60 */
  cooldown?: number;
  /** Wrong tries one code survives, 1–20; after them even the right code is refused. @default 5 */
  maxTries?: number;
  /** Codes sent to one user per rolling hour, 1–100, enrollments and challenges together. @default 10 */
  maxSendsPerHour?: number;
  /** The subject line. @default `Your ${siteName} verification code` (the code stays out of notifications) */
  subject?: EmailTemplate;
  /** The plain-text body. Must contain the code. @default the code, its lifetime and a warning, no link */
  text?: EmailTemplate;
  /** The HTML body. Must contain the code; escape what you interpolate. @default like `text`, escaped */
  html?: EmailTemplate;
}

/** Options after parsing: every default filled in. */
export type ParsedEmailCodeOptions = z.output<typeof emailCodeOptionsSchema>;
