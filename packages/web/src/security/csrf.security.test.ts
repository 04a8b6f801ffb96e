// Threat: cross-site request forgery. A page on another site makes the signed-in administrator's
// browser post to otpkit (remove a factor, sign out, log in as the attacker). Refused by origin
// (Sec-Fetch-Site, Origin) and by the session's synchronizer token, compared in constant time.
import { describe, expect, it } from 'vitest';
import type { ParsedRequest } from '../http/request.js';
import { checkCsrf } from './csrf.js';

const request = (headers: Record<string, string>): ParsedRequest => ({
  method: 'POST',
  path: '/auth/verify',
  query: new URLSearchParams(),
  headers: { host: 'admin.test', ...headers },
  cookies: {},
  secure: true,
  url: '/auth/verify',
  wantsJson: false,
  raw: { method: 'POST', url: '/auth/verify', headers, secure: true },
});

describe('checkCsrf', () => {
  it('accepts the right token from this origin', () => {
    expect(checkCsrf(request({ origin: 'https://admin.test' }), 'tok', 'tok', [])).toBeNull();
    expect(checkCsrf(request({ 'sec-fetch-site': 'same-origin' }), 'tok', 'tok', [])).toBeNull();
    expect(checkCsrf(request({ 'x-csrf-token': 'tok' }), undefined, 'tok', [])).toBeNull();
  });

  it.each([
    ['another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain (Sec-Fetch-Site)', { 'sec-fetch-site': 'same-site' }],
    ['another origin', { origin: 'https://evil.test' }],
    ['the http origin of an https site', { origin: 'http://admin.test' }],
    ['a null origin', { origin: 'null' }],
  ])('refuses %s even with the right token', (_name, headers) => {
    expect(checkCsrf(request(headers), 'tok', 'tok', [])).toBe('cross-origin');
  });

  it('accepts a configured trusted origin', () => {
    expect(
      checkCsrf(request({ origin: 'https://proxy.test' }), 'tok', 'tok', ['https://proxy.test']),
    ).toBeNull();
  });

  it.each([
    ['missing', undefined, 'tok', 'token-missing'],
    ['empty', '', 'tok', 'token-missing'],
    ['wrong', 'nope', 'tok', 'token-invalid'],
    ['a prefix', 'to', 'tok', 'token-invalid'],
    ['a list', ['tok', 'tok'], 'tok', 'token-missing'],
    ['there is no session token', 'tok', undefined, 'token-invalid'],
  ])('refuses a token that is %s', (_name, submitted, expected, failure) => {
    expect(checkCsrf(request({}), submitted, expected, [])).toBe(failure);
  });
});
