import type { OtpStore } from '@otpkit/core';
import { runStoreConformance } from '@otpkit/core/testing';
import { sqlStore } from '../src/index.js';
import { targets } from './helpers/targets.js';

// The suite every OtpStore runs, on each database: SQLite in memory and in a file, PostgreSQL and
// MariaDB, each on tables of its own random prefix that are dropped when the suite closes the store.
for (const target of await targets()) {
  runStoreConformance({
    name: `sqlStore (${target.name})`,
    skip: target.skip,
    createStore: async (): Promise<OtpStore> => {
      const migrated = await target.setup();
      const store = sqlStore({ db: migrated.db, tablePrefix: migrated.tablePrefix });
      return {
        ...store,
        close: async () => {
          await store.close();
          await migrated.teardown();
        },
      };
    },
  });
}
