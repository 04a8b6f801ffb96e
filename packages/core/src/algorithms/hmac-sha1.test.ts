import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha1Hotp } from './hmac-sha1.js';
import { hotpValue } from './hotp-value.js';

/** RFC 4226 Appendix D: the secret "12345678901234567890" and its 6-digit values for counters 0–9. */
const RFC4226_SECRET = new TextEncoder().encode('12345678901234567890');
const RFC4226_VALUES = [755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489];

/** The truncated value by node:crypto's HMAC, computed independently of both implementations. */
function nodeTruncated(secret: Uint8Array, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[19]! & 15;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

describe('sha1Hotp', () => {
  it.each(RFC4226_VALUES.map((value, counter) => ({ counter, value })))(
    'gives RFC 4226 Appendix D value $value for counter $counter',
    ({ counter, value }) => {
      expect(sha1Hotp(RFC4226_SECRET).hotp(counter, 1_000_000)).toBe(value);
    },
  );

  it.each([
    { keyBytes: 0 },
    { keyBytes: 1 },
    { keyBytes: 20 },
    { keyBytes: 63 },
    { keyBytes: 64 },
    { keyBytes: 65 },
    { keyBytes: 200 },
  ])('matches node:crypto for a $keyBytes-byte key (longer than a block is hashed first)', ({ keyBytes }) => {
    const secret = new Uint8Array(randomBytes(keyBytes));
    const keyed = sha1Hotp(secret);
    for (const counter of [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(keyed.hotp(counter, 2 ** 31)).toBe(nodeTruncated(secret, counter));
    }
  });

  it('matches node:crypto on random keys, counters and digit counts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 128 }),
        fc.maxSafeNat(),
        fc.integer({ min: 1, max: 10 }),
        (secret, counter, digits) => {
          expect(sha1Hotp(secret).hotp(counter, 10 ** digits)).toBe(
            hotpValue(secret, counter, 'sha1', digits),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves the caller’s secret untouched (a long key is hashed into a copy)', () => {
    const secret = new Uint8Array(randomBytes(100));
    const before = Uint8Array.from(secret);
    sha1Hotp(secret).hotp(7, 1_000_000);
    expect(secret).toEqual(before);
  });
});
