import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
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

  it('opens exactly when a reference least-recently-used cache would miss, over any access sequence', () => {
    const { keyring, counter } = countingKeyring();
    const envelopes = Array.from({ length: 8 }, (_, n) => [
      keyring.seal(secretOf(n), `dev-${n}`),
      keyring.seal(secretOf(n + 100), `dev-${n}`),
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ device: fc.nat(7), resealed: fc.boolean() }), { maxLength: 200 }),
        (accesses) => {
          const factory = createDeviceCryptoFactory(keyring, 4);
          const devices = envelopes.map((pair, n) => ({ crypto: factory(`dev-${n}`), envelopes: pair }));
          // The reference: most recent last; an entry remembers which envelope it holds.
          const model: Array<{ device: number; envelope: number }> = [];
          for (const { device, resealed } of accesses) {
            const envelope = resealed ? 1 : 0;
            const before = counter.opens;
            const opened = devices[device]!.crypto.open(devices[device]!.envelopes[envelope]!);
            expect(opened).toEqual(secretOf(device + 100 * envelope));
            const at = model.findIndex((entry) => entry.device === device);
            const hit = at !== -1 && model[at]!.envelope === envelope;
            if (at !== -1) model.splice(at, 1);
            model.push({ device, envelope });
            if (model.length > 4) model.shift();
            expect(counter.opens - before).toBe(hit ? 0 : 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
