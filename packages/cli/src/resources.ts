import { createKeyring, createOtp, generateKey, type Keyring, type Otp } from '@otpkit/core';
import { backupCodes, emailCode, hotp, totp } from '@otpkit/devices';
import { type AnyKysely, type SqlStore, sqlStore } from '@otpkit/store-sql';
import { configError } from './cli-error.js';
import { keyringFromSettings } from './config/keys-setting.js';
import { openDatabase } from './config/open-database.js';
import {
  databaseTarget,
  type GlobalFlags,
  issuer,
  tablePrefix,
  throttleOptions,
  throttleSettingName,
} from './config/settings.js';
import type { Io } from './io.js';

/** What {@link Resources.service} builds: whether it needs the real keys, and the issuer to use. */
export interface ServiceOptions {
  /**
   * True for commands that seal, open or hash (enroll, confirm, verify, add-static-token). Others
   * (listing, removing, unlocking) run without `OTPKIT_KEYS`, so support staff need no key.
   */
  keys: boolean;
  /** The `--issuer` flag, if the command has one. */
  issuer?: string | undefined;
}

/**
 * The database, store, keyring and service of one command, each made on first use from the flags
 * and the environment, and released by {@link Resources.close}.
 */
export interface Resources {
  database(): Promise<AnyKysely>;
  /** The table prefix in force (validated), or undefined for the store's default. */
  tablePrefix(): string | undefined;
  store(): Promise<SqlStore>;
  /** The keyring from `OTPKIT_KEYS` / `OTPKIT_PRIMARY_KEY`. */
  keyring(): Keyring;
  service(options: ServiceOptions): Promise<Otp>;
  close(): Promise<void>;
}

// The command line never sends mail; email devices are still listed, removable and counted.
const noMailer = {
  send: async () => {
    throw new Error('The otpkit command does not send email');
  },
};

/** The kinds the command line knows: every kind a site may have enrolled, so that all are listed and counted. */
function configuredKinds(siteIssuer: string) {
  return [
    totp({ issuer: siteIssuer }),
    hotp({ issuer: siteIssuer }),
    backupCodes(),
    emailCode({ mailer: noMailer, siteName: siteIssuer }),
  ];
}

export function createResources(flags: GlobalFlags, io: Io): Resources {
  let database: Promise<AnyKysely> | undefined;
  let keyring: Keyring | undefined;

  const resources: Resources = {
    database() {
      database ??= openDatabase(databaseTarget(flags, io.env));
      return database;
    },
    tablePrefix: () => tablePrefix(flags, io.env),
    async store() {
      const prefix = resources.tablePrefix();
      return sqlStore({ db: await resources.database(), ...(prefix ? { tablePrefix: prefix } : {}) });
    },
    keyring() {
      keyring ??= keyringFromSettings(io.env.OTPKIT_KEYS, io.env.OTPKIT_PRIMARY_KEY);
      return keyring;
    },
    async service(options) {
      // Settings first: a missing key or a bad setting is reported before any connection is made.
      const keys = options.keys
        ? resources.keyring()
        : // Nothing is sealed, opened or hashed by these commands: a throwaway key is never used.
          createKeyring({ keys: { unused: generateKey() }, primary: 'unused' });
      const siteIssuer = issuer(options.issuer, io.env);
      const throttle = throttleOptions(io.env);
      let kinds: ReturnType<typeof configuredKinds>;
      try {
        kinds = configuredKinds(siteIssuer);
      } catch (error) {
        throw settingError(error);
      }
      const store = await resources.store();
      try {
        return createOtp({ store, keyring: keys, throttle, kinds });
      } catch (error) {
        throw settingError(error);
      }
    },
    async close() {
      if (database) await (await database.catch(() => undefined))?.destroy();
    },
  };
  return resources;
}

/** An option error from a factory, told in terms of the setting the operator wrote. */
function settingError(error: unknown): unknown {
  const message = error instanceof TypeError ? error.message : '';
  const match = /^Invalid option ([\w.]+): (.*)$/.exec(message);
  if (!match) return error;
  const path = match[1]!.split('.');
  const problem = match[2]!;
  const throttle = path.indexOf('throttle');
  const name = throttle >= 0 ? throttleSettingName(path[throttle + 1] ?? '') : undefined;
  if (name) return configError(`${name} is out of range: ${problem}.`);
  if (path.includes('issuer') || path.includes('siteName')) {
    return configError(`The issuer (--issuer or OTPKIT_ISSUER) is not valid: ${problem}.`);
  }
  return error;
}
