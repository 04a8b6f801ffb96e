import { createKeyring, type JsonObject } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { examineData, resealData } from './reseal-data.js';
import { KEYS, keyringOf } from './test-store.js';

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

const NOW = Date.UTC(2026, 0, 1);

describe('examineData', () => {
  it('counts envelopes and keyed hashes under keys other than the primary, and opens every envelope', () => {
    expect(examineData(sample('dev1'), rotated, 'dev1', NOW)).toEqual({
      envelopes: { k1: 2 },
      hashes: { k1: 1 },
      opened: { k1: 2 },
      refused: {},
      unlisted: {},
    });
    expect(examineData(sample('dev1'), k1, 'dev1', NOW)).toMatchObject({
      envelopes: {},
      hashes: {},
      opened: { k1: 2 },
    });
    expect(examineData({ text: 'h1.k1.short', n: 1 }, rotated, 'dev1', NOW)).toMatchObject({
      envelopes: {},
      hashes: {},
    });
  });

  it('leaves out hashes that can never be checked again: used backup codes, expired email codes', () => {
    const data = {
      codes: [
        { hash: k1.hash('used', 'dev1'), usedAt: NOW - 1000 },
        { hash: k1.hash('unused', 'dev1'), usedAt: null },
      ],
      email: { codeHash: k1.hash('123456', 'dev1'), expiresAt: NOW - 1 },
    };
    expect(examineData(data, rotated, 'dev1', NOW).hashes).toEqual({ k1: 1 });
    const live = { codeHash: k1.hash('123456', 'dev1'), expiresAt: NOW + 60_000 };
    expect(examineData(live, rotated, 'dev1', NOW).hashes).toEqual({ k1: 1 });
  });

  it('tells an envelope under an unlisted key from one that a listed key does not open', () => {
    const wrongK1 = keyringOf('k2', 'k0');
    const relabelled = createKeyring({ keys: { k2: KEYS.k2, k1: KEYS.k0 }, primary: 'k2' });
    expect(examineData(sample('dev1'), wrongK1, 'dev1', NOW)).toMatchObject({ unlisted: { k1: 2 } });
    expect(examineData(sample('dev1'), relabelled, 'dev1', NOW)).toMatchObject({
      envelopes: { k1: 2 },
      opened: {},
      refused: { k1: 2 },
    });
  });
});
