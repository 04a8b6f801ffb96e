import { isOtpError } from '@otpkit/core';
import { CliError, EXIT } from './cli-error.js';
import { describeDatabaseFailure } from './config/database-errors.js';

/** How the runner reports a failure: exit code, a stable code for `--json`, and one sentence. */
export interface ErrorReport {
  exitCode: number;
  code: string;
  message: string;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * One sentence for any failure, with its exit code, chosen by the error's `code` and `details` (never
 * by its wording). Database errors are told by the driver's codes: an unreachable server, a refused
 * login, a missing database or missing tables each get their own advice; the driver's reason is
 * quoted (it never holds the password).
 */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError)
    return { exitCode: error.exitCode, code: error.code, message: error.message };
  if (isOtpError(error)) {
    switch (error.code) {
      case 'OTP_STORE_UNAVAILABLE': {
        const { message, setting } = describeDatabaseFailure(error.cause);
        return { exitCode: setting ? EXIT.usage : EXIT.failed, code: error.code, message };
      }
      case 'OTP_INVALID_INPUT':
        return { exitCode: EXIT.usage, code: error.code, message: sentence(error.message) };
      case 'OTP_KEY_INVALID': {
        const id = error.details.keyId;
        return {
          exitCode: EXIT.usage,
          code: error.code,
          message: `A secret is sealed under key ${id !== undefined && KEY_ID.test(id) ? id : '(unknown)'}, which OTPKIT_KEYS does not list: add that key back.`,
        };
      }
      case 'OTP_SEAL_INVALID':
        return {
          exitCode: EXIT.usage,
          code: error.code,
          message:
            'A sealed secret does not open with the keys in OTPKIT_KEYS: is the key under its id the right one? (If it is, the secret was tampered with.)',
        };
      default:
        return { exitCode: EXIT.failed, code: error.code, message: sentence(error.message) };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT.failed,
    code: 'INTERNAL',
    message: sentence(`otpkit failed unexpectedly: ${message}`),
  };
}
