/**
 * `@otpkit/cli/django-otp`: move django-otp's devices into otpkit from code, as
 * `otpkit import django-otp` does from the command line.
 */

export {
  type DjangoOtpImportReport,
  type DjangoOtpRowReport,
  type ImportDjangoOtpOptions,
  importDjangoOtp,
  importKeyOf,
} from './import-django-otp.js';
export type { DjangoUser, DjangoUserIdOption } from './user-ids.js';
