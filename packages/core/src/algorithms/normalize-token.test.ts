import { describe, expect, it } from 'vitest';
import { normalizeToken } from './normalize-token.js';

describe('normalizeToken', () => {
  it.each([
    ['123456', 6, '123456'],
    ['123 456', 6, '123456'],
    ['123-456', 6, '123456'],
    ['\t123456\t', 6, '123456'],
    [' 12 34 - 56 ', 6, '123456'],
    ['000000', 6, '000000'],
    ['1234-5678', 8, '12345678'],
    ['1234567', 7, '1234567'],
  ])('normalises %j with %i digits to %j', (token, digits, expected) => {
    expect(normalizeToken(token, digits)).toBe(expected);
  });

  it.each([
    ['letters', 'abcdef'],
    ['a letter among digits', '12345a'],
    ['Arabic-Indic digits', '١٢٣٤٥٦'],
    ['Extended Arabic-Indic digits', '۱۲۳۴۵۶'],
    ['Devanagari digits', '१२३४५६'],
    ['full-width digits', '１２３４５６'],
    ['superscript digits', '¹²³⁴⁵⁶'],
    ['mathematical bold digits', '𝟏𝟐𝟑𝟒𝟓𝟔'],
    ['too few digits', '12345'],
    ['too many digits', '1234567'],
    ['the empty string', ''],
    ['only separators', ' - - '],
    ['a non-breaking space inside', '123\u00a0456'],
    ['an en dash inside', '123–456'],
    ['a newline inside', '123\n456'],
    ['a plus sign', '+123456'],
    ['a decimal point', '12345.6'],
    ['an exponent', '1e5000'],
    ['a hexadecimal literal', '0x1234'],
    ['a zero-width space inside', '123\u200b456'],
    ['65 characters that would clean up to 6 digits', `${' '.repeat(59)}123456`],
  ])('rejects %s', (_name, token) => {
    expect(normalizeToken(token, 6)).toBeNull();
  });

  it.each([
    ['a number', 123456],
    ['a bigint', 123456n],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
    ['an array of digits', ['123456']],
    ['a String object', new String('123456')],
    ['an object whose toString gives digits', { toString: () => '123456' }],
  ])('rejects %s', (_name, token) => {
    expect(normalizeToken(token, 6)).toBeNull();
  });

  it('accepts 64 characters but not 65', () => {
    expect(normalizeToken(`${' '.repeat(58)}123456`, 6)).toBe('123456');
    expect(normalizeToken(`${' '.repeat(59)}123456`, 6)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('returns null rather than throwing for digits %s', (digits) => {
    expect(normalizeToken('123456', digits)).toBeNull();
  });
});
