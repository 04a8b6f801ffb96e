/** otpkit's service for the demo: the SQL store on SQLite, the generated keyring, three kinds. */
import { createKeyring, createOtp, type Otp } from '@otpkit/core';
import { backupCodes, emailCode, type Mailer, totp } from '@otpkit/devices';
import { type SqlStore, sqlStore } from '@otpkit/store-sql';
import type { Kysely } from 'kysely';

export const SITE_NAME = 'Acme Admin';

/**
 * Build the service over the demo's database.
 *
 * @example
 * ```ts
 * const { otp, store } = createOtpService({ db, keys, primaryKey: 'k1', mailer, clock: Date.now });
 * ```
 */
export function createOtpService(options: {
  db: Kysely<unknown>;
  keys: Record<string, string>;
  primaryKey: string;
  mailer: Mailer;
  clock: () => number;
}): { otp: Otp; store: SqlStore } {
  const store = sqlStore({ db: options.db, tablePrefix: 'otpkit_' });
  const otp = createOtp({
    store,
    keyring: createKeyring({ keys: options.keys, primary: options.primaryKey }),
    kinds: [
      totp({ issuer: SITE_NAME }),
      emailCode({ mailer: options.mailer, siteName: SITE_NAME }),
      backupCodes(),
    ],
    clock: options.clock,
  });
  return { otp, store };
}
