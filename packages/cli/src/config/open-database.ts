import { existsSync } from 'node:fs';
import type { AnyKysely } from '@otpkit/store-sql';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { configError } from '../cli-error.js';
import { printable } from '../io.js';
import type { DatabaseTarget } from './database-url.js';

const DRIVERS = {
  pg: { label: 'PostgreSQL', load: () => import('pg') },
  mysql2: { label: 'MySQL/MariaDB', load: () => import('mysql2') },
  'better-sqlite3': { label: 'SQLite', load: () => import('better-sqlite3') },
} as const;

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${name}'`)
  );
}

/**
 * Import an optional peer dependency. The drivers are loaded only when a URL asks for one, so an
 * operator installs just the driver of their database.
 */
async function loadDriver<N extends keyof typeof DRIVERS>(
  name: N,
): Promise<Awaited<ReturnType<(typeof DRIVERS)[N]['load']>>> {
  try {
    return (await DRIVERS[name].load()) as Awaited<ReturnType<(typeof DRIVERS)[N]['load']>>;
  } catch (error) {
    if (isMissing(error, name)) {
      throw configError(
        `The ${DRIVERS[name].label} driver is not installed: run \`npm install ${name}\` where @otpkit/cli is installed.`,
      );
    }
    throw error;
  }
}

// Each command makes a handful of queries; a small pool is plenty and closes quickly.
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 10_000;

/** How a command opens its database. */
export interface OpenOptions {
  /**
   * Whether a SQLite file that does not exist may be created (only `otpkit migrate`): any other
   * command refuses it, so that a mistyped path is reported instead of becoming an empty database.
   */
  create: boolean;
}

/** A Kysely instance over the target's driver. The caller destroys it when the command ends. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions): Promise<AnyKysely> {
  switch (target.driver) {
    case 'pg': {
      const pg = await loadDriver('pg');
      const pool = new pg.default.Pool({
        connectionString: target.url,
        max: POOL_SIZE,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
      // An idle client whose connection drops emits 'error' on the pool; unhandled, it would crash
      // the command instead of failing the query that notices.
      pool.on('error', () => undefined);
      return new Kysely({ dialect: new PostgresDialect({ pool }) });
    }
    case 'mysql2': {
      const mysql = await loadDriver('mysql2');
      const pool = mysql.default.createPool({
        uri: target.url,
        connectionLimit: POOL_SIZE,
        connectTimeout: CONNECT_TIMEOUT_MS,
      });
      return new Kysely({ dialect: new MysqlDialect({ pool }) });
    }
    case 'better-sqlite3': {
      const { default: Database } = await loadDriver('better-sqlite3');
      const { filename } = target;
      const mustExist = !options.create && filename !== ':memory:';
      if (mustExist && !existsSync(filename)) {
        throw configError(
          `The SQLite database ${printable(filename)} does not exist: check the path in the database URL (\`otpkit migrate\` creates it).`,
        );
      }
      let database: InstanceType<typeof Database>;
      try {
        database = new Database(filename, { fileMustExist: mustExist });
      } catch (error) {
        // A missing directory or a file that is not a database: the operator's path is wrong.
        const reason = error instanceof Error ? error.message : String(error);
        throw configError(`The SQLite database cannot be opened (${reason}).`);
      }
      return new Kysely({ dialect: new SqliteDialect({ database }) });
    }
  }
}
