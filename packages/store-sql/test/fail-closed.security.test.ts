// Threat: a store that answers "nothing found" when its database is down or the network drops
// would let verification pass without its throttle or lock state, or leave a half-applied commit
// (a failure counted but the device not updated, or the reverse) that an attacker can exploit.
// Every driver error must reject with OTP_STORE_UNAVAILABLE, and a commit cut off halfway must
// leave nothing written.
import { isOtpError, type OtpStore, type StoreCommit } from '@otpkit/core';
import { type LogEvent, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyKysely } from '../src/dialect.js';
import { migrate, sqlStore } from '../src/index.js';
import {
  connect,
  connectSqlite,
  dropTables,
  randomPrefix,
  SERVERS,
  type Server,
} from './helpers/databases.js';
import { serverSkip } from './helpers/server-skip.js';
import { closedPort, startProxy } from './helpers/tcp-proxy.js';

const device = (version: number, name = 'Phone') => ({
  id: 'dev-1',
  userId: 'alice',
  kind: 'totp',
  name,
  confirmed: true,
  createdAt: 1,
  updatedAt: 1,
  lastUsedAt: null,
  version,
  data: { step: version },
});
const state = (failures: number) => ({
  failures,
  lastFailureAt: 5,
  lockedAt: null,
  stamp: 's',
  data: {},
  updatedAt: 5,
});

/** Every method of the store, each called with plausible arguments. */
const calls: Array<[string, (store: OtpStore) => Promise<unknown>]> = [
  ['loadUser', (store) => store.loadUser('alice')],
  ['getDevice', (store) => store.getDevice('dev-1')],
  [
    'commit (one write)',
    (store) => store.commit({ userId: 'alice', expectedStateVersion: null, state: state(1) }),
  ],
  [
    'commit (a transaction)',
    (store) =>
      store.commit({
        userId: 'alice',
        expectedStateVersion: 1,
        state: state(1),
        devices: [{ op: 'update', device: device(2), expectedVersion: 1 }],
      }),
  ],
  [
    'putToken',
    (store) => store.putToken({ id: 't', type: 'x', userId: 'alice', data: {}, createdAt: 1, expiresAt: 9 }),
  ],
  ['getToken', (store) => store.getToken('t', 1)],
  ['consumeToken', (store) => store.consumeToken('t', 1)],
  ['deleteTokens', (store) => store.deleteTokens({ userId: 'alice' })],
  ['purgeExpired', (store) => store.purgeExpired(1)],
];

async function expectUnavailable(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isOtpError(error, 'OTP_STORE_UNAVAILABLE'), String(error)).toBe(true);
  expect((error as Error).message).toBe('The otpkit store is unavailable');
  expect((error as Error).cause).toBeDefined();
}

describe.each(['postgres', 'mariadb'] as const)('%s server unreachable (closed port)', (server) => {
  let db: AnyKysely;
  let store: OtpStore;
  beforeAll(async () => {
    db = connect(server, { port: await closedPort(), max: 1 });
    store = sqlStore({ db });
  });
  afterAll(() => db.destroy());

  it.each(calls)('%s rejects with OTP_STORE_UNAVAILABLE, never an empty answer', async (_, call) => {
    await expectUnavailable(call(store));
  });

  it('migrate rejects with OTP_STORE_UNAVAILABLE', async () => {
    await expectUnavailable(migrate(db));
  });
});

describe('sqlite with a broken schema', () => {
  it.each(calls)('%s rejects with OTP_STORE_UNAVAILABLE when the tables are missing', async (_, call) => {
    const db = connectSqlite();
    await expectUnavailable(call(sqlStore({ db })));
    await db.destroy();
  });

  it.each([
    ['data that is not JSON', `UPDATE otpkit_devices SET data = '{"step":'`],
    ['a version that is not an integer', `UPDATE otpkit_devices SET version = 'x'`],
    ['a timestamp beyond 2^53', `UPDATE otpkit_devices SET created_at = 9007199254740993`],
  ])('refuses a device row holding %s instead of guessing', async (_, corrupt) => {
    const db = connectSqlite();
    await migrate(db);
    const store = sqlStore({ db });
    await store.commit({
      userId: 'alice',
      expectedStateVersion: null,
      devices: [{ op: 'create', device: device(1) }],
    });
    await sql.raw(corrupt).execute(db);
    await expectUnavailable(store.loadUser('alice'));
    await expectUnavailable(store.getDevice('dev-1'));
    await db.destroy();
  });
});

const servers: Array<[Server, string | false]> = [
  ['postgres', await serverSkip('postgres')],
  ['mariadb', await serverSkip('mariadb')],
];

describe.each(servers)('%s connection cut in the middle of a commit', (server, skip) => {
  it.skipIf(skip)('leaves nothing half-written', async () => {
    const tablePrefix = randomPrefix();
    const direct = connect(server, { max: 2 });
    const proxy = await startProxy(SERVERS[server].port);
    let armed = false;
    const statements: string[] = [];
    const viaProxy = connect(server, {
      port: proxy.port,
      max: 1,
      // Kysely calls this after each statement returns: cutting here drops the connection after
      // the state UPDATE of the transaction succeeded and before the device UPDATE is sent.
      log: (event: LogEvent) => {
        statements.push(event.query.sql);
        if (armed && event.level === 'query' && /^UPDATE \S+user_state/.test(event.query.sql)) {
          armed = false;
          proxy.cut();
        }
      },
    });
    try {
      await migrate(direct, { tablePrefix });
      const reference = sqlStore({ db: direct, tablePrefix });
      const setup: StoreCommit = {
        userId: 'alice',
        expectedStateVersion: null,
        state: state(0),
        devices: [{ op: 'create', device: device(1) }],
      };
      expect(await reference.commit(setup)).toBe(true);
      const before = await reference.loadUser('alice');

      armed = true;
      const store = sqlStore({ db: viaProxy, tablePrefix });
      await expectUnavailable(
        store.commit({
          userId: 'alice',
          expectedStateVersion: 1,
          state: state(3),
          devices: [{ op: 'update', device: device(2, 'Changed'), expectedVersion: 1 }],
        }),
      );
      expect(armed, 'the cut happened after the state write').toBe(false);
      expect(statements.some((text) => /^UPDATE \S+user_state/.test(text))).toBe(true);

      expect(await reference.loadUser('alice')).toEqual(before);
      // Once the server has rolled the orphaned transaction back, the same change applies normally.
      expect(
        await reference.commit({
          userId: 'alice',
          expectedStateVersion: 1,
          state: state(3),
          devices: [{ op: 'update', device: device(2, 'Changed'), expectedVersion: 1 }],
        }),
      ).toBe(true);
      expect((await reference.loadUser('alice')).state).toMatchObject({ version: 2, failures: 3 });
    } finally {
      await viaProxy.destroy().catch(() => undefined);
      await proxy.close();
      await dropTables(direct, tablePrefix);
      await direct.destroy();
    }
  });
});
