import { describe, expect, it } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { freshId, newDevice, seedDevices, stateFields, T0, TRICKY_JSON } from './conformance-fixtures.js';

/** User state: create-if-absent, compare-and-set, the guard on device writes, all-or-nothing commits. */
export function describeStateConformance(store: () => OtpStore): void {
  describe('user state', () => {
    it('creates the state row when the expected version is null, at version 1', async () => {
      const userId = freshId('user');
      const fields = stateFields({ failures: 2, lastFailureAt: T0 - 1, lockedAt: null });
      expect(await store().commit({ userId, expectedStateVersion: null, state: fields })).toBe(true);
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 1, ...fields });
    });

    it('round-trips state timestamps and nulls', async () => {
      const userId = freshId('user');
      const fields = stateFields({
        failures: 100,
        lastFailureAt: Date.UTC(2100, 0, 1),
        lockedAt: Date.UTC(2100, 0, 1, 0, 0, 1),
        updatedAt: 1,
      });
      await store().commit({ userId, expectedStateVersion: null, state: fields });
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 1, ...fields });
    });

    it('round-trips state data exactly, and replaces it on update', async () => {
      const userId = freshId('user');
      const first = stateFields({ data: TRICKY_JSON });
      await store().commit({ userId, expectedStateVersion: null, state: first });
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 1, ...first });
      const second = stateFields({ data: { deliveries: [T0, T0 + 1] } });
      expect(await store().commit({ userId, expectedStateVersion: 1, state: second })).toBe(true);
      expect((await store().loadUser(userId)).state?.data).toStrictEqual({ deliveries: [T0, T0 + 1] });
    });

    it('refuses a second create with a null expected version, keeping the first', async () => {
      const userId = freshId('user');
      const first = stateFields({ failures: 1 });
      await store().commit({ userId, expectedStateVersion: null, state: first });
      expect(
        await store().commit({ userId, expectedStateVersion: null, state: stateFields({ failures: 9 }) }),
      ).toBe(false);
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 1, ...first });
    });

    it('updates with the version that was read and refuses a stale one', async () => {
      const userId = freshId('user');
      await store().commit({ userId, expectedStateVersion: null, state: stateFields() });
      const second = stateFields({ failures: 1, lastFailureAt: T0 });
      expect(await store().commit({ userId, expectedStateVersion: 1, state: second })).toBe(true);
      expect(
        await store().commit({ userId, expectedStateVersion: 1, state: stateFields({ failures: 50 }) }),
      ).toBe(false);
      expect(
        await store().commit({ userId, expectedStateVersion: 3, state: stateFields({ failures: 50 }) }),
      ).toBe(false);
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 2, ...second });
      const third = stateFields({ failures: 0, stamp: 'changed' });
      expect(await store().commit({ userId, expectedStateVersion: 2, state: third })).toBe(true);
      expect((await store().loadUser(userId)).state).toStrictEqual({ userId, version: 3, ...third });
    });

    it('refuses a version-guarded update when the user has no state row', async () => {
      const userId = freshId('user');
      expect(await store().commit({ userId, expectedStateVersion: 1, state: stateFields() })).toBe(false);
      expect((await store().loadUser(userId)).state).toBeNull();
    });
  });

  describe('the state guard on device writes', () => {
    it('refuses a device write when the state version moved on, writing nothing', async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      await store().commit({
        userId,
        expectedStateVersion: null,
        state: stateFields(),
        devices: [{ op: 'create', device }],
      });
      await store().commit({ userId, expectedStateVersion: 1, state: stateFields({ failures: 1 }) });
      const next = { ...device, data: { lastStep: 1 } };
      const late = newDevice(userId);
      const applied = await store().commit({
        userId,
        expectedStateVersion: 1,
        devices: [
          { op: 'update', device: next, expectedVersion: 1 },
          { op: 'create', device: late },
        ],
      });
      expect(applied).toBe(false);
      expect((await store().loadUser(userId)).devices).toEqual([device]);
    });

    it('refuses a device write expecting no state row once one exists', async () => {
      const userId = freshId('user');
      await store().commit({ userId, expectedStateVersion: null, state: stateFields() });
      const device = newDevice(userId);
      expect(
        await store().commit({ userId, expectedStateVersion: null, devices: [{ op: 'create', device }] }),
      ).toBe(false);
      expect(await store().getDevice(device.id)).toBeNull();
    });

    it('applies a device write guarded by the current state version without changing the state', async () => {
      const userId = freshId('user');
      const fields = stateFields();
      await store().commit({ userId, expectedStateVersion: null, state: fields });
      const device = newDevice(userId);
      expect(
        await store().commit({ userId, expectedStateVersion: 1, devices: [{ op: 'create', device }] }),
      ).toBe(true);
      expect(await store().loadUser(userId)).toEqual({
        state: { userId, version: 1, ...fields },
        devices: [device],
      });
    });
  });

  describe('all-or-nothing commits', () => {
    it('writes nothing when the state is current but one device is stale', async () => {
      const userId = freshId('user');
      const a = newDevice(userId);
      const b = newDevice(userId, { createdAt: T0 + 1 });
      const fields = stateFields();
      await store().commit({
        userId,
        expectedStateVersion: null,
        state: fields,
        devices: [
          { op: 'create', device: a },
          { op: 'create', device: b },
        ],
      });
      const fresh = newDevice(userId, { createdAt: T0 + 2 });
      const applied = await store().commit({
        userId,
        expectedStateVersion: 1,
        state: stateFields({ failures: 7 }),
        devices: [
          { op: 'update', device: { ...a, name: 'changed' }, expectedVersion: 1 },
          { op: 'create', device: fresh },
          { op: 'update', device: { ...b, name: 'changed' }, expectedVersion: 5 },
        ],
      });
      expect(applied).toBe(false);
      expect(await store().loadUser(userId)).toEqual({
        state: { userId, version: 1, ...fields },
        devices: [a, b],
      });
    });

    it('applies a create, an update, a delete and the state in one commit', async () => {
      const userId = freshId('user');
      const kept = newDevice(userId);
      const removed = newDevice(userId, { createdAt: T0 + 1 });
      await seedDevices(store(), userId, [kept, removed]);
      const added = newDevice(userId, {
        createdAt: T0 + 2,
        kind: 'backup-codes',
        data: { codes: ['h1.k1.x'] },
      });
      const fields = stateFields({ stamp: 'factors-changed' });
      const applied = await store().commit({
        userId,
        expectedStateVersion: null,
        state: fields,
        devices: [
          { op: 'create', device: added },
          { op: 'update', device: { ...kept, confirmed: true }, expectedVersion: 1 },
          { op: 'delete', id: removed.id, expectedVersion: 1 },
        ],
      });
      expect(applied).toBe(true);
      expect(await store().loadUser(userId)).toEqual({
        state: { userId, version: 1, ...fields },
        devices: [{ ...kept, confirmed: true, version: 2 }, added],
      });
      expect(await store().getDevice(removed.id)).toBeNull();
    });

    it('writes nothing when a create in the commit collides with an existing id', async () => {
      const userId = freshId('user');
      const existing = newDevice(userId);
      await seedDevices(store(), userId, [existing]);
      const fields = stateFields();
      const applied = await store().commit({
        userId,
        expectedStateVersion: null,
        state: fields,
        devices: [
          { op: 'update', device: { ...existing, name: 'x' }, expectedVersion: 1 },
          { op: 'create', device: { ...existing } },
        ],
      });
      expect(applied).toBe(false);
      expect(await store().loadUser(userId)).toEqual({ state: null, devices: [existing] });
    });
  });
}
