import { join } from 'node:path';
import type { AnyKysely } from '../../src/dialect.js';
import { migrate } from '../../src/index.js';
import {
  type ConnectOptions,
  connect,
  connectSqlite,
  dropTables,
  randomPrefix,
  tempDir,
} from './databases.js';
import { serverSkip } from './server-skip.js';

/** A database with the store's tables under a prefix of its own. */
export interface Migrated {
  db: AnyKysely;
  tablePrefix: string;
  /** Another pool to the same tables, like a second app instance (SQLite: the same connection). */
  openOther(): AnyKysely;
  /** Drop the tables and close every pool. */
  teardown(): Promise<void>;
}

/** One database the integration tests run against. */
export interface Target {
  name: string;
  /** A reason to skip, or false. */
  skip: string | false;
  /** True for the servers, where separate pools really race each other. */
  concurrent: boolean;
  setup(options?: Pick<ConnectOptions, 'log'>): Promise<Migrated>;
}

async function migrated(open: () => AnyKysely): Promise<Migrated> {
  const db = open();
  const tablePrefix = randomPrefix();
  const others: AnyKysely[] = [];
  await migrate(db, { tablePrefix });
  return {
    db,
    tablePrefix,
    openOther: () => {
      const other = open();
      if (other !== db) others.push(other);
      return other;
    },
    teardown: async () => {
      await Promise.all(others.map((other) => other.destroy()));
      await dropTables(db, tablePrefix);
      await db.destroy();
    },
  };
}

/**
 * SQLite in memory and in a file, PostgreSQL and MariaDB. Call at a test file's top level (it
 * probes the servers, and under CI=true registers a failing test for one that is down).
 */
export async function targets(): Promise<Target[]> {
  const [postgres, mariadb] = [await serverSkip('postgres'), await serverSkip('mariadb')];
  return [
    {
      name: 'sqlite (memory)',
      skip: false,
      concurrent: false,
      setup: async ({ log } = {}) => {
        const db = connectSqlite(':memory:', { log });
        return migrated(() => db);
      },
    },
    {
      name: 'sqlite (file)',
      skip: false,
      concurrent: false,
      setup: async ({ log } = {}) => {
        const dir = tempDir();
        // One connection per process: better-sqlite3 blocks the thread while it waits for a lock.
        const db = connectSqlite(join(dir.path, 'otpkit.db'), { log });
        const result = await migrated(() => db);
        return {
          ...result,
          teardown: async () => {
            await result.teardown();
            dir.remove();
          },
        };
      },
    },
    {
      name: 'postgres',
      skip: postgres,
      concurrent: true,
      setup: ({ log } = {}) => migrated(() => connect('postgres', { max: 4, log })),
    },
    {
      name: 'mariadb',
      skip: mariadb,
      concurrent: true,
      setup: ({ log } = {}) => migrated(() => connect('mariadb', { max: 4, log })),
    },
  ];
}
