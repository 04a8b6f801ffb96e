import { isOtpError, type OtpErrorCode, type VerifyFailureReason } from '@otpkit/core';
import type { MessageKey } from '../views/messages.js';
import { WebBodyError } from './body.js';

/**
 * Everything that can stop a request, as the flows report it. One table ({@link statusOf}) turns
 * each into an HTTP status, an optional `Retry-After` and a message; adapters never pick a status.
 */
export type Problem =
  | {
      type: 'verify';
      reason: VerifyFailureReason;
      retryAfterMs?: number | undefined;
      /**
       * The kind of the method the user was entering a code for (the page knows it; a failed
       * result does not say): the message fits it ("That backup code was already used…").
       */
      kind?: string | undefined;
    }
  | {
      type: 'error';
      code: OtpErrorCode | 'OTP_THROTTLED' | 'OTP_COOLDOWN' | 'OTP_DEVICE_LIMIT';
      retryAfterMs?: number | undefined;
    }
  | { type: 'csrf' }
  | { type: 'bad-request'; message?: MessageKey | undefined }
  | { type: 'body'; status: 400 | 413 | 415 }
  | { type: 'not-found' }
  | { type: 'method'; allow: string }
  | { type: 'unauthenticated' }
  | { type: 'login-expired' }
  | { type: 'step-up' }
  | { type: 'enrollment-required' };

/** How a {@link Problem} is answered. */
export interface ProblemStatus {
  status: number;
  /** Seconds, for the `Retry-After` header. */
  retryAfter?: number;
  message: MessageKey;
  /** A stable code for JSON clients. */
  code: string;
}

const seconds = (ms: number | undefined) => Math.max(1, Math.ceil((ms ?? 1000) / 1000));

const VERIFY: Record<
  VerifyFailureReason,
  { status: number; message: MessageKey; byKind?: Partial<Record<string, MessageKey>> }
> = {
  malformed: { status: 400, message: 'error.malformed' },
  invalid: { status: 400, message: 'error.invalid' },
  // "Wait for the next one" is an authenticator's advice: a backup code or an email code has none.
  replayed: {
    status: 400,
    message: 'error.replayed',
    byKind: {
      'backup-codes': 'error.replayed.backup',
      email: 'error.replayed.email',
      hotp: 'error.replayed.hotp',
    },
  },
  expired: { status: 400, message: 'error.expired' },
  'no-device': { status: 400, message: 'error.noDevice' },
  throttled: { status: 429, message: 'error.throttled' },
  locked: { status: 423, message: 'error.locked' },
};

const ERRORS: Record<string, { status: number; message: MessageKey; retry?: boolean }> = {
  OTP_INVALID_INPUT: { status: 400, message: 'error.badRequest' },
  OTP_INVALID_URI: { status: 400, message: 'error.badRequest' },
  OTP_INVALID_SECRET: { status: 400, message: 'error.badRequest' },
  OTP_NOT_SUPPORTED: { status: 400, message: 'error.notSupported' },
  OTP_DEVICE_NOT_FOUND: { status: 404, message: 'error.deviceNotFound' },
  OTP_THROTTLED: { status: 429, message: 'error.throttled', retry: true },
  OTP_COOLDOWN: { status: 429, message: 'error.cooldown', retry: true },
  OTP_LOCKED: { status: 423, message: 'error.locked' },
  OTP_DEVICE_LIMIT: { status: 409, message: 'error.deviceLimit' },
  OTP_DELIVERY_FAILED: { status: 502, message: 'error.delivery' },
  OTP_STORE_UNAVAILABLE: { status: 503, message: 'error.unavailable', retry: true },
  OTP_STORE_CONFLICT: { status: 503, message: 'error.unavailable', retry: true },
  // A key missing from the keyring or a tampered envelope is the operator's to fix, not the user's.
  OTP_KEY_INVALID: { status: 500, message: 'error.server' },
  OTP_SEAL_INVALID: { status: 500, message: 'error.server' },
};

/**
 * The one table from outcomes to HTTP: wrong codes 400, throttled 429 with `Retry-After`, locked
 * 423, CSRF 403, missing login 401, store down 503 with `Retry-After: 1`, bad input 400, unknown
 * device 404, too large 413, not a form 415.
 *
 * @example
 * ```ts
 * statusOf({ type: 'verify', reason: 'throttled', retryAfterMs: 4000 }); // { status: 429, retryAfter: 4, … }
 * ```
 */
export function statusOf(problem: Problem): ProblemStatus {
  switch (problem.type) {
    case 'verify': {
      const { status, message, byKind } = VERIFY[problem.reason];
      const retry = problem.reason === 'throttled' || problem.retryAfterMs !== undefined;
      return {
        status,
        message: (problem.kind !== undefined && byKind?.[problem.kind]) || message,
        code: problem.reason,
        ...(retry ? { retryAfter: seconds(problem.retryAfterMs) } : {}),
      };
    }
    case 'error': {
      const entry = ERRORS[problem.code] ?? { status: 500, message: 'error.server' as const };
      const retry =
        problem.code === 'OTP_STORE_UNAVAILABLE' || problem.code === 'OTP_STORE_CONFLICT'
          ? 1
          : entry.retry
            ? seconds(problem.retryAfterMs)
            : undefined;
      return {
        status: entry.status,
        message: entry.message,
        code: problem.code,
        ...(retry !== undefined ? { retryAfter: retry } : {}),
      };
    }
    case 'csrf':
      return { status: 403, message: 'error.csrf', code: 'csrf' };
    case 'bad-request':
      return { status: 400, message: problem.message ?? 'error.badRequest', code: 'bad-request' };
    case 'body':
      return {
        status: problem.status,
        code: 'body',
        message:
          problem.status === 413
            ? 'error.tooLarge'
            : problem.status === 415
              ? 'error.unsupported'
              : 'error.badRequest',
      };
    case 'not-found':
      return { status: 404, message: 'error.notFound', code: 'not-found' };
    case 'method':
      return { status: 405, message: 'error.method', code: 'method' };
    case 'unauthenticated':
      return { status: 401, message: 'error.signInFirst', code: 'unauthenticated' };
    case 'login-expired':
      return { status: 401, message: 'error.loginExpired', code: 'login-expired' };
    case 'step-up':
      return { status: 401, message: 'stepUp.intro', code: 'step-up-required' };
    case 'enrollment-required':
      return { status: 403, message: 'enroll.intro.required', code: 'enrollment-required' };
  }
}

/**
 * Turn a thrown value into a {@link Problem} when it is one otpkit knows (an `OtpError`, a refused
 * body); anything else is rethrown: it is a bug, and the adapter's error handling sees it.
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof WebBodyError) return { type: 'body', status: error.status };
  if (isOtpError(error)) {
    const details = (error as { details?: { retryAfterMs?: unknown } }).details;
    const retryAfterMs = typeof details?.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
    return { type: 'error', code: error.code, retryAfterMs };
  }
  throw error;
}
