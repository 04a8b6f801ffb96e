import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../store/otp-store.js';
import { dataWith, dataWithout, stateFields } from './user-state.js';

describe('state data copies', () => {
  it('add or replace one key in a copy, leaving the original as it was', () => {
    const data: JsonObject = { deliveries: [1, 2], streakStamp: 'a' };
    expect(dataWith(data, 'streakStamp', 'b')).toEqual({ deliveries: [1, 2], streakStamp: 'b' });
    expect(dataWith(data, 'other', null)).toEqual({ deliveries: [1, 2], streakStamp: 'a', other: null });
    expect(data).toEqual({ deliveries: [1, 2], streakStamp: 'a' });
  });

  it('drop one key in a copy, leaving the original as it was', () => {
    const data: JsonObject = { deliveries: [1], streakStamp: 'a' };
    expect(dataWithout(data, 'streakStamp')).toEqual({ deliveries: [1] });
    expect(dataWithout(data, 'absent')).toEqual(data);
    expect(data).toEqual({ deliveries: [1], streakStamp: 'a' });
  });

  it('keep a key named __proto__ as plain data, never as a prototype', () => {
    const data = JSON.parse('{"__proto__":{"polluted":true},"streakStamp":"a"}') as JsonObject;
    for (const copy of [dataWith(data, 'streakStamp', 'b'), dataWithout(data, 'streakStamp')]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
      expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    }
    const added = dataWith({}, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(added)).toBe(Object.prototype);
    expect(Object.keys(added)).toEqual(['__proto__']);
  });
});

describe('stateFields', () => {
  it('gives the writable fields of a row, without its user id and version', () => {
    const fields = stateFields(
      {
        userId: 'alice',
        version: 3,
        failures: 2,
        lastFailureAt: 10,
        lockedAt: null,
        stamp: 's',
        updatedAt: 10,
        data: { streakStamp: 's' },
      },
      20,
    );
    expect(fields).toEqual({
      failures: 2,
      lastFailureAt: 10,
      lockedAt: null,
      stamp: 's',
      updatedAt: 10,
      data: { streakStamp: 's' },
    });
  });

  it('gives the defaults and a fresh random stamp for a user without a row', () => {
    const a = stateFields(null, 5);
    const b = stateFields(null, 5);
    expect(a).toMatchObject({ failures: 0, lastFailureAt: null, lockedAt: null, updatedAt: 5, data: {} });
    expect(a.stamp).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.stamp).not.toBe(b.stamp);
  });
});
