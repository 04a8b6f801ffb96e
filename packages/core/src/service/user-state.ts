import { randomBytes } from 'node:crypto';
import type { UserState, UserStateFields } from '../store/otp-store.js';

/** A new random security stamp. */
export function newStamp(): string {
  return randomBytes(16).toString('base64url');
}

/** A new random, unguessable device id (also the additional data of its sealed secret). */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** The writable fields of a state row, or the defaults for a user who has none yet. */
export function stateFields(state: UserState | null, now: number): UserStateFields {
  if (!state) return { failures: 0, lastFailureAt: null, lockedAt: null, stamp: newStamp(), updatedAt: now };
  const { userId: _userId, version: _version, ...fields } = state;
  return fields;
}
