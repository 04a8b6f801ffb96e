import { migrate, sqlStore } from '../src/index.js';
import {
  connectMariadb,
  connectPostgres,
  connectSqlite,
  dropTables,
  randomPrefix,
} from '../test/helpers/databases.js';

for (const [name, make] of [
  ['sqlite', () => connectSqlite()],
  ['pg', () => connectPostgres()],
  ['maria', () => connectMariadb()],
] as const) {
  const db = make();
  const prefix = randomPrefix();
  try {
    console.log(name, await migrate(db, { tablePrefix: prefix }), await migrate(db, { tablePrefix: prefix }));
    const store = sqlStore({ db, tablePrefix: prefix });
    console.log(await store.loadUser('alice'));
    const dev = {
      id: 'd1',
      userId: 'alice',
      kind: 'totp',
      name: 'Phone 📱',
      confirmed: false,
      createdAt: 1,
      updatedAt: 1,
      lastUsedAt: null,
      version: 1,
      data: { s: 'é🙂', n: 1.5, a: [null, true] },
    };
    console.log(
      'create',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: null,
        devices: [{ op: 'create', device: dev }],
      }),
    );
    console.log(
      'create again',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: null,
        devices: [{ op: 'create', device: { ...dev } }],
      }),
    );
    const state = { failures: 1, lastFailureAt: 5, lockedAt: null, stamp: 'st', updatedAt: 5 };
    console.log('state', await store.commit({ userId: 'alice', expectedStateVersion: null, state }));
    console.log('state dup', await store.commit({ userId: 'alice', expectedStateVersion: null, state }));
    console.log(
      'upd guarded stale',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: null,
        devices: [{ op: 'update', device: { ...dev, version: 2, confirmed: true }, expectedVersion: 1 }],
      }),
    );
    console.log(
      'upd guarded',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: 1,
        devices: [{ op: 'update', device: { ...dev, version: 2, confirmed: true }, expectedVersion: 1 }],
      }),
    );
    console.log(
      'multi',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: 1,
        state: { ...state, failures: 0 },
        devices: [
          { op: 'update', device: { ...dev, version: 3, lastUsedAt: 9 }, expectedVersion: 2 },
          { op: 'create', device: { ...dev, id: 'd2', createdAt: 2 } },
        ],
      }),
    );
    console.log(
      'multi stale',
      await store.commit({
        userId: 'alice',
        expectedStateVersion: 2,
        state: { ...state, failures: 0 },
        devices: [{ op: 'update', device: { ...dev, version: 3, lastUsedAt: 9 }, expectedVersion: 2 }],
      }),
    );
    console.log(JSON.stringify(await store.loadUser('alice')));
    console.log(
      await store.getDevice('d2'),
      await store.getDevice('D2'),
      (await store.loadUser('alice ')).devices.length,
    );
    await store.putToken({
      id: 't1',
      type: 'pending-login',
      userId: 'alice',
      data: { x: 1 },
      createdAt: 1,
      expiresAt: 100,
    });
    await store
      .putToken({
        id: 't1',
        type: 'pending-login',
        userId: 'alice',
        data: { x: 1 },
        createdAt: 1,
        expiresAt: 100,
      })
      .catch((e) => console.log('dup token', e.code));
    console.log(await store.getToken('t1', 50), await store.getToken('t1', 100));
    console.log(await Promise.all([store.consumeToken('t1', 50), store.consumeToken('t1', 50)]));
    console.log('purge', await store.purgeExpired(1000));
  } finally {
    await dropTables(db, prefix);
    await db.destroy();
  }
}
