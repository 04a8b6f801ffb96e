/**
 * The databases the CLI tests run against: an SQLite file always; PostgreSQL (and MariaDB) when
 * they answer on 127.0.0.1. Like store-sql's tests, a developer's run skips a server that is
 * down with a printed reason, but CI (`CI=true`) registers a failing test instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, MysqlDialect, PostgresDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { it } from 'vitest';

/** One database: the URL the CLI gets, a prefix no other run uses, and a way to clean up. */
export interface Target {
  name: string;
  url: string;
  prefix: string;
  /** Reason to skip, or false. */
  skip: string | false;
  /** A fresh prefix (another set of tables in the same database). */
  newPrefix(): string;
  cleanup(): Promise<void>;
}

const SERVERS = {
  postgres: {
    label: 'PostgreSQL at 127.0.0.1:5432',
    url: 'postgres://postgres@127.0.0.1:5432/test',
    open: () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({
            connectionString: 'postgres://postgres@127.0.0.1:5432/test',
            max: 1,
            connectionTimeoutMillis: 2_000,
          }),
        }),
      }),
  },
  mariadb: {
    label: 'MariaDB at 127.0.0.1:3306',
    url: 'mariadb://root@127.0.0.1:3306/test',
    open: () =>
      new Kysely<unknown>({
        dialect: new MysqlDialect({
          pool: createPool({
            uri: 'mysql://root@127.0.0.1:3306/test',
            connectionLimit: 1,
            connectTimeout: 2_000,
          }),
        }),
      }),
  },
} as const;

export const randomPrefix = () => `c${randomBytes(5).toString('hex')}_`;

const TABLES = ['devices', 'tokens', 'user_state', 'migrations'];

export function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'otpkit-cli-'));
  const prefix = randomPrefix();
  return {
    name: 'sqlite',
    url: `sqlite:${join(dir, 'otp.db')}`,
    prefix,
    skip: false,
    newPrefix: randomPrefix,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A server target; call at a test file's top level. */
export async function serverTarget(server: keyof typeof SERVERS): Promise<Target> {
  const { label, url, open } = SERVERS[server];
  const prefixes = [randomPrefix()];
  const db = open();
  let skip: string | false = false;
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    skip = `${label} is unreachable (${error instanceof Error ? error.message || error.name : String(error)})`;
    if (process.env.CI === 'true') {
      it(`${label} is reachable (required when CI=true)`, () => {
        throw new Error(String(skip));
      });
    } else {
      console.warn(`Skipping ${server} CLI tests: ${skip}`);
    }
  }
  return {
    name: server,
    url,
    prefix: prefixes[0]!,
    skip,
    newPrefix() {
      const prefix = randomPrefix();
      prefixes.push(prefix);
      return prefix;
    },
    async cleanup() {
      if (!skip) {
        for (const prefix of prefixes) {
          for (const table of TABLES) await sql.raw(`DROP TABLE IF EXISTS ${prefix}${table}`).execute(db);
        }
      }
      await db.destroy();
    },
  };
}
