import type { DeviceRecord, JsonObject, OtpStore } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStore } from '../src/index.js';
import { type Migrated, targets } from './helpers/targets.js';

// What the conformance suite cannot see: each database's own way of storing what the port hands it.

const device = (id: string, userId: string, data: JsonObject = {}, name = 'Phone'): DeviceRecord => ({
  id,
  userId,
  kind: 'totp',
  name,
  confirmed: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 4_102_444_800_000,
  lastUsedAt: null,
  version: 1,
  data,
});

async function create(store: OtpStore, record: DeviceRecord): Promise<boolean> {
  return store.commit({
    userId: record.userId,
    expectedStateVersion: null,
    devices: [{ op: 'create', device: record }],
  });
}

describe.each(await targets())('sqlStore on $name', (target) => {
  let migrated: Migrated;
  let store: OtpStore;
  beforeAll(async () => {
    if (target.skip) return;
    migrated = await target.setup();
    store = sqlStore({ db: migrated.db, tablePrefix: migrated.tablePrefix });
  });
  afterAll(() => migrated?.teardown());

  it.skipIf(target.skip)('keeps ids exact: case and trailing spaces make different ids', async () => {
    expect(await create(store, device('dev', 'ids-user'))).toBe(true);
    expect(await create(store, device('Dev', 'ids-user'))).toBe(true);
    expect(await create(store, device('dev ', 'ids-user'))).toBe(true);
    expect(await create(store, device('other', 'IDS-USER'))).toBe(true);
    expect(await create(store, device('other2', 'ids-user '))).toBe(true);
    expect((await store.loadUser('ids-user')).devices.map((d) => d.id).sort()).toEqual([
      'Dev',
      'dev',
      'dev ',
    ]);
    expect((await store.loadUser('IDS-USER')).devices.map((d) => d.id)).toEqual(['other']);
    expect((await store.loadUser('ids-user ')).devices.map((d) => d.id)).toEqual(['other2']);
    expect(await store.getDevice('DEV')).toBeNull();
    expect((await store.getDevice('dev '))?.id).toBe('dev ');
  });

  const payloads: Array<[string, JsonObject]> = [
    ['unicode and emoji', { text: 'Grüße, 你好, emoji 🔐👩🏽‍💻, rtl שלום', key: '🗝️' }],
    [
      'escapes and control characters',
      { s: 'quote " backslash \\ nul \u0000 tab \t line\nbreak', lone: '\ud800' },
    ],
    [
      'numbers at the edges',
      { max: Number.MAX_SAFE_INTEGER, min: -Number.MAX_SAFE_INTEGER, f: 0.1, e: 1e-7 },
    ],
    ['nesting, arrays, null and booleans', { a: [1, [2, [3, { b: null }]]], t: true, f: false, o: {} }],
    ['key order', { z: 1, a: 2, m: { y: 1, b: 2 } }],
    ['a 200 KB value', { blob: 'x'.repeat(200_000) }],
  ];

  it.skipIf(target.skip).each(payloads)('round-trips device data with %s exactly', async (label, data) => {
    const id = `data-${label}`;
    expect(await create(store, device(id, `data-user-${label}`, data, 'Téléphone 📱'))).toBe(true);
    const stored = await store.getDevice(id);
    expect(JSON.stringify(stored?.data)).toBe(JSON.stringify(data));
    expect(stored?.name).toBe('Téléphone 📱');
    expect(stored?.updatedAt).toBe(4_102_444_800_000);
  });

  it.skipIf(target.skip)(
    'round-trips token data and refuses an expired token on every read path',
    async () => {
      const token = {
        id: 'tok-🔑',
        type: 'step-up',
        userId: 'u',
        data: { ua: 'Mozilla 🦊' },
        createdAt: 10,
        expiresAt: 20,
      };
      await store.putToken(token);
      expect(await store.getToken(token.id, 19)).toEqual(token);
      expect(await store.getToken(token.id, 20)).toBeNull();
      expect(await store.consumeToken(token.id, 20)).toBeNull();
      expect(await store.purgeExpired(20)).toBe(1);
      expect(await store.getToken(token.id, 0)).toBeNull();
    },
  );

  it.skipIf(target.skip)('never lets a commit touch another user’s device', async () => {
    expect(await create(store, device('mine', 'owner'))).toBe(true);
    const theirs = { ...device('mine', 'intruder'), version: 2 };
    const applied = await store.commit({
      userId: 'intruder',
      expectedStateVersion: null,
      devices: [{ op: 'update', device: theirs, expectedVersion: 1 }],
    });
    expect(applied).toBe(false);
    expect(
      await store.commit({
        userId: 'intruder',
        expectedStateVersion: null,
        devices: [{ op: 'delete', id: 'mine', expectedVersion: 1 }],
      }),
    ).toBe(false);
    expect((await store.getDevice('mine'))?.userId).toBe('owner');
  });

  it.skipIf(target.skip)('rejects a device write for another user as a programming error', async () => {
    await expect(
      store.commit({
        userId: 'someone',
        expectedStateVersion: null,
        devices: [{ op: 'create', device: device('x', 'someone-else') }],
      }),
    ).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
  });

  // SQLite serialises every writer of a file; the races that matter are between server connections.
  if (!target.concurrent) return;
  describe.skipIf(target.skip)('with separate pools racing (like app instances)', () => {
    const RACERS = 12;
    let stores: OtpStore[];
    beforeAll(() => {
      stores = Array.from({ length: RACERS }, () =>
        sqlStore({ db: migrated.openOther(), tablePrefix: migrated.tablePrefix }),
      );
    });

    it('applies exactly one of many identical compare-and-set device updates', async () => {
      expect(await create(store, device('race-dev', 'race-user'))).toBe(true);
      const results = await Promise.all(
        stores.map((racer, i) =>
          racer.commit({
            userId: 'race-user',
            expectedStateVersion: null,
            devices: [
              {
                op: 'update',
                device: { ...device('race-dev', 'race-user', { i }), version: 2 },
                expectedVersion: 1,
              },
            ],
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.getDevice('race-dev');
      expect(stored?.version).toBe(2);
      expect(stored?.data).toEqual({ i: results.indexOf(true) });
    });

    it('creates the state row once and counts each racing failure once', async () => {
      const fields = (failures: number) => ({
        failures,
        lastFailureAt: 1,
        lockedAt: null,
        stamp: 's',
        data: {},
        updatedAt: 1,
      });
      const inserted = await Promise.all(
        stores.map((racer) =>
          racer.commit({ userId: 'count-user', expectedStateVersion: null, state: fields(1) }),
        ),
      );
      expect(inserted.filter(Boolean)).toHaveLength(1);
      // Each racer retries from a fresh read until its failure lands, as the service does.
      await Promise.all(
        stores.map(async (racer) => {
          for (;;) {
            const { state } = await racer.loadUser('count-user');
            const ok = await racer.commit({
              userId: 'count-user',
              expectedStateVersion: state!.version,
              state: fields(state!.failures + 1),
            });
            if (ok) return;
          }
        }),
      );
      expect((await store.loadUser('count-user')).state).toMatchObject({
        version: RACERS + 1,
        failures: RACERS + 1,
      });
    });

    it('hands a token to exactly one of many racing consumers', async () => {
      await store.putToken({
        id: 'race-tok',
        type: 'pending-login',
        userId: 'u',
        data: {},
        createdAt: 1,
        expiresAt: 99,
      });
      const results = await Promise.all(stores.map((racer) => racer.consumeToken('race-tok', 2)));
      expect(results.filter((token) => token !== null)).toHaveLength(1);
    });

    it('rejects a device write guarded by a state version that a racing transaction replaced', async () => {
      const fields = { failures: 0, lastFailureAt: null, lockedAt: null, stamp: 's', updatedAt: 1, data: {} };
      expect(await store.commit({ userId: 'mixed', expectedStateVersion: null, state: fields })).toBe(true);
      expect(await create(stores[0]!, device('mixed-a', 'mixed'))).toBe(false);
      const { devices: before } = await store.loadUser('mixed');
      expect(before).toEqual([]);
      const results = await Promise.all(
        stores.map((racer, i) =>
          i % 2 === 0
            ? racer.commit({ userId: 'mixed', expectedStateVersion: 1, state: { ...fields, failures: 1 } })
            : racer.commit({
                userId: 'mixed',
                expectedStateVersion: 1,
                devices: [{ op: 'create', device: device(`mixed-${i}`, 'mixed') }],
              }),
        ),
      );
      const stateWins = results.filter((ok, i) => ok && i % 2 === 0).length;
      const { state, devices } = await store.loadUser('mixed');
      expect(stateWins).toBe(1);
      expect(state).toMatchObject({ version: 2, failures: 1 });
      // Device creations guarded by version 1 landed only if they ran before the state write.
      expect(devices.length).toBe(results.filter((ok, i) => ok && i % 2 === 1).length);
    });
  });
});
