import { isOtpError, type JsonObject, type JsonValue, type Keyring } from '@otpkit/core';

/** Key id → how many values use it. */
export type KeyCounts = Record<string, number>;

/** `value` with every string replaced by `map(string)`, at any depth; untouched types kept. */
function mapStrings(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    // Object.fromEntries defines own properties, so a "__proto__" key stays plain data.
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, map)]));
  }
  return value;
}

const count = (counts: KeyCounts, keyId: string) => {
  counts[keyId] = (counts[keyId] ?? 0) + 1;
};

/** Every string anywhere in `value`, with the object or array that holds it. */
function visitStrings(
  value: JsonValue,
  visit: (text: string, holder: JsonValue) => void,
  holder = value,
): void {
  if (typeof value === 'string') visit(value, holder);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit, value);
  else if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) visitStrings(inner, visit, value);
  }
}

/**
 * Whether the hash in this object can never be checked again, by the conventions of otpkit's kinds:
 * a backup code marked used (`usedAt`), an email code past its `expiresAt`. Such a hash needs no key.
 */
function isSpent(holder: JsonValue, now: number): boolean {
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return false;
  const { usedAt, expiresAt } = holder as Record<string, JsonValue>;
  return typeof usedAt === 'number' || (typeof expiresAt === 'number' && expiresAt <= now);
}

/** Whether an envelope under a listed key opens; the secret is wiped at once. */
function opens(keyring: Keyring, envelope: string, deviceId: string): boolean {
  try {
    keyring.open(envelope, deviceId).fill(0);
    return true;
  } catch (error) {
    if (isOtpError(error, 'OTP_SEAL_INVALID')) return false;
    throw error;
  }
}

/** What {@link examineData} finds in one device's `data`. */
export interface Examination {
  /** Envelopes under listed keys other than the primary: what rotation reseals. */
  envelopes: KeyCounts;
  /**
   * Keyed hashes under keys other than the primary (listed or not) that can still be checked:
   * spent ones are left out.
   */
  hashes: KeyCounts;
  /** Envelopes that opened, per key id (the primary included). */
  opened: KeyCounts;
  /** Envelopes under a listed key that did not open (the wrong key under that id, or tampering). */
  refused: KeyCounts;
  /** Envelopes under key ids the keyring does not list. */
  unlisted: KeyCounts;
}

/**
 * Look at everything a device's `data` holds, whatever its kind, and try every sealed envelope with
 * the keyring: any string for which `keyring.keyIdOf` names a key is an envelope, any string for
 * which `keyring.hashKeyIdOf` names a key a keyed hash. Reads only; opened secrets are wiped at once.
 */
export function examineData(data: JsonObject, keyring: Keyring, deviceId: string, now: number): Examination {
  const found: Examination = { envelopes: {}, hashes: {}, opened: {}, refused: {}, unlisted: {} };
  const listed = new Set(keyring.keyIds);
  visitStrings(data, (text, holder) => {
    const envelopeKey = keyring.keyIdOf(text);
    if (envelopeKey !== null) {
      if (listed.has(envelopeKey)) {
        if (envelopeKey !== keyring.primaryKeyId) count(found.envelopes, envelopeKey);
        count(opens(keyring, text, deviceId) ? found.opened : found.refused, envelopeKey);
      } else count(found.unlisted, envelopeKey);
      return;
    }
    // A hash cannot be recomputed without the code it hashes: rotation can only count these.
    const hashKey = keyring.hashKeyIdOf(text);
    if (hashKey === null || hashKey === keyring.primaryKeyId || isSpent(holder, now)) return;
    count(found.hashes, hashKey);
  });
  return found;
}

/**
 * Re-seal under the keyring's primary key every envelope anywhere in a device's `data` that names
 * another key, bound to the device id as when it was sealed. Envelopes already under the primary
 * are kept as they are. Throws the keyring's `OtpError` (`OTP_KEY_INVALID`: a key missing from
 * the keyring; `OTP_SEAL_INVALID`: tampered or moved) when one does not open.
 */
export function resealData(
  data: JsonObject,
  keyring: Keyring,
  deviceId: string,
): { data: JsonObject; resealed: number } {
  let resealed = 0;
  const next = mapStrings(data, (text) => {
    if (!keyring.needsReseal(text)) return text;
    resealed++;
    return keyring.reseal(text, deviceId);
  }) as JsonObject;
  return { data: resealed > 0 ? next : data, resealed };
}
