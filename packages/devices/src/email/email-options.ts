/**
 * Options of the {@link emailCode} kind: one zod schema gives the defaults and the checks.
 */
import { isPrintableText } from '@otpkit/core';
import { z } from 'zod';
import { functionSchema } from '../internal/common-options.js';
import type { EmailTemplate } from './email-templates.js';
import type { Mailer } from './mailer.js';

/**
 * The fields of {@link emailCodeOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const emailCodeOptionsShape = {
  /** Sends the messages: {@link nodemailerMailer} or your own {@link Mailer}. */
  mailer: z.custom<Mailer>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Mailer).send === 'function',
    { message: 'expected a Mailer (an object with send)' },
  ),
  /** Your site's name, shown in the messages so that users know who sent the code. */
  siteName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(isPrintableText, 'must be well-formed text without control or format characters'),
  /** Code length, 6–8. @default 6 */
  digits: z.number().int().min(6).max(8).default(6),
  /** Seconds a code stays valid, 60–3600. Long enough to switch to the inbox, short enough to go stale. @default 300 */
  ttl: z.number().int().min(60).max(3600).default(300),
  /** Seconds between two sends to one user, 0–3600: keeps the button (or re-enrolling) from flooding an inbox. @default 60 */
  cooldown: z.number().int().min(0).max(3600).default(60),
  /** Wrong tries one code survives, 1–20; after them even the right code is refused. @default 5 */
  maxTries: z.number().int().min(1).max(20).default(5),
  /** Codes sent to one user per rolling hour, 1–100, enrollments and challenges together. @default 10 */
  maxSendsPerHour: z.number().int().min(1).max(100).default(10),
  /** The subject line. @default `Your ${siteName} verification code` (the code stays out of notifications) */
  subject: functionSchema<EmailTemplate>().optional(),
  /** The plain-text body. Must contain the code. @default the code, its lifetime and a warning, no link */
  text: functionSchema<EmailTemplate>().optional(),
  /** The HTML body. Must contain the code; escape what you interpolate. @default like `text`, escaped */
  html: functionSchema<EmailTemplate>().optional(),
};

/** The options of {@link emailCode}, checked once when the kind is made. */
export const emailCodeOptionsSchema: z.ZodObject<typeof emailCodeOptionsShape, z.core.$strict> =
  z.strictObject(emailCodeOptionsShape);

/**
 * Options of {@link emailCode} (see {@link emailCodeOptionsSchema} for the rules of each field).
 *
 * @example
 * ```ts
 * emailCode({ mailer, siteName: 'Acme Admin' });
 * emailCode({ mailer, siteName: 'Acme', ttl: 600, subject: ({ siteName }) => `${siteName} sign-in code` });
 * ```
 */
export type EmailCodeOptions = z.input<typeof emailCodeOptionsSchema>;

/** Options after parsing: every default filled in. */
export type ParsedEmailCodeOptions = z.output<typeof emailCodeOptionsSchema>;
