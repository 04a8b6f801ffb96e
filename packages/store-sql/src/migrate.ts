import { createHash } from 'node:crypto';
import { parseOptions } from '@otpkit/core';
import { sql } from 'kysely';
import { z } from 'zod';
import { type AnyKysely, detectFamily, type SqlDialect, type SqlFamily } from './dialect.js';
import type { Row } from './rows.js';
import { toInt } from './rows.js';
import { MIGRATIONS, migrationsTableDdl, SCHEMA_VERSION } from './schema.js';
import { storeUnavailable } from './store-errors.js';
import { DEFAULT_TABLE_PREFIX, type TableNames, tableNames, tablePrefixSchema } from './table-names.js';

/**
 * The fields of {@link migrateOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const migrateOptionsShape = {
  /**
   * Prefix of the store's tables; must match the one given to `sqlStore`.
   * @default 'otpkit_'
   */
  tablePrefix: tablePrefixSchema.default(DEFAULT_TABLE_PREFIX),
  /**
   * How long MySQL/MariaDB waits for another process's migration to finish (`GET_LOCK`), 1–3600
   * seconds. PostgreSQL waits on its advisory lock and SQLite on its busy timeout.
   * @default 60
   */
  lockTimeoutSeconds: z.number().int().min(1).max(3600).default(60),
};

/** The options of {@link migrate}. */
export const migrateOptionsSchema: z.ZodObject<typeof migrateOptionsShape, z.core.$strict> =
  z.strictObject(migrateOptionsShape);

/**
 * Options of {@link migrate}.
 *
 * @example
 * ```ts
 * await migrate(db, { tablePrefix: 'auth_otp_', lockTimeoutSeconds: 120 });
 * ```
 */
export type MigrateOptions = z.input<typeof migrateOptionsSchema>;

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The schema version found before (0 on an empty database). */
  from: number;
  /** The schema version now. */
  to: number;
  /** The versions this call applied, oldest first; empty when another process got there first. */
  applied: number[];
}

/**
 * Create or upgrade the store's tables. Idempotent, versioned (applied versions are recorded in
 * `<prefix>migrations`), and safe when several app instances run it at once on start-up: they
 * queue on a database lock (PostgreSQL `pg_advisory_xact_lock` inside the migration transaction,
 * MySQL/MariaDB `GET_LOCK` on one connection, SQLite `BEGIN IMMEDIATE`) and the later ones find
 * nothing left to do. Teams with their own migration tooling can use {@link ddl} instead.
 *
 * @example
 * ```ts
 * import { migrate } from '@otpkit/store-sql';
 *
 * const { applied } = await migrate(db, { tablePrefix: 'otpkit_' });
 * if (applied.length > 0) logger.info({ applied }, 'otpkit schema upgraded');
 * ```
 */
export function migrate(db: AnyKysely, options?: MigrateOptions): Promise<MigrateResult> {
  // Options are checked before anything runs, so a bad one throws at the call like every factory's.
  const { tablePrefix, lockTimeoutSeconds } = parseOptions(migrateOptionsSchema, options, 'migrate');
  return runMigrations(db.withoutPlugins(), detectFamily(db), tableNames(tablePrefix), lockTimeoutSeconds);
}

async function runMigrations(
  plain: AnyKysely,
  family: SqlFamily,
  names: TableNames,
  lockTimeoutSeconds: number,
): Promise<MigrateResult> {
  try {
    if (family === 'postgres') {
      return await plain.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${lockKey(names)})`.execute(trx);
        return applyPending(trx, 'postgres', names);
      });
    }
    if (family === 'mysql') {
      return await plain.connection().execute(async (conn) => {
        const lock = `otpkit_migrate_${names.prefix}`;
        const { rows } = await sql<Row>`SELECT GET_LOCK(${lock}, ${lockTimeoutSeconds}) AS got`.execute(conn);
        if (Number(rows[0]?.got) !== 1) throw new Error(`Timed out waiting for the migration lock ${lock}`);
        try {
          return await applyPending(conn, await mysqlDialect(conn), names);
        } finally {
          // A dead connection has released the lock with its session already.
          await sql`SELECT RELEASE_LOCK(${lock})`.execute(conn).catch(() => undefined);
        }
      });
    }
    return await plain.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await applyPending(conn, 'sqlite', names);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/** A 64-bit advisory lock key per prefix, so unrelated prefixes do not queue behind each other. */
function lockKey(names: TableNames): string {
  const digest = createHash('sha256').update(`otpkit:migrate:${names.prefix}`).digest();
  return digest.readBigInt64BE(0).toString();
}

async function mysqlDialect(db: AnyKysely): Promise<SqlDialect> {
  const { rows } = await sql<Row>`SELECT VERSION() AS v`.execute(db);
  return String(rows[0]?.v ?? '').includes('MariaDB') ? 'mariadb' : 'mysql';
}

async function applyPending(db: AnyKysely, dialect: SqlDialect, names: TableNames): Promise<MigrateResult> {
  await sql.raw(migrationsTableDdl(dialect, names)).execute(db);
  const { rows } = await sql<Row>`SELECT version FROM ${sql.raw(names.migrations)}`.execute(db);
  const done = new Set(rows.map((row) => toInt(row.version, 'version')));
  const from = Math.max(0, ...done);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    for (const statement of migration.up(dialect, names)) await sql.raw(statement).execute(db);
    await sql`INSERT INTO ${sql.raw(names.migrations)} (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${Date.now()})`.execute(
      db,
    );
    applied.push(migration.version);
  }
  return { from, to: Math.max(from, SCHEMA_VERSION), applied };
}
