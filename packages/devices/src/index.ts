/**
 * @otpkit/devices: the device kinds of otpkit (TOTP apps, HOTP tokens, email codes, backup codes)
 * and the mailer port.
 */
export {
  type BackupCodesData,
  type BackupCodesOptions,
  backupCodes,
  backupCodesOptionsSchema,
  backupCodesOptionsShape,
} from './backup-codes/backup-codes.js';
export { type EmailData, emailCode } from './email/email-code.js';
export {
  type EmailCodeOptions,
  emailCodeOptionsSchema,
  emailCodeOptionsShape,
} from './email/email-options.js';
export {
  type EmailPurpose,
  type EmailTemplate,
  type EmailTemplateContext,
  escapeHtml,
} from './email/email-templates.js';
export {
  type Mailer,
  type MailMessage,
  type NodemailerMailerOptions,
  nodemailerMailer,
  nodemailerMailerOptionsSchema,
  nodemailerMailerOptionsShape,
  type SendMailTransport,
} from './email/mailer.js';
export { type HotpData, hotp } from './hotp/hotp.js';
export { type HotpOptions, hotpOptionsSchema, hotpOptionsShape } from './hotp/hotp-options.js';
export type { IssuerFunction } from './internal/common-options.js';
export { type TotpData, totp } from './totp/totp.js';
export { type TotpOptions, totpOptionsSchema, totpOptionsShape } from './totp/totp-options.js';
