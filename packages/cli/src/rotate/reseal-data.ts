import type { JsonObject, JsonValue, Keyring } from '@otpkit/core';

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

/**
 * What a device's `data` holds under keys other than the primary, whatever its kind: any string
 * for which `keyring.keyIdOf` names a key is a sealed envelope, any string for which
 * `keyring.hashKeyIdOf` names a key a keyed hash. Reads only.
 */
export function inspectData(data: JsonObject, keyring: Keyring): { envelopes: KeyCounts; hashes: KeyCounts } {
  const envelopes: KeyCounts = {};
  const hashes: KeyCounts = {};
  mapStrings(data, (text) => {
    const envelopeKey = keyring.keyIdOf(text);
    // A hash cannot be recomputed without the code it hashes: rotation can only count these.
    const hashKey = envelopeKey === null ? keyring.hashKeyIdOf(text) : null;
    if (envelopeKey !== null && envelopeKey !== keyring.primaryKeyId) count(envelopes, envelopeKey);
    if (hashKey !== null && hashKey !== keyring.primaryKeyId) count(hashes, hashKey);
    return text;
  });
  return { envelopes, hashes };
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
