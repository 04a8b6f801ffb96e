import { describe, expect, it } from 'vitest';
import { ALPHABET, formatBackupCode, generateBackupCode, normalizeBackupCode } from './backup-code-format.js';

describe('backup code alphabet', () => {
  it("is Crockford's base32: 32 distinct symbols, without i, l, o and u", () => {
    expect(new Set(ALPHABET).size).toBe(32);
    for (const letter of 'ilou') expect(ALPHABET).not.toContain(letter);
  });

  it('draws every symbol, and only those, over many codes', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateBackupCode(20)).join(''));
    expect([...seen].sort().join('')).toBe(ALPHABET);
  });

  it('generates codes of the asked length', () => {
    expect(generateBackupCode(10)).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
    expect(generateBackupCode(17)).toHaveLength(17);
  });
});

describe('formatBackupCode', () => {
  it.each([
    ['abcde12345', 'abcde-12345'],
    ['abcde12345xyz', 'abcde-12345-xyz'],
    ['abcde12345vwxyz', 'abcde-12345-vwxyz'],
  ])('shows %s as %s', (code, shown) => {
    expect(formatBackupCode(code)).toBe(shown);
  });
});

describe('normalizeBackupCode', () => {
  it.each([
    ['abcde-12345', 'abcde12345'],
    ['ABCDE-12345', 'abcde12345'],
    ['abcde 12345', 'abcde12345'],
    [' ab-cd-e1 23 45 ', 'abcde12345'],
    ['abcde\t12345', 'abcde12345'],
    ['oOiIl-LabcD', '00111'.concat('1abcd')],
    ['abcde-1234u', null],
    ['abcde-1234', null],
    ['abcde-123456', null],
    ['123456', null],
    ['abcde_12345', null],
    ['abcde–12345', null], // an en dash is not a separator
    ['abcde-1234\u212a', null], // the Kelvin sign, which lower-cases to k
    ['ａｂｃｄｅ-12345', null],
    [`${'a'.repeat(10)}${' '.repeat(60)}`, null],
    [1234567890, null],
    [null, null],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeBackupCode(input, 10)).toBe(expected);
  });

  it('reads every formatted code back as itself', () => {
    for (let i = 0; i < 50; i++) {
      const code = generateBackupCode(10);
      expect(normalizeBackupCode(formatBackupCode(code).toUpperCase(), 10)).toBe(code);
    }
  });
});
