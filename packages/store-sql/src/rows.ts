import type { DeviceRecord, JsonObject, TokenRecord, UserState } from '@otpkit/core';

/** A row as drivers return it: keys are column names, values whatever the driver decodes. */
export type Row = Record<string, unknown>;

/** A malformed value read from the database: the store reports it as unavailable, never guesses. */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';
}

/**
 * An integer column. node-postgres returns BIGINT as a string, mysql2 may return a string or a
 * number, better-sqlite3 a number or a bigint (with `safeIntegers`); all must be exact.
 */
export function toInt(value: unknown, column: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && /^-?[0-9]+$/.test(value)
          ? Number(value)
          : Number.NaN;
  if (!Number.isSafeInteger(n) || (typeof value === 'bigint' && BigInt(n) !== value)) {
    throw new CorruptRowError(`Column ${column} does not hold a safe integer`);
  }
  return n;
}

export function toIntOrNull(value: unknown, column: string): number | null {
  return value === null || value === undefined ? null : toInt(value, column);
}

/** A text column; mysql2 hands out a Buffer when a host's `typeCast` or charset says binary. */
export function toText(value: unknown, column: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  throw new CorruptRowError(`Column ${column} does not hold text`);
}

/** PostgreSQL returns a boolean; MySQL's TINYINT(1) and SQLite's INTEGER return 0 or 1. */
export function toBool(value: unknown, column: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 1n || value === '1') return true;
  if (value === 0 || value === 0n || value === '0') return false;
  throw new CorruptRowError(`Column ${column} does not hold a boolean`);
}

/** The JSON text of a `data` column, which must hold an object. */
export function toData(value: unknown, column: string): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(toText(value, column));
  } catch {
    throw new CorruptRowError(`Column ${column} does not hold JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CorruptRowError(`Column ${column} does not hold a JSON object`);
  }
  return data as JsonObject;
}

/** A user-state row; columns carry the `s_` prefix they have in the `loadUser` join. */
export function toUserState(row: Row, userId: string): UserState {
  return {
    userId,
    version: toInt(row.s_version, 'version'),
    failures: toInt(row.s_failures, 'failures'),
    lastFailureAt: toIntOrNull(row.s_last_failure_at, 'last_failure_at'),
    lockedAt: toIntOrNull(row.s_locked_at, 'locked_at'),
    stamp: toText(row.s_stamp, 'stamp'),
    updatedAt: toInt(row.s_updated_at, 'updated_at'),
    data: toData(row.s_data, 'data'),
  };
}

export function toDevice(row: Row): DeviceRecord {
  return {
    id: toText(row.id, 'id'),
    userId: toText(row.user_id, 'user_id'),
    kind: toText(row.kind, 'kind'),
    name: toText(row.name, 'name'),
    confirmed: toBool(row.confirmed, 'confirmed'),
    createdAt: toInt(row.created_at, 'created_at'),
    updatedAt: toInt(row.updated_at, 'updated_at'),
    lastUsedAt: toIntOrNull(row.last_used_at, 'last_used_at'),
    version: toInt(row.version, 'version'),
    data: toData(row.data, 'data'),
  };
}

export function toToken(row: Row): TokenRecord {
  return {
    id: toText(row.id, 'id'),
    type: toText(row.type, 'type'),
    userId: toText(row.user_id, 'user_id'),
    data: toData(row.data, 'data'),
    createdAt: toInt(row.created_at, 'created_at'),
    expiresAt: toInt(row.expires_at, 'expires_at'),
  };
}
