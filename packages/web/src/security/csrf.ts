import { constantTimeEqual } from '@otpkit/core';
import { headerValue, type ParsedRequest } from '../http/request.js';

/** Why a state-changing request was refused as a possible cross-site request forgery. */
export type CsrfFailure = 'cross-origin' | 'token-missing' | 'token-invalid';

/**
 * Is this request from our own pages? Browsers send `Sec-Fetch-Site` on every request (a page cannot
 * forge it): when present it decides alone (`same-origin`, or `none` for a user-typed request).
 * Otherwise a present `Origin` must be this site's (`null`, sent by sandboxed frames, is refused).
 * Clients that send neither (old browsers, scripts) still need the synchronizer token.
 */
export function checkOrigin(request: ParsedRequest, trustedOrigins: readonly string[]): boolean {
  const site = headerValue(request.headers, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = headerValue(request.headers, 'origin');
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  const host = headerValue(request.headers, 'host');
  const own = host ? `${request.secure ? 'https' : 'http'}://${host}`.toLowerCase() : undefined;
  const candidate = origin.toLowerCase();
  return candidate === own || trustedOrigins.some((o) => o.toLowerCase() === candidate);
}

/**
 * Check a state-changing request: same origin, and the synchronizer token of the session sent back
 * in the `_csrf` form field or the `X-CSRF-Token` header, compared in constant time.
 */
export function checkCsrf(
  request: ParsedRequest,
  submitted: unknown,
  expected: string | undefined,
  trustedOrigins: readonly string[],
): CsrfFailure | null {
  if (!checkOrigin(request, trustedOrigins)) return 'cross-origin';
  const header = headerValue(request.headers, 'x-csrf-token');
  const token = typeof submitted === 'string' ? submitted : header;
  if (token === undefined || token.length === 0) return 'token-missing';
  if (expected === undefined || expected.length === 0) return 'token-invalid';
  return constantTimeEqual(token, expected) ? null : 'token-invalid';
}
