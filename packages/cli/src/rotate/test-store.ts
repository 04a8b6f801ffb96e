/**
 * An in-memory SQLite store and services over it, for the rotation tests: the same `sqlStore` and
 * `scanDevices` the command uses, with the clock injected.
 */
import {
  createKeyring,
  createOtp,
  decodeBase32,
  generateKey,
  generateTotp,
  type Keyring,
  type OtpStore,
} from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { type AnyKysely, migrate, sqlStore } from '@otpkit/store-sql';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

export const KEYS = { k0: generateKey(), k1: generateKey(), k2: generateKey() };

/** A keyring over some of {@link KEYS}, the first one primary. */
export function keyringOf(...ids: Array<keyof typeof KEYS>): Keyring {
  return createKeyring({ keys: Object.fromEntries(ids.map((id) => [id, KEYS[id]])), primary: ids[0]! });
}

export async function testDatabase(): Promise<{ db: AnyKysely; store: OtpStore }> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await migrate(db);
  return { db, store: sqlStore({ db }) };
}

export function service(store: OtpStore, keyring: Keyring, clock = () => NOW) {
  return createOtp({
    store,
    keyring,
    clock,
    throttle: { factor: 0 },
    kinds: [totp({ issuer: 'Test' }), backupCodes()],
  });
}

/** The TOTP code of a base32 secret at `time`. */
export const codeAt = (secret: string, time: number) => generateTotp({ secret: decodeBase32(secret), time });

/** Enroll and confirm a TOTP app under `keyring`; its id and secret. */
export async function confirmedTotp(store: OtpStore, keyring: Keyring, userId: string) {
  const otp = service(store, keyring);
  const { device, secret } = await otp.enroll({ userId, kind: 'totp' });
  const confirmed = await otp.confirm({ userId, deviceId: device.id, token: codeAt(secret!, NOW) });
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.reason}`);
  return { deviceId: device.id, secret: secret! };
}
