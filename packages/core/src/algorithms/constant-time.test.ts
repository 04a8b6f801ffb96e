import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.js';

describe('constantTimeEqual', () => {
  it.each([
    ['123456', '123456', true],
    ['', '', true],
    ['é', 'é', true],
    ['123456', '123457', false],
    ['123456', '12345', false],
    ['12345', '123456', false],
    ['', 'a', false],
    // Same UTF-16 length, different UTF-8 bytes.
    ['é', 'e', false],
  ])('compares %j and %j as %s', (a, b, expected) => {
    expect(constantTimeEqual(a, b)).toBe(expected);
  });

  it('is false rather than throwing for non-strings', () => {
    expect(constantTimeEqual(123456 as never, '123456')).toBe(false);
    expect(constantTimeEqual('123456', null as never)).toBe(false);
  });
});
