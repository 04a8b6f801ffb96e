import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type KyselyConfig, MysqlDialect, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import type { AnyKysely } from '../../src/dialect.js';
import { tableNames } from '../../src/table-names.js';

/** The two servers the integration tests use; CI starts both, a laptop may have neither. */
export const SERVERS = {
  postgres: { label: 'PostgreSQL at 127.0.0.1:5432', host: '127.0.0.1', port: 5432 },
  mariadb: { label: 'MariaDB at 127.0.0.1:3306', host: '127.0.0.1', port: 3306 },
} as const;
export type Server = keyof typeof SERVERS;

export interface ConnectOptions {
  /** Override the port, e.g. to go through a proxy or to a closed port. */
  port?: number;
  /** Pool size. */
  max?: number;
  log?: KyselyConfig['log'];
}

/** A Kysely instance over PostgreSQL (user postgres, trust auth, database `test`). */
export function connectPostgres(options: ConnectOptions = {}): AnyKysely {
  const pool = new pg.Pool({
    host: SERVERS.postgres.host,
    port: options.port ?? SERVERS.postgres.port,
    user: 'postgres',
    database: 'test',
    max: options.max ?? 10,
    connectionTimeoutMillis: 2_000,
  });
  // node-postgres emits 'error' on a client whose connection drops: on the pool while the client is
  // idle, on the client itself while it is checked out. Unhandled, either one crashes the process;
  // the failing query rejects anyway, which is what the store reports.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
}

/** A Kysely instance over MariaDB/MySQL (user root, empty password, database `test`). */
export function connectMariadb(options: ConnectOptions = {}): AnyKysely {
  const pool = createPool({
    host: SERVERS.mariadb.host,
    port: options.port ?? SERVERS.mariadb.port,
    user: 'root',
    password: '',
    database: 'test',
    connectionLimit: options.max ?? 10,
    connectTimeout: 2_000,
  });
  return new Kysely({ dialect: new MysqlDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
}

/** A Kysely instance over SQLite: in memory, or in a file. */
export function connectSqlite(filename = ':memory:', options: Pick<ConnectOptions, 'log'> = {}): AnyKysely {
  return new Kysely({
    dialect: new SqliteDialect({ database: new SQLite(filename) }),
    ...(options.log ? { log: options.log } : {}),
  });
}

export function connect(server: Server, options: ConnectOptions = {}): AnyKysely {
  return server === 'postgres' ? connectPostgres(options) : connectMariadb(options);
}

/** A fresh directory for SQLite files; `remove` deletes it. */
export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'otpkit-store-sql-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A table prefix no other run uses, so parallel test files and CI jobs never share tables. */
export function randomPrefix(): string {
  return `t${randomBytes(5).toString('hex')}_`;
}

/** Drop every table a prefix owns (after a run). */
export async function dropTables(db: AnyKysely, prefix: string): Promise<void> {
  const t = tableNames(prefix);
  for (const table of [t.devices, t.tokens, t.userState, t.migrations]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
