import { randomBytes } from 'node:crypto';
import {
  createKeyring,
  createOtp,
  type DeviceRecord,
  decodeBase32,
  generateTotp,
  type OtpStore,
} from '@otpkit/core';
import { totp } from '@otpkit/devices';
import type { LogEvent } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyKysely } from '../src/dialect.js';
import { migrate, sqlStore } from '../src/index.js';
import { connect, connectSqlite, dropTables, randomPrefix } from './helpers/databases.js';
import { serverSkip } from './helpers/server-skip.js';

// The benchmark budget: a TOTP verification is one read (loadUser) and one compare-and-set write.
// These counts come from Kysely's `log` hook, which sees every statement sent, BEGIN and COMMIT included.

interface Target {
  name: string;
  skip: string | false;
  open(log: (event: LogEvent) => void): AnyKysely;
  consumeStatements: number;
}

const targets: Target[] = [
  { name: 'sqlite', skip: false, open: (log) => connectSqlite(':memory:', { log }), consumeStatements: 1 },
  {
    name: 'postgres',
    skip: await serverSkip('postgres'),
    open: (log) => connect('postgres', { log, max: 2 }),
    consumeStatements: 1,
  },
  {
    name: 'mariadb',
    skip: await serverSkip('mariadb'),
    open: (log) => connect('mariadb', { log, max: 2 }),
    // MySQL has no DELETE … RETURNING: a read, then the DELETE that decides.
    consumeStatements: 2,
  },
];

const device = (id: string, version = 1): DeviceRecord => ({
  id,
  userId: 'alice',
  kind: 'totp',
  name: 'Phone',
  confirmed: true,
  createdAt: 1,
  updatedAt: 1,
  lastUsedAt: null,
  version,
  data: { lastStep: version },
});
const fields = (failures: number) => ({
  failures,
  lastFailureAt: null,
  lockedAt: null,
  stamp: 's',
  data: {},
  updatedAt: 1,
});

describe.each(targets)('statements sent on $name', (target) => {
  const sent: string[] = [];
  let db: AnyKysely;
  let store: OtpStore;
  const tablePrefix = randomPrefix();

  /** The statements one operation sends, and its result. */
  async function count<T>(operation: () => Promise<T>): Promise<[number, T]> {
    sent.length = 0;
    const result = await operation();
    return [sent.length, result];
  }

  beforeAll(async () => {
    if (target.skip) return;
    db = target.open((event) => {
      if (event.level === 'query') sent.push(String(event.query.sql));
    });
    await migrate(db, { tablePrefix });
    store = sqlStore({ db, tablePrefix });
  });
  afterAll(async () => {
    if (target.skip) return;
    await dropTables(db, tablePrefix);
    await db.destroy();
  });

  it.skipIf(target.skip)('spends one statement per single-write commit and per loadUser', async () => {
    expect(await count(() => store.loadUser('alice'))).toEqual([1, { state: null, devices: [] }]);
    // A device created before the user has a state row (guarded by NOT EXISTS).
    expect(
      await count(() =>
        store.commit({
          userId: 'alice',
          expectedStateVersion: null,
          devices: [{ op: 'create', device: device('a') }],
        }),
      ),
    ).toEqual([1, true]);
    // The first state row (an INSERT).
    expect(
      await count(() => store.commit({ userId: 'alice', expectedStateVersion: null, state: fields(1) })),
    ).toEqual([1, true]);
    // A counted failure (a state UPDATE guarded by its version).
    expect(
      await count(() => store.commit({ userId: 'alice', expectedStateVersion: 1, state: fields(0) })),
    ).toEqual([1, true]);
    // A device created under an existing state row (guarded by EXISTS).
    expect(
      await count(() =>
        store.commit({
          userId: 'alice',
          expectedStateVersion: 2,
          devices: [{ op: 'create', device: device('b') }],
        }),
      ),
    ).toEqual([1, true]);
    // A losing compare-and-set costs the same single statement.
    expect(
      await count(() =>
        store.commit({
          userId: 'alice',
          expectedStateVersion: 1,
          devices: [{ op: 'update', device: device('a', 2), expectedVersion: 1 }],
        }),
      ),
    ).toEqual([1, false]);
    expect(
      await count(() =>
        store.commit({
          userId: 'alice',
          expectedStateVersion: 2,
          devices: [{ op: 'delete', id: 'b', expectedVersion: 1 }],
        }),
      ),
    ).toEqual([1, true]);
    const [statements, snapshot] = await count(() => store.loadUser('alice'));
    expect(statements).toBe(1);
    expect(snapshot.state?.version).toBe(2);
    expect(snapshot.devices.map((d) => d.id)).toEqual(['a']);
  });

  it.skipIf(target.skip)(
    'verifies a TOTP code in two statements: loadUser, then one guarded write',
    async () => {
      sent.length = 0;
      const { state, devices } = await store.loadUser('alice');
      const current = devices[0]!;
      const applied = await store.commit({
        userId: 'alice',
        expectedStateVersion: state?.version ?? null,
        devices: [
          { op: 'update', device: { ...current, data: { lastStep: 99 } }, expectedVersion: current.version },
        ],
      });
      expect(applied).toBe(true);
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatch(/^UPDATE \S+devices SET .* AND EXISTS \(SELECT 1 FROM \S+user_state/);
    },
  );

  it.skipIf(target.skip)('wraps several writes in one transaction, state write first', async () => {
    const { state, devices } = await store.loadUser('alice');
    const current = devices[0]!;
    const [statements, applied] = await count(() =>
      store.commit({
        userId: 'alice',
        expectedStateVersion: state!.version,
        state: fields(0),
        devices: [{ op: 'update', device: current, expectedVersion: current.version }],
      }),
    );
    expect(applied).toBe(true);
    expect(statements).toBe(4);
    expect(sent[0]).toMatch(/^begin/i);
    expect(sent[1]).toMatch(/^UPDATE \S+user_state/);
    expect(sent[2]).toMatch(/^UPDATE \S+devices/);
    expect(sent[3]).toMatch(/^commit/i);
  });

  it.skipIf(target.skip)('spends one statement per token operation, except consume on MySQL', async () => {
    const token = {
      id: 'tok',
      type: 'pending-login',
      userId: 'alice',
      data: {},
      createdAt: 1,
      expiresAt: 100,
    };
    expect((await count(() => store.putToken(token)))[0]).toBe(1);
    expect(await count(() => store.getToken('tok', 2))).toEqual([1, token]);
    expect(await count(() => store.consumeToken('tok', 2))).toEqual([target.consumeStatements, token]);
    expect(await count(() => store.deleteTokens({ userId: 'alice', type: 'x' }))).toEqual([1, 0]);
    expect(await count(() => store.purgeExpired(1))).toEqual([1, 0]);
    expect(await count(() => store.getDevice('a'))).toMatchObject([1, { id: 'a' }]);
  });

  it.skipIf(target.skip)(
    'costs the real service two statements per TOTP verification, right or wrong',
    async () => {
      let now = Date.UTC(2030, 0, 1, 12, 0, 10);
      const otp = createOtp({
        store,
        keyring: createKeyring({ keys: { k1: randomBytes(32).toString('base64') }, primary: 'k1' }),
        kinds: [totp({ issuer: 'Count' })],
        clock: () => now,
      });
      const { device, secret } = await otp.enroll({ userId: 'bob', kind: 'totp', label: 'bob' });
      const key = decodeBase32(secret!);
      expect(
        await otp.confirm({
          userId: 'bob',
          deviceId: device.id,
          token: generateTotp({ secret: key, time: now }),
        }),
      ).toMatchObject({ ok: true });

      now += 60_000;
      const [right, result] = await count(() =>
        otp.verifyToken({ userId: 'bob', token: generateTotp({ secret: key, time: now }) }),
      );
      expect(result).toMatchObject({ ok: true });
      expect(right).toBe(2);

      now += 60_000;
      const near = [-1, 0, 1].map((step) => generateTotp({ secret: key, time: now + step * 30_000 }));
      const wrongCode = ['000000', '111111', '222222', '333333'].find((code) => !near.includes(code))!;
      const [wrong, failed] = await count(() => otp.verifyToken({ userId: 'bob', token: wrongCode }));
      expect(failed).toMatchObject({ ok: false, reason: 'invalid' });
      expect(wrong).toBe(2);
    },
  );
});
