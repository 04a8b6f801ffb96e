import { createHash } from 'node:crypto';
import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { AnyKysely, SqlFamily } from './dialect.js';
import type { TableNames } from './table-names.js';

/** A named placeholder in a statement template; the statement is compiled once with these in place. */
class Param {
  constructor(readonly name: string) {}
}

/** A statement compiled once at store creation: only its values change from call to call. */
export interface Prepared {
  readonly sql: string;
  query(values: Readonly<Record<string, unknown>>): CompiledQuery;
}

/**
 * A statement name riding along with the SQL text. node-postgres treats a query that is not a
 * primitive string as a config object, so a named statement is parsed and planned once per
 * connection and then only bound and executed; Kysely passes the text through untouched, and
 * anything that prints it (logs, errors) sees the SQL through `toString`. Planning is most of the
 * database's work for these short statements: named, `loadUser` runs about 2.5× as fast.
 * `named-statements.test.ts` proves that the server really keeps them prepared.
 */
class NamedStatement {
  constructor(
    readonly text: string,
    readonly name: string,
  ) {}
  toString(): string {
    return this.text;
  }
  valueOf(): string {
    return this.text;
  }
}

function driverText(sql: string, named: boolean): string {
  if (!named) return sql;
  const name = `otpkit_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
  return new NamedStatement(sql, name) as unknown as string;
}

function prepare(db: AnyKysely, template: RawBuilder<unknown>, named: boolean): Prepared {
  const compiled = template.compile(db);
  const names = compiled.parameters.map((parameter) => {
    if (!(parameter instanceof Param)) throw new Error('Statement templates take named params only');
    return parameter.name;
  });
  const text = driverText(compiled.sql, named);
  return {
    sql: compiled.sql,
    query(values) {
      const parameters = names.map((name) => {
        // A missing value would silently become NULL in node-postgres.
        if (!(name in values)) throw new Error(`Missing value for statement param ${name}`);
        return values[name];
      });
      return CompiledQuery.raw(text, parameters);
    },
  };
}

/**
 * How a device write that carries no state write proves the user's state version: it does not
 * (inside a transaction whose state write already did), or with an `EXISTS` / `NOT EXISTS` test on
 * the state row in the same statement.
 */
export type Guard = 'none' | 'exists' | 'absent';
const GUARDS: readonly Guard[] = ['none', 'exists', 'absent'];

const DEVICE_COLUMNS =
  'id, user_id, kind, name, confirmed, created_at, updated_at, last_used_at, version, data';
const TOKEN_COLUMNS = 'id, type, user_id, data, created_at, expires_at';

/** Every statement the store runs, compiled for one database and one table prefix. */
export interface Statements {
  loadUser: Prepared;
  getDevice: Prepared;
  stateVersion: Prepared;
  stateInsert: Prepared;
  stateUpdate: Prepared;
  deviceInsert: Record<Guard, Prepared>;
  deviceUpdate: Record<Guard, Prepared>;
  deviceDelete: Record<Guard, Prepared>;
  tokenInsert: Prepared;
  tokenGet: Prepared;
  /** `DELETE … RETURNING` where the database has it (PostgreSQL, SQLite ≥ 3.35), else null. */
  tokenConsume: Prepared | null;
  tokenDeleteRead: Prepared;
  tokenUpdate: Prepared;
  tokenUpdateExpiry: Prepared;
  tokenList: Prepared;
  tokenDeleteUser: Prepared;
  tokenDeleteUserType: Prepared;
  tokenDeleteUserId: Prepared;
  tokenDeleteUserTypeId: Prepared;
  tokenPurge: Prepared;
}

export function buildStatements(
  db: AnyKysely,
  family: SqlFamily,
  t: TableNames,
  options: { namedStatements: boolean } = { namedStatements: false },
): Statements {
  const p = (name: string) => new Param(name);
  const table = (name: string) => sql.raw(name);
  const [userState, devices, tokens] = [table(t.userState), table(t.devices), table(t.tokens)];
  const cols = (list: string) => sql.raw(list);
  const named = options.namedStatements && family === 'postgres';
  const q = (template: RawBuilder<unknown>) => prepare(db, template, named);

  const condition = (guard: Guard) =>
    guard === 'exists'
      ? sql`EXISTS (SELECT 1 FROM ${userState} WHERE user_id = ${p('userId')} AND version = ${p('stateVersion')})`
      : sql`NOT EXISTS (SELECT 1 FROM ${userState} WHERE user_id = ${p('userId')})`;
  const andGuard = (guard: Guard) => (guard === 'none' ? sql`` : sql` AND ${condition(guard)}`);
  const deviceValues = sql`${p('id')}, ${p('userId')}, ${p('kind')}, ${p('name')}, ${p('confirmed')}, ${p('createdAt')}, ${p('updatedAt')}, ${p('lastUsedAt')}, 1, ${p('data')}`;
  // MySQL wants a table in a SELECT that has a WHERE clause; DUAL is its empty one.
  const fromDual = family === 'mysql' ? sql` FROM DUAL` : sql``;
  const perGuard = (build: (guard: Guard) => RawBuilder<unknown>) =>
    Object.fromEntries(GUARDS.map((guard) => [guard, q(build(guard))])) as Record<Guard, Prepared>;

  return {
    // The state row and every device in one statement (one snapshot, one round trip). UNION ALL of
    // two index lookups: a join would need a driving row for users with neither, and an ORDER BY
    // over either makes MySQL build a temporary table; the few devices are sorted by the caller.
    // A UNION takes its column names from the first SELECT, so its NULLs carry the device names.
    loadUser: q(
      sql`SELECT version AS s_version, failures AS s_failures, last_failure_at AS s_last_failure_at, locked_at AS s_locked_at, stamp AS s_stamp, updated_at AS s_updated_at, data AS s_data, ${cols(DEVICE_COLUMNS.replace(/\w+/g, 'NULL AS $&'))} FROM ${userState} WHERE user_id = ${p('userId')} UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${cols(DEVICE_COLUMNS)} FROM ${devices} WHERE user_id = ${p('userId')}`,
    ),
    getDevice: q(sql`SELECT ${cols(DEVICE_COLUMNS)} FROM ${devices} WHERE id = ${p('id')}`),
    stateVersion: q(sql`SELECT version FROM ${userState} WHERE user_id = ${p('userId')}`),
    stateInsert: q(
      sql`INSERT INTO ${userState} (user_id, version, failures, last_failure_at, locked_at, stamp, updated_at, data) VALUES (${p('userId')}, 1, ${p('failures')}, ${p('lastFailureAt')}, ${p('lockedAt')}, ${p('stamp')}, ${p('updatedAt')}, ${p('data')})`,
    ),
    stateUpdate: q(
      sql`UPDATE ${userState} SET version = version + 1, failures = ${p('failures')}, last_failure_at = ${p('lastFailureAt')}, locked_at = ${p('lockedAt')}, stamp = ${p('stamp')}, updated_at = ${p('updatedAt')}, data = ${p('data')} WHERE user_id = ${p('userId')} AND version = ${p('stateVersion')}`,
    ),
    deviceInsert: perGuard((guard) =>
      guard === 'none'
        ? sql`INSERT INTO ${devices} (${cols(DEVICE_COLUMNS)}) VALUES (${deviceValues})`
        : sql`INSERT INTO ${devices} (${cols(DEVICE_COLUMNS)}) SELECT ${deviceValues}${fromDual} WHERE ${condition(guard)}`,
    ),
    deviceUpdate: perGuard(
      (guard) =>
        sql`UPDATE ${devices} SET kind = ${p('kind')}, name = ${p('name')}, confirmed = ${p('confirmed')}, created_at = ${p('createdAt')}, updated_at = ${p('updatedAt')}, last_used_at = ${p('lastUsedAt')}, data = ${p('data')}, version = version + 1 WHERE id = ${p('id')} AND user_id = ${p('userId')} AND version = ${p('expectedVersion')}${andGuard(guard)}`,
    ),
    deviceDelete: perGuard(
      (guard) =>
        sql`DELETE FROM ${devices} WHERE id = ${p('id')} AND user_id = ${p('userId')} AND version = ${p('expectedVersion')}${andGuard(guard)}`,
    ),
    tokenInsert: q(
      sql`INSERT INTO ${tokens} (${cols(TOKEN_COLUMNS)}) VALUES (${p('id')}, ${p('type')}, ${p('userId')}, ${p('data')}, ${p('createdAt')}, ${p('expiresAt')})`,
    ),
    tokenGet: q(
      sql`SELECT ${cols(TOKEN_COLUMNS)} FROM ${tokens} WHERE id = ${p('id')} AND expires_at > ${p('now')}`,
    ),
    tokenConsume:
      family === 'mysql'
        ? null
        : q(
            sql`DELETE FROM ${tokens} WHERE id = ${p('id')} AND expires_at > ${p('now')} RETURNING ${cols(TOKEN_COLUMNS)}`,
          ),
    // Deletes exactly the row that was read: an id re-used after a consume cannot be taken by a stale reader.
    tokenDeleteRead: q(
      sql`DELETE FROM ${tokens} WHERE id = ${p('id')} AND created_at = ${p('createdAt')} AND expires_at > ${p('now')}`,
    ),
    tokenUpdate: q(
      sql`UPDATE ${tokens} SET data = ${p('data')} WHERE id = ${p('id')} AND expires_at > ${p('now')}`,
    ),
    tokenUpdateExpiry: q(
      sql`UPDATE ${tokens} SET data = ${p('data')}, expires_at = ${p('expiresAt')} WHERE id = ${p('id')} AND expires_at > ${p('now')}`,
    ),
    tokenList: q(
      sql`SELECT ${cols(TOKEN_COLUMNS)} FROM ${tokens} WHERE user_id = ${p('userId')} AND type = ${p('type')} AND expires_at > ${p('now')}`,
    ),
    tokenDeleteUser: q(sql`DELETE FROM ${tokens} WHERE user_id = ${p('userId')}`),
    tokenDeleteUserId: q(sql`DELETE FROM ${tokens} WHERE user_id = ${p('userId')} AND id = ${p('id')}`),
    tokenDeleteUserTypeId: q(
      sql`DELETE FROM ${tokens} WHERE user_id = ${p('userId')} AND type = ${p('type')} AND id = ${p('id')}`,
    ),
    tokenDeleteUserType: q(sql`DELETE FROM ${tokens} WHERE user_id = ${p('userId')} AND type = ${p('type')}`),
    tokenPurge: q(sql`DELETE FROM ${tokens} WHERE expires_at <= ${p('now')}`),
  };
}
