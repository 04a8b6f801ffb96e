/**
 * HMAC-SHA-1 (RFC 2104 over FIPS 180-4's SHA-1) for the one message HOTP signs: an 8-byte counter.
 *
 * Verification computes every step of a window for one secret, and a `node:crypto` HMAC object
 * costs far more to set up than SHA-1 costs to run on one block: its key setup, the native call
 * and the result buffer were a third of a login's time in the profile. Here the key's two padded
 * blocks are compressed once per secret (RFC 2104's precomputed inner and outer states); each
 * counter then takes exactly two compressions on 32-bit integers, with no allocation and no
 * branch on secret data. Keys longer than one block are hashed first by `node:crypto` (RFC 2104
 * §2), which is rare for OTP secrets and costs one more native call per scan, not per step.
 *
 * The tests check every result against `node:crypto`'s HMAC on random keys and counters.
 */
import { createHash } from 'node:crypto';

const BLOCK_BYTES = 64;
const IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0] as const;
/** 64-byte key block + 8-byte counter, in bits: the inner hash's length field. */
const INNER_BITS = (BLOCK_BYTES + 8) * 8;
/** 64-byte key block + 20-byte inner digest, in bits: the outer hash's length field. */
const OUTER_BITS = (BLOCK_BYTES + 20) * 8;

/** The message schedule, reused: the primitives are synchronous, so no two calls interleave. */
const w = new Int32Array(80);
const state = new Int32Array(5);

/** One SHA-1 compression of the block in `w[0..15]` into `h` (five words), in place. */
function compress(h: Int32Array): void {
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  for (let t = 0; t < 80; t++) {
    let f: number;
    let k: number;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = temp;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
}

/** The state after compressing the key block XOR `pad` (RFC 2104's K ⊕ ipad or K ⊕ opad). */
function padState(key: Uint8Array, pad: number): Int32Array {
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 4; j++) word = (word << 8) | ((key[i * 4 + j] ?? 0) ^ pad);
    w[i] = word;
  }
  const h = Int32Array.from(IV);
  compress(h);
  return h;
}

/** A secret's precomputed HMAC-SHA-1 states; `hotp` gives RFC 4226's truncated value per counter. */
export interface Sha1Hotp {
  /** RFC 4226 §5.3 dynamic truncation of HMAC-SHA-1(secret, counter), modulo `modulus`. */
  hotp(counter: number, modulus: number): number;
}

/**
 * Precompute HMAC-SHA-1 for `secret` (any length; longer than 64 bytes is hashed first).
 *
 * @example
 * const value = sha1Hotp(secret).hotp(1, 1_000_000); // RFC 4226 Appendix D: 287082 for its secret
 */
export function sha1Hotp(secret: Uint8Array): Sha1Hotp {
  const key =
    secret.length > BLOCK_BYTES ? new Uint8Array(createHash('sha1').update(secret).digest()) : secret;
  const inner = padState(key, 0x36);
  const outer = padState(key, 0x5c);
  if (key !== secret) key.fill(0);
  return {
    hotp(counter, modulus) {
      // Inner: H(K ⊕ ipad ‖ counter), the counter big-endian, then SHA-1's padding.
      state.set(inner);
      w[0] = Math.floor(counter / 0x1_0000_0000);
      w[1] = counter | 0;
      w[2] = 0x80000000 | 0;
      w.fill(0, 3, 15);
      w[15] = INNER_BITS;
      compress(state);
      // Outer: H(K ⊕ opad ‖ inner digest).
      for (let i = 0; i < 5; i++) w[i] = state[i]!;
      w[5] = 0x80000000 | 0;
      w.fill(0, 6, 15);
      w[15] = OUTER_BITS;
      state.set(outer);
      compress(state);
      // Dynamic truncation: the low nibble of the last byte picks four bytes of the 20.
      const offset = state[4]! & 0x0f;
      let binary = 0;
      for (let i = offset; i < offset + 4; i++) {
        binary = (binary << 8) | ((state[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff);
      }
      return (binary & 0x7fffffff) % modulus;
    },
  };
}
