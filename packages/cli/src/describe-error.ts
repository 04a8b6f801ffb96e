import { isOtpError } from '@otpkit/core';
import { CliError, EXIT } from './cli-error.js';

/** How the runner reports a failure: exit code, a stable code for `--json`, and one sentence. */
export interface ErrorReport {
  exitCode: number;
  code: string;
  message: string;
}

const MISSING_TABLE = /does not exist|doesn't exist|no such table/i;

/** The innermost useful message of a driver error (pg reports a refused connection as an AggregateError). */
function causeMessage(error: unknown): string {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { message, errors, code, cause } = current as {
      message?: unknown;
      errors?: unknown;
      code?: unknown;
      cause?: unknown;
    };
    if (Array.isArray(errors) && errors.length > 0 && !message) {
      current = errors[0];
      continue;
    }
    if (typeof message === 'string' && message !== '') return message;
    if (typeof code === 'string') return code;
    current = cause;
  }
  return 'unknown error';
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * One sentence for any failure, with its exit code. Database errors name the driver's reason (which
 * never holds the password); a missing table points at `otpkit migrate`.
 */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError)
    return { exitCode: error.exitCode, code: error.code, message: error.message };
  if (isOtpError(error)) {
    switch (error.code) {
      case 'OTP_STORE_UNAVAILABLE': {
        const reason = causeMessage(error.cause);
        const hint = MISSING_TABLE.test(reason) ? ': run `otpkit migrate` first' : '';
        return {
          exitCode: EXIT.failed,
          code: error.code,
          message: `The database failed (${reason.replace(/\s+/g, ' ').trim()})${hint}.`,
        };
      }
      case 'OTP_INVALID_INPUT':
        return { exitCode: EXIT.usage, code: error.code, message: sentence(error.message) };
      case 'OTP_KEY_INVALID': {
        const id = /"([A-Za-z0-9_-]{1,32})"/.exec(error.message)?.[1];
        return {
          exitCode: EXIT.usage,
          code: error.code,
          message: `A secret is sealed under key ${id ?? '(unknown)'}, which OTPKIT_KEYS does not list: add that key back.`,
        };
      }
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
