import { randomBytes } from 'node:crypto';
import type { JsonObject, UserState, UserStateFields } from '../store/otp-store.js';

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
  const { [key]: _dropped, ...rest } = data;
  return rest;
}
