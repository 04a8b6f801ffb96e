import { type Kysely, MysqlAdapter, PostgresAdapter, SqliteAdapter } from 'kysely';

/**
 * Any host Kysely instance. The store never uses the host's table types: it runs its own SQL on
 * its own tables, so the database type parameter is irrelevant here.
 */
// biome-ignore lint/suspicious/noExplicitAny: the store accepts a Kysely typed with any host schema
export type AnyKysely = Kysely<any>;

/** The SQL family a Kysely instance speaks; it decides placeholders, `RETURNING` and locking. */
export type SqlFamily = 'postgres' | 'mysql' | 'sqlite';

/**
 * A database the DDL is written for. MySQL and MariaDB share the `mysql` family and differ only in
 * the name of the binary, no-pad collation that keeps ids exact (`'a'` and `'a '` are two ids).
 */
export type SqlDialect = 'postgres' | 'mysql' | 'mariadb' | 'sqlite';

const ADAPTERS: ReadonlyArray<[new () => object, string, SqlFamily]> = [
  [PostgresAdapter, 'PostgresAdapter', 'postgres'],
  [MysqlAdapter, 'MysqlAdapter', 'mysql'],
  [SqliteAdapter, 'SqliteAdapter', 'sqlite'],
];

/**
 * The family of a Kysely instance, from its dialect adapter. Third-party dialects (PGlite, Neon,
 * libSQL, PlanetScale…) extend one of Kysely's three adapters, so `instanceof` covers them; the
 * class-name walk covers a host that bundles a second copy of Kysely.
 */
export function detectFamily(db: AnyKysely): SqlFamily {
  const adapter: object = db.getExecutor().adapter;
  for (const [type, name, family] of ADAPTERS) {
    if (adapter instanceof type || inheritsFrom(adapter, name)) return family;
  }
  throw new TypeError(
    `Invalid option db: unsupported Kysely dialect (${adapter.constructor.name}); @otpkit/store-sql supports PostgreSQL, MySQL/MariaDB and SQLite`,
  );
}

function inheritsFrom(value: object, className: string): boolean {
  for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === className) return true;
  }
  return false;
}
