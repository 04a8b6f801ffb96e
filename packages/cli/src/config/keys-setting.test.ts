import { generateKey } from '@otpkit/core';
import { describe, expect, it } from 'vitest';
import { keyringFromSettings, listedKeyIds } from './keys-setting.js';

const K1 = generateKey();
const K2 = generateKey();

describe('keyringFromSettings', () => {
  it('makes the first listed key the primary, and keeps the others to open old envelopes', () => {
    const keyring = keyringFromSettings(`k2:${K2},k1:${K1}`, undefined);
    expect(keyring.primaryKeyId).toBe('k2');
    expect(keyring.keyIds).toEqual(['k2', 'k1']);
    const old = keyringFromSettings(`k1:${K1}`, undefined).seal(new Uint8Array([1, 2, 3]), 'device');
    expect([...keyring.open(old, 'device')]).toEqual([1, 2, 3]);
  });

  it('takes OTPKIT_PRIMARY_KEY over the order, and tolerates spaces around entries', () => {
    expect(keyringFromSettings(` k2 : ${K2} , k1:${K1} ,`, 'k1').primaryKeyId).toBe('k1');
  });

  it('accepts base64url keys', () => {
    const url = Buffer.from(K1, 'base64').toString('base64url');
    expect(keyringFromSettings(`k1:${url}`, '').primaryKeyId).toBe('k1');
  });

  it.each([
    ['a key pasted without its id', K1, /entry 1 is not of the form id:base64key/],
    ['an entry with no key', 'k1:', /entry 1 is not of the form id:base64key/],
    ['an id that is not an id', `${K1.slice(0, 10)}*:${K1}`, /key id #1 must match/],
    ['a 16-byte key', `k1:${Buffer.alloc(16, 1).toString('base64')}`, /key k1 must be 32 bytes, got 16/],
  ])('refuses %s without echoing key material', (_, text, message) => {
    let error: unknown;
    try {
      keyringFromSettings(text, undefined);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(K1.slice(0, 10));
  });

  it('names ids that are listed twice, unless they look like keys', () => {
    expect(() => keyringFromSettings(`k1:${K1},k1:${K2}`, undefined)).toThrow(
      'OTPKIT_KEYS lists the key id k1 twice.',
    );
    expect(() => keyringFromSettings(`k1:${K1}`, 'k2')).toThrow(
      'OTPKIT_PRIMARY_KEY must be one of the key ids in OTPKIT_KEYS (k1).',
    );
  });
});

describe('listedKeyIds', () => {
  it.each([
    [undefined, []],
    ['', []],
    [`k2:${K2},k1:${K1}`, ['k2', 'k1']],
    [`k1:${K1},garbage,:x`, ['k1']],
  ])('lists the ids of %j without reading keys', (text, ids) => {
    expect(listedKeyIds(text)).toEqual(ids);
  });
});
