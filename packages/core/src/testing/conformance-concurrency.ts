import { describe, expect, it } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { freshId, newDevice, newToken, seedDevices, stateFields } from './conformance-fixtures.js';

const RACERS = 20;
const CONSUMERS = 50;

const count = (results: boolean[]) => results.filter(Boolean).length;

/**
 * Races from one snapshot: what keeps a code single use when many app instances share a store.
 * A store that checks versions in one step and writes in another fails these.
 */
export function describeConcurrencyConformance(store: () => OtpStore): void {
  describe('concurrency', () => {
    it(`lets exactly one of ${RACERS} concurrent device updates from one snapshot apply`, async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      await seedDevices(store(), userId, [device]);
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          store().commit({
            userId,
            expectedStateVersion: null,
            devices: [{ op: 'update', device: { ...device, data: { winner: i } }, expectedVersion: 1 }],
          }),
        ),
      );
      expect(count(results)).toBe(1);
      const stored = await store().getDevice(device.id);
      expect(stored?.version).toBe(2);
      expect(stored?.data).toEqual({ winner: results.indexOf(true) });
    });

    it(`lets exactly one of ${RACERS} concurrent state creations apply`, async () => {
      const userId = freshId('user');
      const attempts = Array.from({ length: RACERS }, (_, i) => stateFields({ failures: i }));
      const results = await Promise.all(
        attempts.map((state) => store().commit({ userId, expectedStateVersion: null, state })),
      );
      expect(count(results)).toBe(1);
      const state = (await store().loadUser(userId)).state;
      expect(state).toEqual({ userId, version: 1, ...attempts[results.indexOf(true)] });
    });

    it(`lets exactly one of ${RACERS} concurrent state updates from one version apply`, async () => {
      const userId = freshId('user');
      await store().commit({ userId, expectedStateVersion: null, state: stateFields() });
      const attempts = Array.from({ length: RACERS }, (_, i) => stateFields({ failures: i + 1 }));
      const results = await Promise.all(
        attempts.map((state) => store().commit({ userId, expectedStateVersion: 1, state })),
      );
      expect(count(results)).toBe(1);
      expect((await store().loadUser(userId)).state).toEqual({
        userId,
        version: 2,
        ...attempts[results.indexOf(true)],
      });
    });

    it(`lets exactly one of ${RACERS} commits that each write the state and the same device apply`, async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      await store().commit({
        userId,
        expectedStateVersion: null,
        state: stateFields(),
        devices: [{ op: 'create', device }],
      });
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          store().commit({
            userId,
            expectedStateVersion: 1,
            state: stateFields({ failures: i }),
            devices: [{ op: 'update', device: { ...device, data: { step: i } }, expectedVersion: 1 }],
          }),
        ),
      );
      expect(count(results)).toBe(1);
      const winner = results.indexOf(true);
      const snapshot = await store().loadUser(userId);
      expect(snapshot.state?.failures).toBe(winner);
      expect(snapshot.devices[0]?.data).toEqual({ step: winner });
    });

    it(`lets exactly one of ${RACERS} concurrent creates of one device id apply`, async () => {
      const userId = freshId('user');
      const device = newDevice(userId);
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          store().commit({
            userId: `${userId}-${i}`,
            expectedStateVersion: null,
            devices: [{ op: 'create', device: { ...device, userId: `${userId}-${i}` } }],
          }),
        ),
      );
      expect(count(results)).toBe(1);
      expect((await store().getDevice(device.id))?.userId).toBe(`${userId}-${results.indexOf(true)}`);
    });

    it(`hands a token to exactly one of ${CONSUMERS} concurrent consumers`, async () => {
      const token = newToken(freshId('user'));
      await store().putToken(token);
      const results = await Promise.all(
        Array.from({ length: CONSUMERS }, () => store().consumeToken(token.id, token.createdAt)),
      );
      const winners = results.filter((result) => result !== null);
      expect(winners).toEqual([token]);
      expect(await store().getToken(token.id, token.createdAt)).toBeNull();
    });
  });
}
