import { type ThrottleOptions, throttleOptionsSchema } from '@otpkit/core';
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

const NUMBER = /^\s*[0-9]+(\.[0-9]+)?\s*$/;
const WHOLE = /^\s*[0-9]+\s*$/;

/** A setting's value as quoted in a message: short, and printable. */
const quoted = (text: string) => JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);

/** Throttle options read from the environment, and what is worth a warning about them. */
export interface ThrottleSettings {
  options: ThrottleOptions;
  /** Settings that are valid but switch protection off (a delay of 0). */
  warnings: string[];
}

/**
 * Throttle options from the environment, so that `otpkit verify` counts failures exactly as the
 * site does: set them to the values given to `createOtp({ throttle })`. A 0 that turns the delays
 * off is accepted (the site may really run so) but warned about.
 */
export function throttleSettings(env: Env): ThrottleSettings {
  const options: Record<string, number> = {};
  const warnings: string[] = [];
  for (const [name, option] of THROTTLE_SETTINGS) {
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    if (option === 'maxFailures') {
      if (!WHOLE.test(text) || Number(text) < 1) {
        throw configError(`${name} must be a whole number of at least 1 (got ${quoted(text)}).`);
      }
    } else if (!NUMBER.test(text)) {
      throw configError(`${name} must be a number of seconds, 0 or more (got ${quoted(text)}).`);
    }
    const value = Number(text);
    options[option] = value;
    if (value === 0 && option !== 'maxFailures') {
      warnings.push(
        `${name}=0 turns off the delays after wrong codes (only the lock after too many failures remains): use the value your site gives createOtp.`,
      );
    }
  }
  // The ranges are createOtp's own, checked now so that a bad setting is told before any connection.
  const checked = throttleOptionsSchema.safeParse(options);
  const issue = checked.success ? undefined : checked.error.issues[0];
  if (issue) {
    const name = throttleSettingName(String(issue.path[0])) ?? 'A throttle setting';
    throw configError(`${name} is out of range: ${issue.message}.`);
  }
  return { options, warnings };
}

/** Which throttle setting a `createOtp` option error is about. */
export function throttleSettingName(option: string): string | undefined {
  return THROTTLE_SETTINGS.find(([, name]) => name === option)?.[0];
}
