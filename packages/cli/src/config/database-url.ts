import { configError } from '../cli-error.js';

/** Where the store lives, and which driver reaches it. */
export type DatabaseTarget =
  | { driver: 'pg'; url: string }
  | { driver: 'mysql2'; url: string }
  | { driver: 'better-sqlite3'; filename: string };

const SCHEMES = 'postgres://, postgresql://, mysql://, mariadb:// or sqlite:';

/**
 * Read a database URL: `postgres://…` / `postgresql://…` (pg), `mysql://…` / `mariadb://…`
 * (mysql2), `sqlite:path`, `sqlite:///absolute/path` or `sqlite::memory:` (better-sqlite3).
 * `source` names the setting in messages (`--db`, `OTPKIT_DATABASE_URL`). Messages never quote the
 * URL: it usually holds a password.
 */
export function parseDatabaseUrl(text: string, source: string): DatabaseTarget {
  const value = text.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    let filename = value.slice('sqlite:'.length);
    // sqlite:///var/lib/otp.db names an absolute path, like the URLs other tools accept.
    if (filename.startsWith('//')) filename = filename.slice(2);
    if (filename === '') throw configError(`${source} names no SQLite file: write sqlite:path/to/file.db.`);
    return { driver: 'better-sqlite3', filename: decodeURIComponent(filename) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'mysql' || scheme === 'mariadb') {
    if (!URL.canParse(value)) throw configError(`${source} is not a valid ${scheme}:// URL.`);
    if (scheme === 'postgres' || scheme === 'postgresql') return { driver: 'pg', url: value };
    // mysql2 speaks to MariaDB too, and knows only the mysql: scheme.
    return { driver: 'mysql2', url: `mysql:${value.slice(scheme.length + 1)}` };
  }
  throw configError(`${source} must start with ${SCHEMES}.`);
}
