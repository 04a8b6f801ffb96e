import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring, type Keyring } from '../keyring/create-keyring.js';
import { createDeviceCryptoFactory } from './device-crypto.js';

/** A real keyring that counts its `open` calls. */
function countingKeyring() {
  const keyring = createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' });
  const counter = { opens: 0 };
  const counted: Keyring = {
    ...keyring,
    open: (envelope, context) => {
      counter.opens++;
      return keyring.open(envelope, context);
    },
  };
  return { keyring: counted, counter };
}

const secretOf = (n: number) => new Uint8Array(20).fill(n);

describe('the opened-secret cache', () => {
  it('opens an envelope once while it stays cached, and gives the same bytes every time', () => {
    const { keyring, counter } = countingKeyring();
    const crypto = createDeviceCryptoFactory(keyring, 10)('dev-1');
    const envelope = crypto.seal(secretOf(7));
    for (let i = 0; i < 3; i++) expect(crypto.open(envelope)).toEqual(secretOf(7));
    expect(counter.opens).toBe(1);
  });

  it('hands out a new array on every open', () => {
    const { keyring } = countingKeyring();
    const crypto = createDeviceCryptoFactory(keyring, 10)('dev-1');
    const envelope = crypto.seal(secretOf(7));
    const first = crypto.open(envelope);
    const second = crypto.open(envelope);
    expect(second).not.toBe(first);
    expect(second.buffer).not.toBe(first.buffer);
  });

  it('opens the new envelope when a device is resealed, never answering with the old secret', () => {
    const { keyring, counter } = countingKeyring();
    const crypto = createDeviceCryptoFactory(keyring, 10)('dev-1');
    const before = crypto.seal(secretOf(1));
    expect(crypto.open(before)).toEqual(secretOf(1));
    const after = crypto.seal(secretOf(2));
    expect(crypto.open(after)).toEqual(secretOf(2));
    expect(counter.opens).toBe(2);
  });

  it('does not let a cached device accept a tampered envelope', () => {
    const { keyring } = countingKeyring();
    const crypto = createDeviceCryptoFactory(keyring, 10)('dev-1');
    const envelope = crypto.seal(secretOf(1));
    crypto.open(envelope);
    const last = envelope.at(-1) === 'A' ? 'B' : 'A';
    expect(() => crypto.open(`${envelope.slice(0, -1)}${last}`)).toThrow(
      expect.objectContaining({ code: 'OTP_SEAL_INVALID' }),
    );
  });

  it('keeps at most cacheSize secrets, dropping the least recently used', () => {
    const { keyring, counter } = countingKeyring();
    const factory = createDeviceCryptoFactory(keyring, 2);
    const devices = ['a', 'b', 'c'].map((id, n) => {
      const crypto = factory(id);
      return { crypto, envelope: crypto.seal(secretOf(n)) };
    });
    const [a, b, c] = devices as [(typeof devices)[0], (typeof devices)[0], (typeof devices)[0]];
    a.crypto.open(a.envelope);
    b.crypto.open(b.envelope);
    a.crypto.open(a.envelope); // a is now the most recent
    c.crypto.open(c.envelope); // b goes
    expect(counter.opens).toBe(3);
    a.crypto.open(a.envelope);
    expect(counter.opens).toBe(3);
    expect(b.crypto.open(b.envelope)).toEqual(secretOf(1));
    expect(counter.opens).toBe(4);
  });

  it('opens every time when the cache is disabled', () => {
    const { keyring, counter } = countingKeyring();
    const crypto = createDeviceCryptoFactory(keyring, 0)('dev-1');
    const envelope = crypto.seal(secretOf(3));
    crypto.open(envelope);
    crypto.open(envelope);
    expect(counter.opens).toBe(2);
  });
});
