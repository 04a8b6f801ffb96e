import { describe, expect, it } from 'vitest';
import { CorruptRowError, toBool, toData, toInt, toIntOrNull } from './rows.js';

describe('toInt', () => {
  it.each<[string, unknown, number]>([
    ['a number', 1_700_000_000_000, 1_700_000_000_000],
    ['a BIGINT string from node-postgres', '1700000000000', 1_700_000_000_000],
    ['a negative string', '-5', -5],
    ['a bigint from better-sqlite3 safeIntegers', 9_007_199_254_740_991n, Number.MAX_SAFE_INTEGER],
    ['zero', '0', 0],
  ])('reads %s', (_, value, expected) => {
    expect(toInt(value, 'c')).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['a string beyond 2^53', '9007199254740993'],
    ['a bigint beyond 2^53', 9_007_199_254_740_993n],
    ['a decimal string', '1.5'],
    ['a fraction', 1.5],
    ['an empty string', ''],
    ['a string with spaces', ' 1'],
    ['null', null],
    ['NaN', Number.NaN],
  ])('refuses %s rather than returning a wrong number', (_, value) => {
    expect(() => toInt(value, 'c')).toThrow(CorruptRowError);
  });

  it('reads NULL as null where the column is nullable', () => {
    expect(toIntOrNull(null, 'c')).toBeNull();
    expect(toIntOrNull('7', 'c')).toBe(7);
  });
});

describe('toBool', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [1n, true],
    ['0', false],
  ])('reads %s as %s', (value, expected) => {
    expect(toBool(value, 'c')).toBe(expected);
  });

  it.each([2, 'true', null])('refuses %s', (value) => {
    expect(() => toBool(value, 'c')).toThrow(CorruptRowError);
  });
});

describe('toData', () => {
  it('reads a JSON object from text or a Buffer', () => {
    expect(toData('{"a":[1,"é🙂"]}', 'data')).toEqual({ a: [1, 'é🙂'] });
    expect(toData(Buffer.from('{"a":1}'), 'data')).toEqual({ a: 1 });
  });

  it.each(['[1]', 'null', '"x"', '{', ''])('refuses %j', (text) => {
    expect(() => toData(text, 'data')).toThrow(CorruptRowError);
  });
});
