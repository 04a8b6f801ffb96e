/**
 * Threat: terminal escape injection. User ids and device details come from end users (a username,
 * an email address) and end up on an operator's terminal; escape sequences in them could rewrite
 * the screen, hide lines or set the window title. Everything printed from the store goes through
 * `printable`.
 */
import type { DeviceInfo } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { formatDetails } from './format.js';
import { printable } from './io.js';

describe('printable', () => {
  it.each([
    ['an escape sequence', 'eve\x1b[2J\x1b[Hroot', 'eve?[2J?[Hroot'],
    ['a window-title sequence', 'x\x1b]0;pwned\x07y', 'x?]0;pwned?y'],
    ['a carriage return that would overwrite the line', 'alice\rmallory', 'alice?mallory'],
    ['a bidi override that reverses text', 'ann\u202Egnp.exe', 'ann?gnp.exe'],
    ['C1 controls', 'a\u009b31mb', 'a?31mb'],
    ['a line separator', 'a\u2028b', 'a?b'],
  ])('neutralises %s', (_, input, output) => {
    expect(printable(input)).toBe(output);
  });

  it('keeps ordinary text, accents and emoji', () => {
    expect(printable('Zoë’s phone 📱 (work)')).toBe('Zoë’s phone 📱 (work)');
  });

  it('applies to device details in listings', () => {
    const device = { details: { email: 'eve@example.test\x1b[8m', remaining: 3 } } as unknown as DeviceInfo;
    expect(formatDetails(device)).toBe('email: eve@example.test?[8m, remaining: 3');
  });
});
