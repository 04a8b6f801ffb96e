/**
 * Walking every device of the store in id order, one page at a time: what `otpkit keys rotate`
 * needs to re-seal secrets under a new key. The `OtpStore` port reads one user at a time on
 * purpose; this is an operator's tool, outside the port.
 */
import type { DeviceRecord } from '@otpkit/core';
import { parseOptions } from '@otpkit/core';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AnyKysely } from './dialect.js';
import { type Row, toDevice, toInt } from './rows.js';
import { kyselySchema } from './sql-store.js';
import { storeUnavailable } from './store-errors.js';
import { DEFAULT_TABLE_PREFIX, tableNames, tablePrefixSchema } from './table-names.js';

const DEVICE_COLUMNS =
  'id, user_id, kind, name, confirmed, created_at, updated_at, last_used_at, version, data';

/**
 * The fields of {@link scanDevicesOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const scanDevicesOptionsShape = {
  /**
   * Prefix of the store's tables; must match the one given to `sqlStore`.
   * @default 'otpkit_'
   */
  tablePrefix: tablePrefixSchema.default(DEFAULT_TABLE_PREFIX),
  /** Return devices whose id sorts after this one (the last id of the previous page); null for the first page. @default null */
  after: z.string().nullable().default(null),
  /** Devices per page, 1–10 000. @default 500 */
  limit: z.number().int().min(1).max(10_000).default(500),
};

/** The options of {@link scanDevices}. */
export const scanDevicesOptionsSchema: z.ZodObject<typeof scanDevicesOptionsShape, z.core.$strict> =
  z.strictObject(scanDevicesOptionsShape);

const countOptionsSchema = z.strictObject({ tablePrefix: tablePrefixSchema.default(DEFAULT_TABLE_PREFIX) });

/**
 * Options of {@link scanDevices}.
 *
 * @example
 * ```ts
 * const page = await scanDevices(db, { after: lastId, limit: 200 });
 * ```
 */
export type ScanDevicesOptions = z.input<typeof scanDevicesOptionsSchema>;

/**
 * One page of devices of every user, in id order: the ids after `after`, at most `limit` of them.
 * An empty page means the walk is over. Keyset pagination, so devices added or deleted during the
 * walk never shift a page; a device created behind the cursor is simply not visited. Reads only:
 * write changes back through `sqlStore(…).commit` with a compare-and-set on the device's version.
 * A failing database rejects with `OtpError('OTP_STORE_UNAVAILABLE')`.
 *
 * @example
 * ```ts
 * let after: string | null = null;
 * for (;;) {
 *   const page = await scanDevices(db, { after, limit: 200 });
 *   if (page.length === 0) break;
 *   for (const device of page) inspect(device);
 *   after = page[page.length - 1]!.id;
 * }
 * ```
 */
export async function scanDevices(db: AnyKysely, options?: ScanDevicesOptions): Promise<DeviceRecord[]> {
  const { tablePrefix, after, limit } = parseOptions(scanDevicesOptionsSchema, options, 'scanDevices');
  const plain = parseOptions(kyselySchema, db, 'scanDevices.db').withoutPlugins();
  const table = sql.raw(tableNames(tablePrefix).devices);
  const where = after === null ? sql`` : sql` WHERE id > ${after}`;
  try {
    // The limit is a checked integer, written as a literal: MySQL refuses a placeholder there
    // when statements are prepared.
    const { rows } =
      await sql<Row>`SELECT ${sql.raw(DEVICE_COLUMNS)} FROM ${table}${where} ORDER BY id LIMIT ${sql.lit(limit)}`.execute(
        plain,
      );
    return rows.map(toDevice);
  } catch (error) {
    throw storeUnavailable(error);
  }
}

/**
 * How many devices the store holds, of every user and kind (for a progress bar over
 * {@link scanDevices}). A failing database rejects with `OtpError('OTP_STORE_UNAVAILABLE')`.
 *
 * @example
 * ```ts
 * const total = await countDevices(db, { tablePrefix: 'otpkit_' });
 * ```
 */
export async function countDevices(db: AnyKysely, options?: { tablePrefix?: string }): Promise<number> {
  const { tablePrefix } = parseOptions(countOptionsSchema, options, 'countDevices');
  const plain = parseOptions(kyselySchema, db, 'countDevices.db').withoutPlugins();
  try {
    const { rows } =
      await sql<Row>`SELECT COUNT(*) AS n FROM ${sql.raw(tableNames(tablePrefix).devices)}`.execute(plain);
    return toInt(rows[0]?.n, 'count');
  } catch (error) {
    throw storeUnavailable(error);
  }
}
