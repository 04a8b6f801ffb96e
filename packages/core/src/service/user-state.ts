import { randomBytes } from 'node:crypto';
import type { JsonObject, JsonValue, UserState, UserStateFields } from '../store/otp-store.js';

/** A new random security stamp. */
export function newStamp(): string {
  return randomBytes(16).toString('base64url');
}

/** A new random, unguessable device id (also the additional data of its sealed secret). */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The writable fields of a state row, or the defaults for a user who has none yet (with a new
 * random stamp: ask only when the row will be written).
 */
export function stateFields(state: UserState | null, now: number): UserStateFields {
  if (!state) {
    return { failures: 0, lastFailureAt: null, lockedAt: null, stamp: newStamp(), updatedAt: now, data: {} };
  }
  // Named fields, not a rest pattern: this runs on every verification, and rest copies are slow.
  const { failures, lastFailureAt, lockedAt, stamp, updatedAt, data } = state;
  return { failures, lastFailureAt, lockedAt, stamp, updatedAt, data };
}

/** The fields after the user's factors changed: a new stamp, so trusted browsers are re-checked. */
export function withNewStamp(fields: UserStateFields, now: number): UserStateFields {
  return { ...fields, stamp: newStamp(), updatedAt: now };
}

// How long deliveries are remembered, and how many: enough for any kind's hourly cap.
const DELIVERY_MEMORY_MS = 24 * 3_600_000;
const MAX_DELIVERIES = 50;

/**
 * When codes were last delivered to this user (epoch ms, oldest first, the last day at most), from
 * the state's `data.deliveries`. Kinds that send codes rate-limit themselves from this list, so the
 * limit holds for every path that sends (enrollment and challenges) and across devices.
 */
export function recentDeliveries(state: UserState | UserStateFields | null, now: number): number[] {
  const list = state?.data.deliveries;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (at): at is number => typeof at === 'number' && at > now - DELIVERY_MEMORY_MS && at <= now,
  );
}

/** The fields with one more delivery at `now` on record. */
export function withDelivery(fields: UserStateFields, now: number): UserStateFields {
  const deliveries = [...recentDeliveries(fields, now), now].slice(-MAX_DELIVERIES);
  return { ...fields, data: { ...fields.data, deliveries }, updatedAt: now };
}

/** The fields without the delivery recorded at `at` (it failed, so it must not hold up a retry). */
export function withoutDelivery(fields: UserStateFields, at: number, now: number): UserStateFields {
  const deliveries = recentDeliveries(fields, now);
  const index = deliveries.lastIndexOf(at);
  if (index === -1) return fields;
  deliveries.splice(index, 1);
  return { ...fields, data: { ...fields.data, deliveries }, updatedAt: now };
}

/** `data` without one key. */
export function dataWithout(data: JsonObject, key: string): JsonObject {
  return copyData(data, key);
}

/** `data` with one key set to `value`. */
export function dataWith(data: JsonObject, key: string, value: JsonValue): JsonObject {
  const copy = copyData(data, key);
  setData(copy, key, value);
  return copy;
}

// Key by key rather than a rest pattern or a spread that adds a key: both take V8's slow path
// (about a microsecond), and a failure streak starts or ends on many verifications.
function copyData(data: JsonObject, skip: string): JsonObject {
  const copy: JsonObject = {};
  const keys = Object.keys(data);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== skip) setData(copy, key, data[key]!);
  }
  return copy;
}

// A key named __proto__ stays plain data, as JSON.parse and the stores keep it.
function setData(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
