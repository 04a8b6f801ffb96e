import { OtpError } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { WebBodyError } from './body.js';
import { type Problem, problemOf, statusOf } from './status-map.js';

describe('statusOf', () => {
  it.each<[Problem, number, number | undefined]>([
    [{ type: 'verify', reason: 'invalid' }, 400, undefined],
    [{ type: 'verify', reason: 'malformed' }, 400, undefined],
    [{ type: 'verify', reason: 'replayed' }, 400, undefined],
    [{ type: 'verify', reason: 'expired' }, 400, undefined],
    [{ type: 'verify', reason: 'no-device' }, 400, undefined],
    [{ type: 'verify', reason: 'throttled', retryAfterMs: 4_100 }, 429, 5],
    [{ type: 'verify', reason: 'locked' }, 423, undefined],
    [{ type: 'error', code: 'OTP_STORE_UNAVAILABLE' }, 503, 1],
    [{ type: 'error', code: 'OTP_STORE_CONFLICT' }, 503, 1],
    [{ type: 'error', code: 'OTP_INVALID_INPUT' }, 400, undefined],
    [{ type: 'error', code: 'OTP_DEVICE_NOT_FOUND' }, 404, undefined],
    [{ type: 'error', code: 'OTP_THROTTLED', retryAfterMs: 1 }, 429, 1],
    [{ type: 'error', code: 'OTP_COOLDOWN', retryAfterMs: 30_000 }, 429, 30],
    [{ type: 'error', code: 'OTP_LOCKED' }, 423, undefined],
    [{ type: 'error', code: 'OTP_DEVICE_LIMIT' }, 409, undefined],
    [{ type: 'error', code: 'OTP_DELIVERY_FAILED' }, 502, undefined],
    [{ type: 'csrf' }, 403, undefined],
    [{ type: 'body', status: 413 }, 413, undefined],
    [{ type: 'body', status: 415 }, 415, undefined],
    [{ type: 'not-found' }, 404, undefined],
    [{ type: 'method', allow: 'POST' }, 405, undefined],
    [{ type: 'unauthenticated' }, 401, undefined],
    [{ type: 'login-expired' }, 401, undefined],
    [{ type: 'step-up' }, 401, undefined],
    [{ type: 'enrollment-required' }, 403, undefined],
  ])('maps %j to %i (Retry-After %s)', (problem, status, retryAfter) => {
    const result = statusOf(problem);
    expect(result.status).toBe(status);
    expect(result.retryAfter).toBe(retryAfter);
  });
});

describe('the message of a replayed code', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'error.replayed'],
    ['totp', 'error.replayed'],
    ['backup-codes', 'error.replayed.backup'],
    ['email', 'error.replayed.email'],
    ['hotp', 'error.replayed.hotp'],
    ['some-custom-kind', 'error.replayed'],
  ])('fits the method the code was for (%s → %s), with the same status and code', (kind, message) => {
    expect(statusOf({ type: 'verify', reason: 'replayed', kind })).toEqual({
      status: 400,
      message,
      code: 'replayed',
    });
  });
});

describe('problemOf', () => {
  it('reads OtpError codes and details, body errors, and rethrows anything else', () => {
    expect(problemOf(new OtpError('OTP_COOLDOWN', 'wait', { details: { retryAfterMs: 5000 } }))).toEqual({
      type: 'error',
      code: 'OTP_COOLDOWN',
      retryAfterMs: 5000,
    });
    expect(problemOf(new WebBodyError(413, 'big'))).toEqual({ type: 'body', status: 413 });
    const bug = new TypeError('bug');
    expect(() => problemOf(bug)).toThrow(bug);
  });
});
