/**
 * The RFC 4226 core: HMAC of the 8-byte big-endian counter, then dynamic truncation (§5.3) to a
 * 31-bit integer reduced modulo 10^digits.
 *
 * This calls `node:crypto` directly instead of going through `otpauth`'s generator because
 * verification runs it for every step of a window on every login: working on integers avoids the
 * string building and re-encoding of each candidate. The tests check every result against `otpauth`.
 */
import { createHmac } from 'node:crypto';

/** 10^n for every allowed digit count (1–10). */
export const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/** Reused counter buffer: the primitives are synchronous, so no two calls can interleave. */
const message = Buffer.alloc(8);

/**
 * The HOTP value for one counter as an integer below 10^digits. Inputs are already validated:
 * `nodeAlgorithm` is a Node digest name, `counter` a non-negative safe integer.
 */
export function hotpValue(
  secret: Uint8Array,
  counter: number,
  nodeAlgorithm: string,
  digits: number,
): number {
  message.writeUInt32BE(Math.floor(counter / 0x1_0000_0000), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(nodeAlgorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return binary % POWERS_OF_TEN[digits]!;
}

/** A code as shown to people: the value left-padded with zeros to `digits`. */
export function formatCode(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}
