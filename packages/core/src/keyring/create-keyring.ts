import { OtpError } from '../errors.js';
import { parseOptions } from '../parse-options.js';
import { type DerivedKeys, deriveKeys } from './derive-keys.js';
import { envelopeKeyId, openEnvelope, parseEnvelope, sealEnvelope, sealInvalid } from './envelope.js';
import { formatHash, hashMac, macEqual, parseHash } from './keyed-hash.js';
import { type KeyringOptions, keyringOptionsSchema } from './keyring-options.js';

export { generateKey } from './generate-key.js';

/**
 * Seals secrets and keys code hashes. Built by {@link createKeyring}; holds only derived subkeys,
 * out of reach of `JSON.stringify`, `util.inspect` and property enumeration.
 *
 * @example
 * ```ts
 * const stored = keyring.hash(code, device.id);         // 'h1.k1.…', safe to keep in the store
 * keyring.verifyHash(typed, device.id, stored);         // true / false, constant time
 * ```
 */
export interface Keyring {
  /** The key id that seals and hashes. */
  readonly primaryKeyId: string;
  /** Every key id that opens envelopes and verifies hashes. */
  readonly keyIds: readonly string[];
  /** Seal `plaintext` under the primary key, bound to `context` (the device id). */
  seal(plaintext: Uint8Array, context: string): string;
  /**
   * Open an envelope sealed under any known key for the same `context`. Throws `OTP_KEY_INVALID`
   * for an unknown key id and `OTP_SEAL_INVALID` for anything malformed, tampered or moved.
   */
  open(envelope: string, context: string): Uint8Array;
  /** The key id an envelope names (known or not), or null when it is not an envelope. */
  keyIdOf(envelope: string): string | null;
  /** True when the envelope names a key other than the primary; false for anything that is not an envelope. */
  needsReseal(envelope: string): boolean;
  /** Open and seal again under the primary; the same envelope when it already is. */
  reseal(envelope: string, context: string): string;
  /** Keyed hash of `value` in `context` under the primary: `h1.<keyId>.<mac>`. */
  hash(value: string, context: string): string;
  /** Constant-time check of `value` against a stored hash under the key it names; never throws. */
  verifyHash(value: string, context: string, stored: string): boolean;
  /**
   * The key id a stored keyed hash names, or null when it is not one. A hash cannot be recomputed
   * under a new key without the code, so rotation tools count these to tell which old keys must stay.
   */
  hashKeyIdOf(stored: string): string | null;
}

function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`keyring: ${name} must be a string`);
}

function assertContext(context: unknown): asserts context is string {
  assertString(context, 'context');
  // The hash input is `context NUL value`; a NUL inside the context would make it ambiguous.
  if (context.includes('\u0000')) throw new TypeError('keyring: context must not contain NUL');
}

/**
 * Create a {@link Keyring}: AES-256-GCM sealing and HMAC-SHA-256 hashing under subkeys derived
 * with HKDF-SHA256 from each listed key. Bad options throw a `TypeError` naming the option and
 * never echoing key material.
 *
 * @example
 * ```ts
 * const keyring = createKeyring({ keys: { k1: process.env.OTPKIT_KEY_K1! }, primary: 'k1' });
 * const envelope = keyring.seal(secret, device.id); // 'v1.k1.…'
 * keyring.open(envelope, device.id);                // the secret again
 *
 * // Rotation: add k2 as primary, keep k1 to open old envelopes, reseal at leisure.
 * const rotated = createKeyring({ keys: { k1: oldKey, k2: newKey }, primary: 'k2' });
 * if (rotated.needsReseal(envelope)) envelope = rotated.reseal(envelope, device.id);
 * ```
 */
export function createKeyring(options: KeyringOptions): Keyring {
  const parsed = parseOptions(keyringOptionsSchema, options, 'keyring');
  const keys = new Map<string, DerivedKeys>();
  for (const [id, material] of parsed.keys) {
    keys.set(id, deriveKeys(material));
    material.fill(0);
  }
  const primaryKeyId = parsed.primary;
  const primary = keys.get(primaryKeyId)!;

  const open = (envelope: string, context: string): Uint8Array => {
    assertContext(context);
    const parts = parseEnvelope(envelope);
    if (!parts) throw sealInvalid();
    const key = keys.get(parts.keyId);
    if (!key) {
      throw new OtpError('OTP_KEY_INVALID', `No key with id "${parts.keyId}" is in the keyring`, {
        details: { keyId: parts.keyId },
      });
    }
    return openEnvelope(parts, key.seal, context);
  };

  const seal = (plaintext: Uint8Array, context: string): string => {
    if (!(plaintext instanceof Uint8Array)) throw new TypeError('keyring: plaintext must be a Uint8Array');
    assertContext(context);
    return sealEnvelope(primaryKeyId, primary.seal, plaintext, context);
  };

  return Object.freeze({
    primaryKeyId,
    keyIds: Object.freeze([...keys.keys()]),
    seal,
    open,
    keyIdOf: (envelope: string) => envelopeKeyId(envelope),
    needsReseal: (envelope: string) => {
      const keyId = envelopeKeyId(envelope);
      return keyId !== null && keyId !== primaryKeyId;
    },
    reseal: (envelope: string, context: string) => {
      // Opened even when already primary, so that a damaged envelope fails here, loudly.
      const plaintext = open(envelope, context);
      try {
        return envelopeKeyId(envelope) === primaryKeyId ? envelope : seal(plaintext, context);
      } finally {
        plaintext.fill(0);
      }
    },
    hashKeyIdOf: (stored: string) => parseHash(stored)?.keyId ?? null,
    hash: (value: string, context: string) => {
      assertString(value, 'value');
      assertContext(context);
      return formatHash(primaryKeyId, hashMac(primary.hash, value, context));
    },
    verifyHash: (value: string, context: string, stored: string) => {
      if (typeof value !== 'string' || typeof context !== 'string' || context.includes('\u0000'))
        return false;
      const parts = parseHash(stored);
      const key = parts && keys.get(parts.keyId);
      if (!parts || !key) return false;
      return macEqual(hashMac(key.hash, value, context), parts.mac);
    },
  });
}
