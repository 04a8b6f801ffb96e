import type { Keyring } from '../keyring/create-keyring.js';
import type { DeviceCrypto } from '../kinds/device-kind.js';

interface CacheEntry {
  envelope: string;
  secret: Uint8Array;
}

/**
 * Builds {@link DeviceCrypto} objects bound to one device id, sharing a small cache of opened
 * secrets. Opening costs an AES-GCM decryption and would otherwise run on every verification; the
 * cache is keyed by device id and checked against the envelope, so a resealed or replaced secret is
 * opened afresh and a stale one is never used. The cache is bounded (least recently used out) and
 * can be disabled.
 *
 * The cached bytes never leave this file: `open` hands out a copy each time, so a kind that wipes
 * or alters what it opened (as it may) cannot damage the next verification.
 */
export function createDeviceCryptoFactory(keyring: Keyring, cacheSize: number) {
  const cache = new Map<string, CacheEntry>();

  const open = (deviceId: string, envelope: string): Uint8Array => {
    if (cacheSize === 0) return keyring.open(envelope, deviceId);
    const hit = cache.get(deviceId);
    if (hit !== undefined && hit.envelope === envelope) {
      // Re-insert so that Map order is recency order.
      cache.delete(deviceId);
      cache.set(deviceId, hit);
      return hit.secret.slice();
    }
    const secret = keyring.open(envelope, deviceId);
    if (hit !== undefined) {
      hit.secret.fill(0);
      cache.delete(deviceId);
    }
    cache.set(deviceId, { envelope, secret: secret.slice() });
    if (cache.size > cacheSize) evictOldest();
    return secret;
  };

  const evictOldest = () => {
    const [deviceId, entry] = cache.entries().next().value as [string, CacheEntry];
    entry.secret.fill(0);
    cache.delete(deviceId);
  };

  return (deviceId: string): DeviceCrypto => ({
    seal: (plaintext) => keyring.seal(plaintext, deviceId),
    open: (envelope) => open(deviceId, envelope),
    hash: (value) => keyring.hash(value, deviceId),
    verifyHash: (value, stored) => keyring.verifyHash(value, deviceId, stored),
  });
}
