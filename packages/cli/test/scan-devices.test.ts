/**
 * `scanDevices` / `countDevices` from @otpkit/store-sql, which `otpkit keys rotate` walks the store
 * with: every device once, in id order, page by page, on each database.
 */
import { type DeviceRecord, isOtpError } from '@otpkit/core';
import { type AnyKysely, countDevices, migrate, scanDevices, sqlStore } from '@otpkit/store-sql';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPrefix, serverTarget } from './helpers/databases.js';

const [postgres, mariadb] = [await serverTarget('postgres'), await serverTarget('mariadb')];
afterAll(() => Promise.all([postgres.cleanup(), mariadb.cleanup()]));

const targets = [
  {
    name: 'sqlite',
    skip: false as const,
    open: () => new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) }),
  },
  {
    name: 'postgres',
    skip: postgres.skip,
    open: () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: postgres.url }) }),
      }),
  },
  {
    name: 'mariadb',
    skip: mariadb.skip,
    open: () =>
      new Kysely<unknown>({
        dialect: new MysqlDialect({ pool: createPool({ uri: mariadb.url.replace(/^mariadb:/, 'mysql:') }) }),
      }),
  },
];

function device(id: string, userId: string): DeviceRecord {
  return {
    id,
    userId,
    kind: 'totp',
    name: `Device ${id}`,
    confirmed: true,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    lastUsedAt: null,
    version: 1,
    data: { secret: `v1.k1.${id}`, nested: { n: 1 } },
  };
}

// Mixed case, digits, '-' and '_': the characters of base64url device ids.
const IDS = ['A-1', 'a_2', 'B3', 'b-4', 'Z_5', 'z6', '0-7', '9_8', '-a9', '_b10', 'Mm11'];

describe.each(targets)('scanDevices on $name', (target) => {
  let db: AnyKysely;
  const tablePrefix = randomPrefix();
  beforeAll(async () => {
    if (target.skip) return;
    db = target.open();
    await migrate(db, { tablePrefix });
    const store = sqlStore({ db, tablePrefix });
    for (const [i, id] of IDS.entries()) {
      const userId = `user${i % 3}`;
      const state = (await store.loadUser(userId)).state;
      expect(
        await store.commit({
          userId,
          expectedStateVersion: state?.version ?? null,
          devices: [{ op: 'create', device: device(id, userId) }],
        }),
      ).toBe(true);
    }
  });
  afterAll(async () => {
    if (target.skip) return;
    for (const table of ['devices', 'tokens', 'user_state', 'migrations']) {
      await sql.raw(`DROP TABLE IF EXISTS ${tablePrefix}${table}`).execute(db);
    }
    await db.destroy();
  });

  it.skipIf(target.skip)(
    'visits every device exactly once, page by page, in the order the database sorts ids',
    async () => {
      const seen: DeviceRecord[] = [];
      const pages: number[] = [];
      for (let after: string | null = null; ; ) {
        const page: DeviceRecord[] = await scanDevices(db, { tablePrefix, after, limit: 4 });
        if (page.length === 0) break;
        pages.push(page.length);
        seen.push(...page);
        after = page.at(-1)!.id;
      }
      expect(pages).toEqual([4, 4, 3]);
      expect(seen.map((d) => d.id).sort()).toEqual([...IDS].sort());
      // Each page starts after the last id of the one before, in the database's own order.
      const whole = await scanDevices(db, { tablePrefix, limit: 100 });
      expect(seen.map((d) => d.id)).toEqual(whole.map((d) => d.id));
      expect(seen.find((d) => d.id === 'B3')).toEqual(device('B3', 'user2'));
    },
  );

  it.skipIf(target.skip)('counts the devices of every user', async () => {
    expect(await countDevices(db, { tablePrefix })).toBe(IDS.length);
  });

  it.skipIf(target.skip)('fails closed when the tables are missing', async () => {
    const missing = await scanDevices(db, { tablePrefix: randomPrefix() }).catch((error: unknown) => error);
    expect(isOtpError(missing, 'OTP_STORE_UNAVAILABLE')).toBe(true);
    const count = await countDevices(db, { tablePrefix: randomPrefix() }).catch((error: unknown) => error);
    expect(isOtpError(count, 'OTP_STORE_UNAVAILABLE')).toBe(true);
  });

  it.skipIf(target.skip)('refuses bad options by name', async () => {
    await expect(scanDevices(db, { tablePrefix, limit: 0 })).rejects.toThrow(
      /Invalid option scanDevices\.limit/,
    );
    await expect(scanDevices(db, { tablePrefix: 'x; DROP' })).rejects.toThrow(
      /Invalid option scanDevices\.tablePrefix/,
    );
  });
});
