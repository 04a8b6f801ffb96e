import type { ThrottleOptions } from '@otpkit/core';
import { configError } from '../cli-error.js';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.js';

/** The global options every command accepts, as parsed from the command line. */
export interface GlobalFlags {
  db?: string | undefined;
  tablePrefix?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The database: `--db`, else `OTPKIT_DATABASE_URL`. */
export function databaseTarget(flags: GlobalFlags, env: Env): DatabaseTarget {
  if (flags.db !== undefined) return parseDatabaseUrl(flags.db, '--db');
  const url = env.OTPKIT_DATABASE_URL;
  if (url === undefined || url.trim() === '') {
    throw configError(
      'No database is set: set OTPKIT_DATABASE_URL or pass --db (postgres://…, mysql://…, sqlite:path).',
    );
  }
  return parseDatabaseUrl(url, 'OTPKIT_DATABASE_URL');
}

const PREFIX = /^[a-z_][a-z0-9_]{0,30}$/i;

/** The table prefix: `--table-prefix`, else `OTPKIT_TABLE_PREFIX`, else the store's default. */
export function tablePrefix(flags: GlobalFlags, env: Env): string | undefined {
  const [value, source] =
    flags.tablePrefix !== undefined
      ? [flags.tablePrefix, '--table-prefix']
      : [env.OTPKIT_TABLE_PREFIX, 'OTPKIT_TABLE_PREFIX'];
  if (value === undefined || value === '') return undefined;
  if (!PREFIX.test(value)) {
    throw configError(`${source} must be a letter or underscore followed by up to 30 letters, digits or _.`);
  }
  return value;
}

/** The issuer authenticator apps show: `--issuer`, else `OTPKIT_ISSUER`, else `otpkit`. */
export function issuer(flag: string | undefined, env: Env): string {
  const value = flag ?? env.OTPKIT_ISSUER;
  return value === undefined || value.trim() === '' ? 'otpkit' : value;
}

const THROTTLE_SETTINGS = [
  ['OTPKIT_THROTTLE_FACTOR', 'factor'],
  ['OTPKIT_THROTTLE_MAX_DELAY', 'maxDelay'],
  ['OTPKIT_THROTTLE_MAX_FAILURES', 'maxFailures'],
] as const;

/**
 * Throttle options from the environment, so that `otpkit verify` counts failures exactly as the
 * site does: set them to the values given to `createOtp({ throttle })`.
 */
export function throttleOptions(env: Env): ThrottleOptions {
  const options: Record<string, number> = {};
  for (const [name, option] of THROTTLE_SETTINGS) {
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    const whole = option === 'maxFailures';
    if (!/^\s*[0-9]+(\.[0-9]+)?\s*$/.test(text) || (whole && (!Number.isInteger(value) || value < 1))) {
      throw configError(`${name} must be ${whole ? 'a whole number of at least 1' : 'a number of seconds'}.`);
    }
    options[option] = value;
  }
  return options;
}

/** Which throttle setting a `createOtp` option error is about. */
export function throttleSettingName(option: string): string | undefined {
  return THROTTLE_SETTINGS.find(([, name]) => name === option)?.[0];
}
