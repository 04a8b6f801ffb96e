import {
  type DeviceRecord,
  OtpError,
  type OtpStore,
  parseOptions,
  type TokenRecord,
  type UserSnapshot,
} from '@otpkit/core';
import { type CompiledQuery, Kysely } from 'kysely';
import { z } from 'zod';
import { applyCommit, type CommitContext } from './commit.js';
import { type AnyKysely, detectFamily } from './dialect.js';
import { type Row, toDevice, toToken, toUserState } from './rows.js';
import { buildStatements } from './statements.js';
import { isDuplicateKey, storeUnavailable } from './store-errors.js';
import { DEFAULT_TABLE_PREFIX, tableNames, tablePrefixSchema } from './table-names.js';

/** Anything shaped like a Kysely instance (a second bundled copy of Kysely fails `instanceof`). */
export const kyselySchema = z.custom<AnyKysely>(
  (value) =>
    value instanceof Kysely ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as AnyKysely).executeQuery === 'function' &&
      typeof (value as AnyKysely).getExecutor === 'function'),
  { message: 'expected a Kysely instance' },
);

/**
 * The fields of {@link sqlStoreOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const sqlStoreOptionsShape = {
  /** The host's Kysely instance over PostgreSQL (`pg`), MySQL/MariaDB (`mysql2`) or SQLite (`better-sqlite3`). */
  db: kyselySchema,
  /**
   * Prefix of the store's tables (`otpkit_devices`…): a letter or `_`, then up to 30 letters, digits
   * or `_`; case-insensitive (names are lower-cased). Must match the prefix given to `migrate`.
   * @default 'otpkit_'
   */
  tablePrefix: tablePrefixSchema.default(DEFAULT_TABLE_PREFIX),
  /**
   * Whether `close()` destroys `db` too. The Kysely instance usually belongs to the host, which
   * shares its pool with the rest of the application, so by default `close()` leaves it alone.
   * @default false
   */
  destroyOnClose: z.boolean().default(false),
  /**
   * PostgreSQL: prepare each statement once per connection (named statements) instead of parsing
   * and planning it on every call, which more than doubles what the database can serve. Turn it off
   * behind a pooler that cannot carry prepared statements across server connections (PgBouncer in
   * transaction mode before 1.21). Ignored on MySQL/MariaDB and SQLite.
   * @default true
   */
  preparedStatements: z.boolean().default(true),
};

/** The options of {@link sqlStore}, checked once when the store is made. */
export const sqlStoreOptionsSchema: z.ZodObject<typeof sqlStoreOptionsShape, z.core.$strict> =
  z.strictObject(sqlStoreOptionsShape);

/**
 * Options of {@link sqlStore} (see {@link sqlStoreOptionsSchema} for each field).
 *
 * @example
 * ```ts
 * const store = sqlStore({ db, tablePrefix: 'auth_otp_', preparedStatements: false });
 * ```
 */
export type SqlStoreOptions = z.input<typeof sqlStoreOptionsSchema>;

/** The {@link @otpkit/core!index.OtpStore | OtpStore} that {@link sqlStore} returns: `purgeExpired` and `close` are always there. */
export interface SqlStore extends OtpStore {
  purgeExpired(now: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * otpkit's storage port over a Kysely instance, safe when many app instances share one database:
 * every state change is a compare-and-set checked inside the statement (or transaction) that
 * writes it, tokens are consumed by a `DELETE` that only one racer can win, and any driver error
 * rejects with `OTP_STORE_UNAVAILABLE` so that verification fails closed. A verification costs two
 * statements: one read (`loadUser`) and one guarded write (`commit`). Run {@link migrate} first.
 *
 * `close()` does **not** destroy the Kysely instance (it is the host's) unless `destroyOnClose`.
 *
 * @example
 * ```ts
 * import { Kysely, PostgresDialect } from 'kysely';
 * import pg from 'pg';
 * import { migrate, sqlStore } from '@otpkit/store-sql';
 *
 * const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString }) }) });
 * await migrate(db);
 * const otp = createOtp({ store: sqlStore({ db }), keyring, kinds: [totp({ issuer: 'Acme' })] });
 * ```
 */
export function sqlStore(options: SqlStoreOptions): SqlStore {
  const {
    db: hostDb,
    tablePrefix,
    destroyOnClose,
    preparedStatements,
  } = parseOptions(sqlStoreOptionsSchema, options, 'sqlStore');
  const family = detectFamily(hostDb);
  // Result plugins such as CamelCasePlugin would rename the columns this store reads.
  const db = hostDb.withoutPlugins();
  const statements = buildStatements(db, family, tableNames(tablePrefix), {
    namedStatements: preparedStatements,
  });
  const commitContext: CommitContext = { db, family, statements };

  const rows = async (query: CompiledQuery): Promise<Row[]> => (await db.executeQuery<Row>(query)).rows;
  const affected = async (query: CompiledQuery): Promise<number> =>
    Number((await db.executeQuery(query)).numAffectedRows ?? 0n);
  // Every method goes through here: a driver error (or a corrupt row) is never an empty answer.
  const guarded = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw storeUnavailable(error);
    }
  };

  return {
    loadUser: (userId) =>
      guarded(async () => {
        let state: UserSnapshot['state'] = null;
        const devices: DeviceRecord[] = [];
        for (const row of await rows(statements.loadUser.query({ userId }))) {
          if (row.id !== null && row.id !== undefined) devices.push(toDevice(row));
          else state = toUserState(row, userId);
        }
        // Oldest first; the id breaks ties so that the order never depends on the query plan.
        devices.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return { state, devices };
      }),

    getDevice: (deviceId) =>
      guarded(async () => {
        const [row] = await rows(statements.getDevice.query({ id: deviceId }));
        return row ? toDevice(row) : null;
      }),

    commit: (change) => applyCommit(commitContext, change),

    putToken: (token) =>
      guarded(async () => {
        try {
          await db.executeQuery(
            statements.tokenInsert.query({
              id: token.id,
              type: token.type,
              userId: token.userId,
              data: JSON.stringify(token.data),
              createdAt: token.createdAt,
              expiresAt: token.expiresAt,
            }),
          );
        } catch (error) {
          if (isDuplicateKey(error)) throw new OtpError('OTP_STORE_CONFLICT', 'A token with this id exists');
          throw error;
        }
      }),

    getToken: (id, now) =>
      guarded(async () => {
        const [row] = await rows(statements.tokenGet.query({ id, now }));
        return row ? toToken(row) : null;
      }),

    consumeToken: (id, now) =>
      guarded(async (): Promise<TokenRecord | null> => {
        if (statements.tokenConsume) {
          const [row] = await rows(statements.tokenConsume.query({ id, now }));
          return row ? toToken(row) : null;
        }
        // MySQL has no DELETE … RETURNING: read, then let the DELETE decide which racer wins.
        const [row] = await rows(statements.tokenGet.query({ id, now }));
        if (!row) return null;
        const token = toToken(row);
        const deleted = await affected(
          statements.tokenDeleteRead.query({ id, createdAt: token.createdAt, now }),
        );
        return deleted === 1 ? token : null;
      }),

    updateToken: (id, { data, expiresAt }, now) =>
      guarded(async () => {
        const values = { id, now, data: JSON.stringify(data) };
        const query =
          expiresAt === undefined
            ? statements.tokenUpdate.query(values)
            : statements.tokenUpdateExpiry.query({ ...values, expiresAt });
        return (await affected(query)) === 1;
      }),

    listTokens: ({ userId, type }, now) =>
      guarded(async () => {
        const tokens = (await rows(statements.tokenList.query({ userId, type, now }))).map(toToken);
        return tokens.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }),

    deleteTokens: ({ userId, type, id }) =>
      guarded(() => {
        if (id !== undefined) {
          return affected(
            type === undefined
              ? statements.tokenDeleteUserId.query({ userId, id })
              : statements.tokenDeleteUserTypeId.query({ userId, type, id }),
          );
        }
        return affected(
          type === undefined
            ? statements.tokenDeleteUser.query({ userId })
            : statements.tokenDeleteUserType.query({ userId, type }),
        );
      }),

    purgeExpired: (now) => guarded(() => affected(statements.tokenPurge.query({ now }))),

    close: async () => {
      if (destroyOnClose) await hostDb.destroy();
    },
  };
}
