import type { JsonObject } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { inspectData, resealData } from './reseal-data.js';
import { keyringOf } from './test-store.js';

const k1 = keyringOf('k1');
const rotated = keyringOf('k2', 'k1');
const bytes = (...values: number[]) => new Uint8Array(values);

/** Device data of no kind in particular: envelopes and hashes nested anywhere. */
function sample(deviceId: string): JsonObject {
  return {
    secret: k1.seal(bytes(1, 2, 3), deviceId),
    nested: { list: [k1.seal(bytes(4), deviceId), 'plain text', 42, null, true] },
    codes: [{ hash: k1.hash('abc', deviceId), usedAt: null }],
    label: 'v1.not-an-envelope',
  };
}

describe('resealData', () => {
  it('reseals every envelope under the primary, wherever it sits, bound to the same device', () => {
    const data = sample('dev1');
    const { data: next, resealed } = resealData(data, rotated, 'dev1');
    expect(resealed).toBe(2);
    expect(rotated.keyIdOf(next.secret as string)).toBe('k2');
    expect([...rotated.open(next.secret as string, 'dev1')]).toEqual([1, 2, 3]);
    const list = (next.nested as { list: JsonObject[] }).list;
    expect([...rotated.open(list[0] as unknown as string, 'dev1')]).toEqual([4]);
    expect(list.slice(1)).toEqual(['plain text', 42, null, true]);
    // Hashes and other strings are kept as they were.
    expect(next.codes).toEqual(data.codes);
    expect(next.label).toBe('v1.not-an-envelope');
    expect(() => rotated.open(next.secret as string, 'dev2')).toThrow();
  });

  it('returns the same data, untouched, when everything is under the primary', () => {
    const data = sample('dev1');
    const once = resealData(data, rotated, 'dev1').data;
    const again = resealData(once, rotated, 'dev1');
    expect(again).toEqual({ data: once, resealed: 0 });
    expect(again.data).toBe(once);
  });

  it('keeps a "__proto__" key as plain data', () => {
    const data = JSON.parse(`{"__proto__": {"secret": "${k1.seal(bytes(9), 'dev1')}"}}`) as JsonObject;
    const { data: next, resealed } = resealData(data, rotated, 'dev1');
    expect(resealed).toBe(1);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    expect(Object.keys(next)).toEqual(['__proto__']);
  });

  it('throws the keyring error for an envelope under a key it lacks', () => {
    const foreign = { secret: keyringOf('k0').seal(bytes(1), 'dev1') };
    expect(() => resealData(foreign, rotated, 'dev1')).toThrow(
      expect.objectContaining({ code: 'OTP_KEY_INVALID' }),
    );
  });

  it('throws for an envelope moved from another device', () => {
    const moved = { secret: k1.seal(bytes(1), 'dev2') };
    expect(() => resealData(moved, rotated, 'dev1')).toThrow(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });
});

describe('inspectData', () => {
  it('counts envelopes and keyed hashes under keys other than the primary', () => {
    expect(inspectData(sample('dev1'), rotated)).toEqual({ envelopes: { k1: 2 }, hashes: { k1: 1 } });
    expect(inspectData(sample('dev1'), k1)).toEqual({ envelopes: {}, hashes: {} });
    expect(inspectData({ text: 'h1.k1.short', n: 1 }, rotated)).toEqual({ envelopes: {}, hashes: {} });
  });
});
