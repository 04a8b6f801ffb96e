import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyKysely } from '../src/dialect.js';
import { migrate, sqlStore } from '../src/index.js';
import { connectPostgres, dropTables, randomPrefix } from './helpers/databases.js';
import { serverSkip } from './helpers/server-skip.js';

// On PostgreSQL the store's statements are prepared once per connection (planning dominates the
// cost of these short statements). This proves the server really holds them as prepared statements,
// so that a Kysely or node-postgres upgrade that silently drops the names is caught here.
const skip = await serverSkip('postgres');

describe.skipIf(skip !== false)('named statements on PostgreSQL', () => {
  let db: AnyKysely;
  const tablePrefix = randomPrefix();
  const prepared = async () =>
    (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(db)).rows.map(
      (r) => r.name,
    );

  beforeAll(async () => {
    // One connection, so that the session whose prepared statements are listed is the store's.
    db = connectPostgres({ max: 1 });
    await migrate(db, { tablePrefix });
  });
  afterAll(async () => {
    await dropTables(db, tablePrefix);
    await db.destroy();
  });

  it('prepares loadUser and commit statements once per connection', async () => {
    const store = sqlStore({ db, tablePrefix });
    await store.loadUser('alice');
    await store.commit({
      userId: 'alice',
      expectedStateVersion: null,
      state: { failures: 1, lastFailureAt: 1, lockedAt: null, stamp: 's', updatedAt: 1, data: {} },
    });
    await store.loadUser('alice');
    const names = (await prepared()).filter((name) => name.startsWith('otpkit_'));
    expect(names).toHaveLength(2);
    expect((await store.loadUser('alice')).state?.failures).toBe(1);
  });

  it('sends plain statements when preparedStatements is false', async () => {
    await sql`DEALLOCATE ALL`.execute(db);
    const store = sqlStore({ db, tablePrefix, preparedStatements: false });
    await store.loadUser('bob');
    expect((await prepared()).filter((name) => name.startsWith('otpkit_'))).toEqual([]);
  });
});
