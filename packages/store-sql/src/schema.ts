import { parseOptions } from '@otpkit/core';
import { z } from 'zod';
import type { SqlDialect } from './dialect.js';
import { DEFAULT_TABLE_PREFIX, type TableNames, tableNames, tablePrefixSchema } from './table-names.js';

/** One schema version: the statements that bring the previous version to this one. */
export interface Migration {
  version: number;
  name: string;
  /**
   * Statements for one dialect. MySQL commits each DDL statement on its own, so every statement
   * must be safe to run again after a crash halfway (`IF NOT EXISTS`, inline indexes).
   */
  up(dialect: SqlDialect, names: TableNames): string[];
}

interface Types {
  bool: string;
  text: string;
  tableOptions: string;
}

// The id collation must be binary (exact case) and NO PAD (trailing spaces count), on both servers.
const TYPES: Record<SqlDialect, Types> = {
  postgres: { bool: 'BOOLEAN', text: 'TEXT', tableOptions: '' },
  sqlite: { bool: 'INTEGER', text: 'TEXT', tableOptions: '' },
  mysql: {
    bool: 'BOOLEAN',
    text: 'MEDIUMTEXT',
    tableOptions: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin',
  },
  mariadb: {
    bool: 'BOOLEAN',
    text: 'MEDIUMTEXT',
    tableOptions: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin',
  },
};

function createTable(dialect: SqlDialect, table: string, lines: string[], indexes: string[][]): string[] {
  const inline = dialect === 'mysql' || dialect === 'mariadb';
  const body = [...lines, ...(inline ? indexes.map(([name, columns]) => `INDEX ${name} (${columns})`) : [])];
  const create = `CREATE TABLE IF NOT EXISTS ${table} (\n  ${body.join(',\n  ')}\n)${TYPES[dialect].tableOptions}`;
  if (inline) return [create];
  return [
    create,
    ...indexes.map(([name, columns]) => `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`),
  ];
}

/** The schema history. Append a migration for every change; never edit a published one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create user_state, devices and tokens',
    up: (dialect, t) => {
      const { bool, text } = TYPES[dialect];
      return [
        ...createTable(
          dialect,
          t.userState,
          [
            'user_id VARCHAR(255) NOT NULL PRIMARY KEY',
            'version INTEGER NOT NULL',
            'failures INTEGER NOT NULL',
            'last_failure_at BIGINT',
            'locked_at BIGINT',
            'stamp VARCHAR(255) NOT NULL',
            'updated_at BIGINT NOT NULL',
            `data ${text} NOT NULL`,
          ],
          [],
        ),
        ...createTable(
          dialect,
          t.devices,
          [
            'id VARCHAR(255) NOT NULL PRIMARY KEY',
            'user_id VARCHAR(255) NOT NULL',
            'kind VARCHAR(64) NOT NULL',
            'name VARCHAR(255) NOT NULL',
            `confirmed ${bool} NOT NULL`,
            'created_at BIGINT NOT NULL',
            'updated_at BIGINT NOT NULL',
            'last_used_at BIGINT',
            'version INTEGER NOT NULL',
            `data ${text} NOT NULL`,
          ],
          [[t.devicesUserIndex, 'user_id, created_at']],
        ),
        ...createTable(
          dialect,
          t.tokens,
          [
            'id VARCHAR(255) NOT NULL PRIMARY KEY',
            'type VARCHAR(64) NOT NULL',
            'user_id VARCHAR(255) NOT NULL',
            `data ${text} NOT NULL`,
            'created_at BIGINT NOT NULL',
            'expires_at BIGINT NOT NULL',
          ],
          [
            [t.tokensUserIndex, 'user_id, type'],
            [t.tokensExpiresIndex, 'expires_at'],
          ],
        ),
      ];
    },
  },
];

/**
 * The schema version this package writes and reads; `migrate` brings a database to it, and `ddl`
 * returns its statements.
 *
 * @example
 * ```ts
 * const { to } = await migrate(db);
 * assert.equal(to, SCHEMA_VERSION);
 * ```
 */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The table `migrate` records applied versions in (not part of {@link ddl}: teams with their own tooling skip it). */
export function migrationsTableDdl(dialect: SqlDialect, names: TableNames): string {
  return createTable(
    dialect,
    names.migrations,
    ['version INTEGER NOT NULL PRIMARY KEY', 'name VARCHAR(255) NOT NULL', 'applied_at BIGINT NOT NULL'],
    [],
  )[0]!;
}

/**
 * The fields of {@link ddlOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const ddlOptionsShape = {
  /**
   * Prefix of every table and index name.
   * @default 'otpkit_'
   */
  tablePrefix: tablePrefixSchema.default(DEFAULT_TABLE_PREFIX),
};

/** The options of {@link ddl}. */
export const ddlOptionsSchema: z.ZodObject<typeof ddlOptionsShape, z.core.$strict> =
  z.strictObject(ddlOptionsShape);

/**
 * Options of {@link ddl}.
 *
 * @example
 * ```ts
 * ddl('mariadb', { tablePrefix: 'auth_otp_' });
 * ```
 */
export type DdlOptions = z.input<typeof ddlOptionsSchema>;

/**
 * The `CREATE` statements of the current schema for one database, exactly what {@link migrate}
 * runs, for teams that apply schema changes with their own migration tool. Each statement is
 * idempotent (`IF NOT EXISTS`).
 *
 * @example
 * ```ts
 * import { ddl } from '@otpkit/store-sql';
 *
 * // Write a migration file for your own tool (Flyway, Liquibase, dbmate, Prisma Migrate…).
 * await writeFile('migrations/0042_otpkit.sql', `${ddl('postgres').join(';\n\n')};\n`);
 * ```
 */
export function ddl(dialect: SqlDialect, options?: DdlOptions): string[] {
  if (!(dialect in TYPES)) {
    throw new TypeError(`Invalid option dialect: expected 'postgres', 'mysql', 'mariadb' or 'sqlite'`);
  }
  const { tablePrefix } = parseOptions(ddlOptionsSchema, options, 'ddl');
  const names = tableNames(tablePrefix);
  return MIGRATIONS.flatMap((migration) => migration.up(dialect, names));
}
