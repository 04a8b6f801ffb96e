import type { OtpStore } from '@otpkit/core';
import type { AnyKysely } from '@otpkit/store-sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RotateKeysOptions, type RotationProgress, rotateKeys } from './rotate-keys.js';
import { codeAt, confirmedTotp, keyringOf, NOW, service, testDatabase } from './test-store.js';

let db: AnyKysely;
let store: OtpStore;
beforeEach(async () => ({ db, store } = await testDatabase()));
afterEach(() => db.destroy());

const k1 = keyringOf('k1');
const rotated = keyringOf('k2', 'k1');

const rotate = (options: Partial<RotateKeysOptions> = {}) =>
  rotateKeys({ db, store, keyring: rotated, batchSize: 2, dryRun: false, ...options });

/** Three users with a TOTP app each under k1; the first has backup codes too. */
async function enrollThree() {
  const users = [];
  for (const userId of ['ada', 'bea', 'cyd'])
    users.push({ userId, ...(await confirmedTotp(store, k1, userId)) });
  await service(store, k1).regenerateBackupCodes({ userId: 'ada' });
  return users;
}

describe('rotateKeys', () => {
  it('reseals every secret under the primary; the new key alone then verifies', async () => {
    const users = await enrollThree();
    const report = await rotate();
    expect(report).toMatchObject({
      primary: 'k2',
      dryRun: false,
      complete: true,
      stoppedBy: null,
      total: 4,
      scanned: 4,
      resealedDevices: 3,
      resealedSecrets: 3,
      upToDate: 1,
      vanished: 0,
      failed: [],
      oldHashes: { k1: 10 },
      oldHashDevices: { 'backup-codes': 1 },
      keysStillNeeded: ['k1'],
    });
    const k2Only = service(store, keyringOf('k2'), () => NOW + 30_000);
    for (const { userId, secret } of users) {
      expect(await k2Only.verifyToken({ userId, token: codeAt(secret, NOW + 30_000) })).toMatchObject({
        ok: true,
      });
    }
  });

  it('needs no old key once nothing but envelopes used it', async () => {
    await confirmedTotp(store, k1, 'ada');
    expect(await rotate()).toMatchObject({ resealedDevices: 1, oldHashes: {}, keysStillNeeded: [] });
  });

  it('writes nothing in a dry run, and still finds what would fail', async () => {
    await enrollThree();
    await confirmedTotp(store, keyringOf('k0'), 'dan');
    const before = JSON.stringify(
      await Promise.all(['ada', 'bea', 'cyd', 'dan'].map((u) => store.loadUser(u))),
    );
    const report = await rotate({ dryRun: true });
    expect(report).toMatchObject({ dryRun: true, resealedDevices: 3, resealedSecrets: 3, complete: true });
    expect(report.failed).toEqual([
      {
        deviceId: expect.any(String),
        userId: 'dan',
        kind: 'totp',
        reason: 'sealed under key k0, which OTPKIT_KEYS does not list',
      },
    ]);
    expect(report.keysStillNeeded).toEqual(['k0', 'k1']);
    const after = JSON.stringify(
      await Promise.all(['ada', 'bea', 'cyd', 'dan'].map((u) => store.loadUser(u))),
    );
    expect(after).toBe(before);
  });

  it('stops at the limit, and a second run continues where the first stopped', async () => {
    await enrollThree();
    const first = await rotate({ batchSize: 1, limit: 2 });
    expect(first).toMatchObject({
      complete: false,
      stoppedBy: 'limit',
      resealedDevices: 2,
      keysStillNeeded: ['k1'],
    });
    const second = await rotate({ batchSize: 1 });
    expect(second).toMatchObject({ complete: true, stoppedBy: null, resealedDevices: 1, upToDate: 3 });
    expect(await rotate()).toMatchObject({ resealedDevices: 0, upToDate: 4 });
  });

  it('stops between users when asked (Ctrl-C), keeping what it wrote', async () => {
    await enrollThree();
    let asked = 0;
    const report = await rotate({ batchSize: 10, stopRequested: () => ++asked > 1 });
    expect(report).toMatchObject({ complete: false, stoppedBy: 'interrupt', resealedDevices: 1 });
    expect(await rotate()).toMatchObject({ resealedDevices: 2 });
  });

  it('reports a device that cannot be opened and goes on with the others', async () => {
    await enrollThree();
    const { deviceId } = await confirmedTotp(store, keyringOf('k0'), 'dan');
    const report = await rotate();
    expect(report).toMatchObject({ complete: true, resealedDevices: 3, keysStillNeeded: ['k0', 'k1'] });
    expect(report.failed).toEqual([
      {
        deviceId,
        userId: 'dan',
        kind: 'totp',
        reason: 'sealed under key k0, which OTPKIT_KEYS does not list',
      },
    ]);
  });

  it('counts a device removed between the scan and the write, and writes nothing for it', async () => {
    const { deviceId } = await confirmedTotp(store, k1, 'ada');
    const racing: OtpStore = {
      ...store,
      async loadUser(userId) {
        await service(store, k1).removeDevice({ userId, deviceId });
        return store.loadUser(userId);
      },
    };
    const report = await rotate({ store: racing });
    expect(report).toMatchObject({ scanned: 1, resealedDevices: 0, vanished: 1, failed: [] });
    expect((await store.loadUser('ada')).devices).toEqual([]);
  });

  it('counts a device another run resealed meanwhile as up to date', async () => {
    await confirmedTotp(store, k1, 'ada');
    let raced = false;
    const racing: OtpStore = {
      ...store,
      async loadUser(userId) {
        if (!raced) {
          raced = true;
          expect(await rotate()).toMatchObject({ resealedDevices: 1 });
        }
        return store.loadUser(userId);
      },
    };
    expect(await rotate({ store: racing })).toMatchObject({ scanned: 1, resealedDevices: 0, upToDate: 1 });
  });

  it('reports progress within pages and once per page', async () => {
    await enrollThree();
    const updates: RotationProgress[] = [];
    await rotate({ batchSize: 3, onProgress: (p) => updates.push(p) });
    // Device ids are random, so which page holds the backup codes (nothing to reseal) varies.
    const pages = updates.filter((p) => p.pageDone);
    expect(pages.map((p) => [p.total, p.scanned])).toEqual([
      [4, 3],
      [4, 4],
    ]);
    expect(pages.at(-1)).toMatchObject({ resealed: 3, failed: 0 });
    expect(updates.filter((p) => !p.pageDone).map((p) => p.resealed)).toEqual([1, 2, 3]);
  });

  it('counts only unused backup codes as hashes that need the old key', async () => {
    const { codes } = await service(store, k1).regenerateBackupCodes({ userId: 'ada' });
    for (const token of codes.slice(0, 3)) {
      expect(await service(store, k1).verifyToken({ userId: 'ada', token })).toMatchObject({ ok: true });
    }
    expect(await rotate({ dryRun: true })).toMatchObject({ oldHashes: { k1: 7 }, keysStillNeeded: ['k1'] });
    for (const token of codes.slice(3)) await service(store, k1).verifyToken({ userId: 'ada', token });
    expect(await rotate()).toMatchObject({ oldHashes: {}, oldHashDevices: {}, keysStillNeeded: [] });
  });

  it('names a key removed from the keyring that unused codes still need', async () => {
    await service(store, k1).regenerateBackupCodes({ userId: 'ada' });
    const report = await rotate({ keyring: keyringOf('k2') });
    expect(report).toMatchObject({ oldHashes: { k1: 10 }, keysStillNeeded: ['k1'] });
  });

  it('finishes at once on an empty store', async () => {
    expect(await rotate()).toMatchObject({ complete: true, total: 0, scanned: 0, keysStillNeeded: [] });
  });
});
