import type { Keyring } from '../keyring/create-keyring.js';
import type { DeviceCrypto } from '../kinds/device-kind.js';

/**
 * Builds {@link DeviceCrypto} objects bound to one device id, sharing a small cache of opened
 * secrets. Opening costs an AES-GCM decryption and would otherwise run on every verification; the
 * cache is keyed by device id and envelope, so a resealed or replaced secret is a new entry and a
 * stale one is never used. The cache is bounded (least recently used out) and can be disabled.
 */
export function createDeviceCryptoFactory(keyring: Keyring, cacheSize: number) {
  const cache = new Map<string, Uint8Array>();

  const open = (deviceId: string, envelope: string): Uint8Array => {
    if (cacheSize === 0) return keyring.open(envelope, deviceId);
    const key = `${deviceId}\u0000${envelope}`;
    const hit = cache.get(key);
    if (hit) {
      // Re-insert so that Map order is recency order.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const secret = keyring.open(envelope, deviceId);
    cache.set(key, secret);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return secret;
  };

  return (deviceId: string): DeviceCrypto => ({
    seal: (plaintext) => keyring.seal(plaintext, deviceId),
    open: (envelope) => open(deviceId, envelope),
    hash: (value) => keyring.hash(value, deviceId),
    verifyHash: (value, stored) => keyring.verifyHash(value, deviceId, stored),
  });
}
