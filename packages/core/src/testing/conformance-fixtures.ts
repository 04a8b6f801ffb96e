/**
 * Records and helpers shared by the store conformance suite. Every id is fresh and random, so the
 * suite can run against a database that other runs (or other suites) share.
 */
import { randomUUID } from 'node:crypto';
import type { DeviceRecord, JsonObject, OtpStore, TokenRecord, UserStateFields } from '../store/otp-store.js';

/** A fixed instant (2024-05-01T00:00:00Z) so that expectations never depend on the wall clock. */
export const T0 = Date.UTC(2024, 4, 1);

/** A fresh id with a readable prefix. */
export const freshId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** A new device of `userId` (version 1), as a `create` write expects. */
export function newDevice(userId: string, overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    id: freshId('dev'),
    userId,
    kind: 'totp',
    name: 'Phone',
    confirmed: false,
    createdAt: T0,
    updatedAt: T0,
    lastUsedAt: null,
    version: 1,
    data: { secret: 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', lastStep: null },
    ...overrides,
  };
}

/** State values for a commit. */
export function stateFields(overrides: Partial<UserStateFields> = {}): UserStateFields {
  return {
    failures: 0,
    lastFailureAt: null,
    lockedAt: null,
    stamp: freshId('stamp'),
    updatedAt: T0,
    data: {},
    ...overrides,
  };
}

/** A token of `userId`, live from T0 for `ttl` milliseconds. */
export function newToken(userId: string, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id: freshId('tok'),
    type: 'pending-login',
    userId,
    data: { next: '/admin' },
    createdAt: T0,
    expiresAt: T0 + 600_000,
    ...overrides,
  };
}

/** Create `devices` for a new user; the commit must apply. */
export async function seedDevices(store: OtpStore, userId: string, devices: DeviceRecord[]): Promise<void> {
  const applied = await store.commit({
    userId,
    expectedStateVersion: null,
    devices: devices.map((device) => ({ op: 'create' as const, device })),
  });
  if (!applied) throw new Error('conformance: seeding devices did not apply');
}

/**
 * JSON that a careless store mangles: escapes, quotes, unicode beyond the BMP, the extremes of safe
 * integers, decimals, nesting, empty containers. No `\u0000`: PostgreSQL's jsonb cannot hold it.
 */
export const TRICKY_JSON: JsonObject = {
  plain: 'hello',
  empty: '',
  quotes: `"double" 'single' \`back\``,
  backslashes: 'C:\\temp\\new \\n \\u0041 \\',
  whitespace: 'tab\there\nnewline\r\nreturn',
  jsonLike: '{"not":"parsed"}',
  sqlLike: "Robert'); DROP TABLE otp_devices;--",
  unicode: 'Grüße, ελληνικά, 日本語, עברית',
  emoji: '🔐👩‍💻🏳️‍🌈',
  astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  integers: [0, 1, -1, 42, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)],
  maxSafe: Number.MAX_SAFE_INTEGER,
  negative: -7,
  decimals: [0.5, -0.25, 0.1, Math.PI, 1e-7, 123456.789],
  booleans: [true, false],
  nothing: null,
  emptyObject: {},
  emptyArray: [],
  mixed: [1, 'two', null, false, { three: [3] }, []],
  nested: { a: { b: { c: { d: [{ e: 'deep' }, [[]]] } } } },
  'key with spaces': 1,
  'dotted.key': 2,
  ключ: 3,
  '"quoted"': 4,
};
