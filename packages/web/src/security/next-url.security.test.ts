// Threat: an open redirect. A link to the login page with `next=https://evil.test` (or a disguised
// variant) would send a user who just signed in, and trusts the page, to an attacker's site.
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-url.js';

describe('safeNextPath', () => {
  it.each([
    '//evil.test',
    '/\\evil.test',
    '\\\\evil.test',
    'https://evil.test',
    'http:evil.test',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>',
    'evil.test',
    '/%2F%2Fevil.test',
    '/%5Cevil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    ' /admin',
    '/admin\u2028',
    '/\u0000',
    '',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (value) => {
    expect(safeNextPath(value, '/fallback')).toBe('/fallback');
  });

  it.each([['/admin'], ['/admin/users?page=2&sort=name'], ['/a#section'], ['/caf%C3%A9']])(
    'keeps %j',
    (value) => {
      expect(safeNextPath(value, '/fallback')).toBe(value);
    },
  );

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/admin'], { a: 1 }])
      expect(safeNextPath(value, '/f')).toBe('/f');
  });
});
