import type { Keyring } from '../keyring/create-keyring.js';
import type { DeviceCrypto } from '../kinds/device-kind.js';

/** One opened secret, in a list from the most to the least recently used. */
interface CacheEntry {
  deviceId: string;
  envelope: string;
  secret: Uint8Array;
  newer: CacheEntry | null;
  older: CacheEntry | null;
}

/**
 * Builds {@link DeviceCrypto} objects bound to one device id, sharing a small cache of opened
 * secrets. Opening costs an AES-GCM decryption and would otherwise run on every verification; the
 * cache is keyed by device id and checked against the envelope, so a resealed or replaced secret is
 * opened afresh and a stale one is never used. The cache is bounded (least recently used out) and
 * can be disabled.
 *
 * The cached bytes never leave this file: `open` hands out a copy each time, so a kind that wipes
 * or alters what it opened (as it may) cannot damage the next verification. Evicted secrets are
 * zeroed.
 *
 * Recency is a linked list through the entries rather than the `Map`'s insertion order: moving a
 * hit to the front is then a few pointer writes instead of a delete and a re-insert, and evicting
 * the oldest needs no iterator (one that starts at a `Map`'s front steps over every entry deleted
 * there since the table was last rebuilt, which under steady eviction is most of the table).
 */
export function createDeviceCryptoFactory(keyring: Keyring, cacheSize: number) {
  const cache = new Map<string, CacheEntry>();
  let newest: CacheEntry | null = null;
  let oldest: CacheEntry | null = null;

  const unlink = (entry: CacheEntry) => {
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    entry.newer = null;
    entry.older = null;
  };

  const pushNewest = (entry: CacheEntry) => {
    entry.older = newest;
    if (newest) newest.newer = entry;
    newest = entry;
    if (!oldest) oldest = entry;
  };

  const open = (deviceId: string, envelope: string): Uint8Array => {
    if (cacheSize === 0) return keyring.open(envelope, deviceId);
    const hit = cache.get(deviceId);
    if (hit !== undefined && hit.envelope === envelope) {
      if (hit !== newest) {
        unlink(hit);
        pushNewest(hit);
      }
      return hit.secret.slice();
    }
    // Opened before anything changes: an envelope that does not open leaves the cache as it was.
    const secret = keyring.open(envelope, deviceId);
    if (hit !== undefined) {
      // The device was resealed or its secret replaced: the old secret goes.
      hit.secret.fill(0);
      hit.secret = secret.slice();
      hit.envelope = envelope;
      unlink(hit);
      pushNewest(hit);
      return secret;
    }
    const entry: CacheEntry = { deviceId, envelope, secret: secret.slice(), newer: null, older: null };
    cache.set(deviceId, entry);
    pushNewest(entry);
    if (cache.size > cacheSize && oldest) {
      const evicted = oldest;
      unlink(evicted);
      cache.delete(evicted.deviceId);
      evicted.secret.fill(0);
    }
    return secret;
  };

  return (deviceId: string): DeviceCrypto => ({
    seal: (plaintext) => keyring.seal(plaintext, deviceId),
    open: (envelope) => open(deviceId, envelope),
    hash: (value) => keyring.hash(value, deviceId),
    verifyHash: (value, stored) => keyring.verifyHash(value, deviceId, stored),
  });
}
