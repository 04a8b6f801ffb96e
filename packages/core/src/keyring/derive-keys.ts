/**
 * Subkey derivation. Each keyring key is input keying material for HKDF-SHA256 (RFC 5869), which
 * yields one key for sealing and an independent one for keyed hashing: the same bytes are never used
 * by two algorithms, and the raw key is dropped as soon as both exist.
 */
import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/** Key size of every keyring key and derived subkey, in bytes (AES-256, HMAC-SHA-256). */
export const KEY_BYTES = 32;

// A fixed, public salt: the input keys are already uniformly random, so the salt only separates
// otpkit's derivations from any other use of the same key.
const SALT = Buffer.from('otpkit.keyring.v1', 'utf8');
const SEAL_INFO = Buffer.from('otpkit seal aes-256-gcm', 'utf8');
const HASH_INFO = Buffer.from('otpkit hash hmac-sha-256', 'utf8');

/** The two subkeys of one keyring key, held as `KeyObject`s so they print as nothing but a size. */
export interface DerivedKeys {
  readonly seal: KeyObject;
  readonly hash: KeyObject;
}

function derive(material: Uint8Array, info: Buffer): KeyObject {
  const bytes = Buffer.from(hkdfSync('sha256', material, SALT, info, KEY_BYTES));
  const key = createSecretKey(bytes);
  bytes.fill(0);
  return key;
}

/** Derive the sealing and hashing subkeys of one 32-byte key. */
export function deriveKeys(material: Uint8Array): DerivedKeys {
  return { seal: derive(material, SEAL_INFO), hash: derive(material, HASH_INFO) };
}
