/**
 * The mailer port: how email codes leave the process. Anything that can send a message fits;
 * `nodemailerMailer` adapts a nodemailer transport (SMTP, SES, sendmail…).
 */

import { parseOptions } from '@otpkit/core';
import { z } from 'zod';

/** One message to send. Both bodies are always present: `html` for mail clients, `text` for the rest. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends a message. Resolve once the message is accepted for delivery; reject when it is not, and
 * the service reports `OTP_DELIVERY_FAILED` after making sure the undelivered code is not valid.
 *
 * @example
 * ```ts
 * const mailer: Mailer = { send: (message) => myMailApi.post('/send', message) };
 * ```
 */
export interface Mailer {
  /** Send one message; resolve once it is accepted for delivery, reject when it is not. */
  send(message: MailMessage): Promise<void>;
}

/**
 * The part of a nodemailer transport that {@link nodemailerMailer} uses: `sendMail` resolving with
 * nodemailer's info object (whose `rejected` lists refused recipients).
 */
export interface SendMailTransport {
  /** nodemailer's `transporter.sendMail`: the message with its sender. */
  sendMail(mail: MailMessage & { from: string | { name: string; address: string } }): Promise<unknown>;
}

const noLineBreaks = (text: string) => !/[\r\n]/.test(text);

/**
 * The fields of {@link nodemailerMailerOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const nodemailerMailerOptionsShape = {
  /** The sender: `'Acme <no-reply@acme.test>'` or `{ name: 'Acme', address: 'no-reply@acme.test' }`. */
  from: z.union([
    z.string().min(3).refine(noLineBreaks, 'must not contain line breaks'),
    z.object({
      name: z.string().refine(noLineBreaks, 'must not contain line breaks'),
      address: z.email(),
    }),
  ]),
};

/** The options of {@link nodemailerMailer}, checked once when the mailer is made. */
export const nodemailerMailerOptionsSchema: z.ZodObject<typeof nodemailerMailerOptionsShape, z.core.$strict> =
  z.strictObject(nodemailerMailerOptionsShape);

/**
 * Options of {@link nodemailerMailer} (see {@link nodemailerMailerOptionsSchema}).
 *
 * @example
 * ```ts
 * const options: NodemailerMailerOptions = { from: { name: 'Acme Admin', address: 'no-reply@acme.test' } };
 * ```
 */
export type NodemailerMailerOptions = z.input<typeof nodemailerMailerOptionsSchema>;

/** The transport is an argument of its own, checked with the options. */
const argumentsSchema = nodemailerMailerOptionsSchema.extend({
  transport: z.custom<SendMailTransport>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { sendMail?: unknown }).sendMail === 'function',
    { message: 'expected a nodemailer transport (an object with sendMail)' },
  ),
});

/**
 * A {@link Mailer} over a nodemailer transport. nodemailer is an optional peer dependency: pass any
 * object with a promise-returning `sendMail`. A message the server refuses for the recipient
 * rejects, so the service never takes a refused message for a sent code.
 *
 * @example
 * ```ts
 * import nodemailer from 'nodemailer';
 * const transport = nodemailer.createTransport({ host: 'smtp.acme.test', port: 587, auth: { user, pass } });
 * const mailer = nodemailerMailer(transport, { from: 'Acme <no-reply@acme.test>' });
 * const otp = createOtp({ store, keyring, kinds: [emailCode({ mailer, siteName: 'Acme' })] });
 * ```
 */
export function nodemailerMailer(transport: SendMailTransport, options: NodemailerMailerOptions): Mailer {
  const { from } = parseOptions(argumentsSchema, { transport, ...options }, 'nodemailerMailer');
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      const rejected = (info as { rejected?: unknown } | null)?.rejected;
      if (Array.isArray(rejected) && rejected.length > 0) {
        throw new Error('The mail server refused the recipient');
      }
    },
  };
}
