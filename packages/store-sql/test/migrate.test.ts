import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyKysely } from '../src/dialect.js';
import { migrate, sqlStore } from '../src/index.js';
import { tableNames } from '../src/table-names.js';
import {
  connect,
  connectSqlite,
  dropTables,
  randomPrefix,
  type Server,
  tempDir,
} from './helpers/databases.js';
import { serverSkip } from './helpers/server-skip.js';

interface Target {
  name: string;
  skip: string | false;
  /** Two independent pools (or connections) to one database, like two app instances. */
  open(): [AnyKysely, AnyKysely];
  cleanup?(): void;
}

const dir = tempDir();
afterAll(() => dir.remove());

const serverTarget = async (server: Server): Promise<Target> => ({
  name: server,
  skip: await serverSkip(server),
  open: () => [connect(server, { max: 2 }), connect(server, { max: 2 })],
});

const targets: Target[] = [
  {
    name: 'sqlite file',
    skip: false,
    // better-sqlite3 is synchronous: a second connection in the same process would block the
    // thread on the file lock that the first cannot release. One process shares one connection
    // (Kysely queues on it); separate processes queue on BEGIN IMMEDIATE and the busy timeout.
    open: () => {
      const db = connectSqlite(join(dir.path, `${randomPrefix()}.db`));
      return [db, db];
    },
  },
  await serverTarget('postgres'),
  await serverTarget('mariadb'),
];

const destroy = (...dbs: AnyKysely[]) => Promise.all([...new Set(dbs)].map((db) => db.destroy()));

async function appliedVersions(db: AnyKysely, prefix: string): Promise<number[]> {
  const { rows } = await sql<{
    version: number;
  }>`SELECT version FROM ${sql.raw(tableNames(prefix).migrations)} ORDER BY version`.execute(db);
  return rows.map((row) => Number(row.version));
}

describe.each(targets)('migrate on $name', (target) => {
  it.skipIf(target.skip)('creates the schema once and does nothing when run again', async () => {
    const [db, other] = target.open();
    const tablePrefix = randomPrefix();
    try {
      await expect(migrate(db, { tablePrefix })).resolves.toEqual({ from: 0, to: 1, applied: [1] });
      await expect(migrate(db, { tablePrefix })).resolves.toEqual({ from: 1, to: 1, applied: [] });
      expect(await appliedVersions(db, tablePrefix)).toEqual([1]);
      // The tables work: a store over them round-trips a token.
      const store = sqlStore({ db, tablePrefix });
      await store.putToken({ id: 'x', type: 't', userId: 'u', data: {}, createdAt: 1, expiresAt: 2 });
      await expect(store.getToken('x', 1)).resolves.toMatchObject({ id: 'x' });
    } finally {
      await dropTables(db, tablePrefix);
      await destroy(db, other);
    }
  });

  it.skipIf(target.skip)('lets two instances migrate at once: both succeed, one applies', async () => {
    const [first, second] = target.open();
    const tablePrefix = randomPrefix();
    try {
      const results = await Promise.all([migrate(first, { tablePrefix }), migrate(second, { tablePrefix })]);
      expect(results.flatMap((result) => result.applied)).toEqual([1]);
      expect(results.map((result) => result.to)).toEqual([1, 1]);
      expect(await appliedVersions(first, tablePrefix)).toEqual([1]);
    } finally {
      await dropTables(first, tablePrefix);
      await destroy(first, second);
    }
  });

  it.skipIf(target.skip)('keeps prefixes apart: two prefixes, two schemas', async () => {
    const [db, other] = target.open();
    const [a, b] = [randomPrefix(), randomPrefix()];
    try {
      await Promise.all([migrate(db, { tablePrefix: a }), migrate(other, { tablePrefix: b })]);
      await sqlStore({ db, tablePrefix: a }).putToken({
        id: 'x',
        type: 't',
        userId: 'u',
        data: {},
        createdAt: 1,
        expiresAt: 2,
      });
      await expect(sqlStore({ db, tablePrefix: b }).getToken('x', 1)).resolves.toBeNull();
    } finally {
      await dropTables(db, a);
      await dropTables(db, b);
      await destroy(db, other);
    }
  });
});
