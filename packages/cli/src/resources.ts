import { createKeyring, createOtp, generateKey, type Keyring, type Otp } from '@otpkit/core';
import { backupCodes, emailCode, hotp, totp } from '@otpkit/devices';
import { type AnyKysely, type SqlStore, sqlStore } from '@otpkit/store-sql';
import { sql } from 'kysely';
import { configError, failure } from './cli-error.js';
import { keyringFromSettings } from './config/keys-setting.js';
import { openDatabase } from './config/open-database.js';
import { optionIssue } from './config/option-issue.js';
import {
  databaseTarget,
  type GlobalFlags,
  issuer,
  tablePrefix,
  throttleSettingName,
  throttleSettings,
} from './config/settings.js';
import type { Io } from './io.js';

/** What {@link Resources.service} builds: whether it needs the real keys, and the issuer to use. */
export interface ServiceOptions {
  /**
   * True for commands that seal, open or hash (enroll, confirm, verify, add-static-token); false for
   * those that do not (listing, removing, unlocking), so support staff need no key; `'if-set'` to use
   * the keys when `OTPKIT_KEYS` is set (status: to check that devices can be read).
   */
  keys: boolean | 'if-set';
  /** The `--issuer` flag, if the command has one. */
  issuer?: string | undefined;
  /** Code length of HOTP devices enrolled by this command. @default 6 */
  hotpDigits?: number | undefined;
}

/**
 * The database, store, keyring and service of one command, each made on first use from the flags
 * and the environment, and released by {@link Resources.close}.
 */
export interface Resources {
  /** The database; `create` lets a SQLite file that does not exist be made (`otpkit migrate`). */
  database(options?: { create?: boolean }): Promise<AnyKysely>;
  /** The table prefix in force (validated), or undefined for the store's default. */
  tablePrefix(): string | undefined;
  store(): Promise<SqlStore>;
  /** The keyring from `OTPKIT_KEYS` / `OTPKIT_PRIMARY_KEY`. */
  keyring(): Keyring;
  service(options: ServiceOptions): Promise<Otp>;
  /** Whether the last {@link Resources.service} holds the keys of `OTPKIT_KEYS`. */
  hasKeys(): boolean;
  close(): Promise<void>;
}

// The command line never sends mail; email devices are still listed, removable and counted.
const noMailer = {
  send: async () => {
    throw new Error('The otpkit command does not send email');
  },
};

/** The kinds the command line knows: every kind a site may have enrolled, so that all are listed and counted. */
function configuredKinds(siteIssuer: string, hotpDigits: number | undefined) {
  return [
    totp({ issuer: siteIssuer }),
    hotp({ issuer: siteIssuer, ...(hotpDigits !== undefined ? { digits: hotpDigits } : {}) }),
    backupCodes(),
    emailCode({ mailer: noMailer, siteName: siteIssuer }),
  ];
}

export function createResources(flags: GlobalFlags, io: Io): Resources {
  let database: Promise<AnyKysely> | undefined;
  let store: Promise<SqlStore> | undefined;
  let keyring: Keyring | undefined;
  let withKeys = false;

  const resources: Resources = {
    database(options = {}) {
      database ??= openDatabase(databaseTarget(flags, io.env), { create: options.create === true });
      return database;
    },
    tablePrefix: () => tablePrefix(flags, io.env),
    store() {
      store ??= (async () => {
        const prefix = resources.tablePrefix();
        const db = await resources.database();
        if (databaseTarget(flags, io.env).driver === 'better-sqlite3') await assertSqliteTables(db, prefix);
        return sqlStore({ db, ...(prefix ? { tablePrefix: prefix } : {}) });
      })();
      return store;
    },
    keyring() {
      keyring ??= keyringFromSettings(io.env.OTPKIT_KEYS, io.env.OTPKIT_PRIMARY_KEY);
      return keyring;
    },
    async service(options) {
      // Settings first: a missing key or a bad setting is reported before any connection is made.
      withKeys =
        options.keys === true || (options.keys === 'if-set' && (io.env.OTPKIT_KEYS ?? '').trim() !== '');
      const keys = withKeys
        ? resources.keyring()
        : // Nothing is sealed, opened or hashed by these commands: a throwaway key is never used.
          createKeyring({ keys: { unused: generateKey() }, primary: 'unused' });
      const siteIssuer = issuer(options.issuer, io.env);
      const throttle = throttleSettings(io.env);
      let kinds: ReturnType<typeof configuredKinds>;
      try {
        kinds = configuredKinds(siteIssuer, options.hotpDigits);
      } catch (error) {
        throw settingError(error);
      }
      const otpStore = await resources.store();
      let otp: Otp;
      try {
        otp = createOtp({ store: otpStore, keyring: keys, throttle: throttle.options, kinds });
      } catch (error) {
        throw settingError(error);
      }
      for (const warning of throttle.warnings) io.stderr.write(`otpkit: warning: ${warning}\n`);
      return otp;
    },
    hasKeys: () => withKeys,
    async close() {
      if (database) await (await database.catch(() => undefined))?.destroy();
    },
  };
  return resources;
}

/**
 * Refuse a SQLite database without the otpkit tables before the first query: SQLite reports a
 * missing table with a generic code, so it is looked up instead (the servers' codes say it).
 */
async function assertSqliteTables(db: AnyKysely, prefix: string | undefined): Promise<void> {
  const table = `${(prefix ?? 'otpkit_').toLowerCase()}devices`;
  const { rows } = await sql<{
    found: number;
  }>`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
  if (rows.length === 0) {
    throw failure(
      `The otpkit tables are not in this database (no table ${table}): run \`otpkit migrate\` first, or check the table prefix.`,
    );
  }
}

/** An option error from a factory, told in terms of the setting the operator wrote. */
function settingError(error: unknown): unknown {
  const issue = optionIssue(error);
  if (!issue) return error;
  const { path, problem } = issue;
  const throttle = path.indexOf('throttle');
  const name = throttle >= 0 ? throttleSettingName(path[throttle + 1] ?? '') : undefined;
  if (name) return configError(`${name} is out of range: ${problem}.`);
  if (path.includes('issuer') || path.includes('siteName')) {
    return configError(`The issuer (--issuer or OTPKIT_ISSUER) is not valid: ${problem}.`);
  }
  return error;
}
