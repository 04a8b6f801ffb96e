/**
 * Keyed hashes of codes (email codes, backup codes): `h1.<keyId>.<HMAC-SHA-256 base64url>`.
 * A database dump alone cannot test guesses against them, unlike a plain or salted hash of a
 * short code. The key id travels with the hash so verification survives key rotation.
 */
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { decodeBase64Url } from './base64-text.js';

export const HASH_VERSION = 'h1';
const MAC_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The raw HMAC of `value` in `context`; the NUL separator keeps (context, value) pairs distinct. */
export function hashMac(key: KeyObject, value: string, context: string): Buffer {
  return createHmac('sha256', key).update(`${context}\u0000${value}`, 'utf8').digest();
}

/** The stored text of a keyed hash. */
export function formatHash(keyId: string, mac: Buffer): string {
  return `${HASH_VERSION}.${keyId}.${mac.toString('base64url')}`;
}

/** The key id and MAC of stored hash text, or null when it is malformed. */
export function parseHash(stored: unknown): { keyId: string; mac: Buffer } | null {
  if (typeof stored !== 'string') return null;
  const parts = stored.split('.');
  if (parts.length !== 3 || parts[0] !== HASH_VERSION || !KEY_ID.test(parts[1]!)) return null;
  const mac = decodeBase64Url(parts[2]!);
  if (!mac || mac.length !== MAC_BYTES) return null;
  return { keyId: parts[1]!, mac };
}

/** Constant-time comparison of two MACs; the lengths are checked first and are not secret. */
export function macEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
