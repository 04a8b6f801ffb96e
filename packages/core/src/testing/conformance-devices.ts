import { describe, expect, it } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { freshId, newDevice, seedDevices, stateFields, T0, TRICKY_JSON } from './conformance-fixtures.js';

/** Devices: create, read, compare-and-set update and delete, exact data round trips. */
export function describeDeviceConformance(store: () => OtpStore): void {
  describe('devices', () => {
    it('creates a device that loadUser and getDevice return as written, with version 1', async () => {
      const userId = freshId('user');
      const device = newDevice(userId, { name: 'Work phone', confirmed: true });
      await seedDevices(store(), userId, [device]);
      expect(await store().loadUser(userId)).toEqual({ state: null, devices: [device] });
      expect(await store().getDevice(device.id)).toEqual(device);
    });

    it('returns an empty snapshot for an unknown user and null for an unknown device', async () => {
      expect(await store().loadUser(freshId('nobody'))).toEqual({ state: null, devices: [] });
      expect(await store().getDevice(freshId('nothing'))).toBeNull();
    });

    it('round-trips device data exactly as JSON', async () => {
      const userId = freshId('user');
      const device = newDevice(userId, { data: TRICKY_JSON });
      await seedDevices(store(), userId, [device]);
      expect((await store().getDevice(device.id))?.data).toStrictEqual(TRICKY_JSON);
      expect((await store().loadUser(userId)).devices[0]?.data).toStrictEqual(TRICKY_JSON);
    });

    it('keeps a key named __proto__ as plain data, never as a prototype', async () => {
      const userId = freshId('user');
      const data = JSON.parse('{"__proto__":{"polluted":true},"nested":{"__proto__":[1]}}');
      const device = newDevice(userId, { data });
      await seedDevices(store(), userId, [device]);
      const read = (await store().getDevice(device.id))!.data;
      expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toEqual({ polluted: true });
      expect(Object.getOwnPropertyDescriptor(read.nested, '__proto__')?.value).toEqual([1]);
      expect((read as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it('round-trips timestamps, booleans and nulls', async () => {
      const userId = freshId('user');
      const times = {
        createdAt: 1,
        updatedAt: Date.UTC(2100, 0, 1),
        lastUsedAt: Date.UTC(2099, 11, 31, 23, 59, 59, 999),
      };
      const a = newDevice(userId, { ...times, confirmed: true });
      const b = newDevice(userId, { createdAt: T0, lastUsedAt: null, confirmed: false, name: '' });
      await seedDevices(store(), userId, [a, b]);
      expect(await store().getDevice(a.id)).toStrictEqual(a);
      expect(await store().getDevice(b.id)).toStrictEqual(b);
    });

    it('lists devices oldest first, whatever order they were created in', async () => {
      const userId = freshId('user');
      const young = newDevice(userId, { createdAt: T0 + 2000, name: 'young' });
      const old = newDevice(userId, { createdAt: T0, name: 'old' });
      const middle = newDevice(userId, { createdAt: T0 + 1000, name: 'middle' });
      await seedDevices(store(), userId, [young, old]);
      await store().commit({
        userId,
        expectedStateVersion: null,
        devices: [{ op: 'create', device: middle }],
      });
      const names = (await store().loadUser(userId)).devices.map((d) => d.name);
      expect(names).toEqual(['old', 'middle', 'young']);
    });

    it('updates a device with the right version: version + 1 and the new fields', async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      await seedDevices(store(), userId, [device]);
      const next = {
        ...device,
        confirmed: true,
        name: 'Renamed',
        lastUsedAt: T0 + 5,
        updatedAt: T0 + 5,
        data: { lastStep: 99 },
      };
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'update', device: next, expectedVersion: 1 }],
        }),
      ).toBe(true);
      expect(await store().getDevice(device.id)).toEqual({ ...next, version: 2 });
      const again = { ...next, data: { lastStep: 100 } };
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'update', device: again, expectedVersion: 2 }],
        }),
      ).toBe(true);
      expect(await store().getDevice(device.id)).toEqual({ ...again, version: 3 });
    });

    it.each([0, 2, 7])(
      'refuses an update expecting version %i when the device is at 1, changing nothing',
      async (stale) => {
        const userId = freshId('user');
        const device = newDevice(userId);
        await seedDevices(store(), userId, [device]);
        const next = { ...device, name: 'Changed', data: { changed: true } };
        const write = { op: 'update' as const, device: next, expectedVersion: stale };
        const applied = await store()
          .commit({ userId, expectedStateVersion: null, devices: [write] })
          .catch(() => false);
        expect(applied).toBe(false);
        expect(await store().getDevice(device.id)).toEqual(device);
      },
    );

    it('deletes a device with the right version and refuses a stale delete', async () => {
      const userId = freshId('user');
      const keep = newDevice(userId);
      const drop = newDevice(userId, { createdAt: T0 + 1 });
      await seedDevices(store(), userId, [keep, drop]);
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'delete', id: keep.id, expectedVersion: 2 }],
        }),
      ).toBe(false);
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'delete', id: drop.id, expectedVersion: 1 }],
        }),
      ).toBe(true);
      expect(await store().getDevice(drop.id)).toBeNull();
      expect((await store().loadUser(userId)).devices).toEqual([keep]);
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'delete', id: drop.id, expectedVersion: 1 }],
        }),
      ).toBe(false);
    });

    it('refuses to create a device whose id exists, for this user or another', async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      await seedDevices(store(), userId, [device]);
      const twin = { ...device, name: 'Twin' };
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'create', device: twin }],
        }),
      ).toBe(false);
      const otherUser = freshId('user');
      const stolen = { ...device, userId: otherUser, name: 'Stolen' };
      expect(
        await store().commit({
          userId: otherUser,
          expectedStateVersion: null,
          devices: [{ op: 'create', device: stolen }],
        }),
      ).toBe(false);
      expect(await store().getDevice(device.id)).toEqual(device);
      expect((await store().loadUser(otherUser)).devices).toEqual([]);
    });

    it('refuses to update or delete a device that does not exist', async () => {
      const userId = freshId('user');
      const ghost = newDevice(userId);
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'update', device: ghost, expectedVersion: 1 }],
        }),
      ).toBe(false);
      expect(
        await store().commit({
          userId,
          expectedStateVersion: null,
          devices: [{ op: 'delete', id: ghost.id, expectedVersion: 1 }],
        }),
      ).toBe(false);
      expect(await store().getDevice(ghost.id)).toBeNull();
    });
  });

  describe('users are isolated', () => {
    it('keeps each user’s state and devices apart', async () => {
      const alice = freshId('alice');
      const bob = freshId('bob');
      const aliceDevice = newDevice(alice);
      await store().commit({
        userId: alice,
        expectedStateVersion: null,
        state: stateFields({ failures: 3 }),
        devices: [{ op: 'create', device: aliceDevice }],
      });
      expect(await store().loadUser(bob)).toEqual({ state: null, devices: [] });
      await store().commit({ userId: bob, expectedStateVersion: null, state: stateFields({ failures: 0 }) });
      const snapshot = await store().loadUser(alice);
      expect(snapshot.state?.failures).toBe(3);
      expect(snapshot.devices).toEqual([aliceDevice]);
    });

    it('refuses to update or delete another user’s device, as a conflict', async () => {
      const alice = freshId('alice');
      const mallory = freshId('mallory');
      const device = newDevice(alice);
      await seedDevices(store(), alice, [device]);
      const hijack = { ...device, userId: mallory, data: { secret: 'mallory’s' } };
      expect(
        await store().commit({
          userId: mallory,
          expectedStateVersion: null,
          devices: [{ op: 'update', device: hijack, expectedVersion: 1 }],
        }),
      ).toBe(false);
      expect(
        await store().commit({
          userId: mallory,
          expectedStateVersion: null,
          devices: [{ op: 'delete', id: device.id, expectedVersion: 1 }],
        }),
      ).toBe(false);
      expect(await store().getDevice(device.id)).toEqual(device);
      expect((await store().loadUser(mallory)).devices).toEqual([]);
    });

    it.each(['create', 'update'] as const)(
      'rejects a %s whose device belongs to another user than the commit’s, writing nothing',
      async (op) => {
        const alice = freshId('alice');
        const bob = freshId('bob');
        const existing = newDevice(alice);
        await seedDevices(store(), alice, [existing]);
        const foreign = op === 'create' ? newDevice(bob) : { ...existing, userId: bob };
        const write = op === 'create' ? { op, device: foreign } : { op, device: foreign, expectedVersion: 1 };
        const commit = store().commit({
          userId: alice,
          expectedStateVersion: null,
          state: stateFields(),
          devices: [write],
        });
        await expect(commit).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
        expect(await store().loadUser(alice)).toEqual({ state: null, devices: [existing] });
        expect(await store().loadUser(bob)).toEqual({ state: null, devices: [] });
      },
    );
  });
}
