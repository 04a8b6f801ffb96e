/**
 * Threat: key rotation racing a login. The rotation reads a device, reseals its secret and writes
 * it back; a login that spends a code in between (advancing the TOTP step) must not be overwritten
 * by the rotation's older copy, or the spent code would work again. Nor may any other change made
 * meanwhile (a rename) be reverted.
 */
import type { OtpStore, StoreCommit } from '@otpkit/core';
import type { AnyKysely } from '@otpkit/store-sql';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { rotateKeys } from './rotate-keys.js';
import { codeAt, confirmedTotp, keyringOf, NOW, service, testDatabase } from './test-store.js';

let db: AnyKysely;
let store: OtpStore;
beforeEach(async () => ({ db, store } = await testDatabase()));
afterEach(() => db.destroy());

const k1 = keyringOf('k1');
const rotated = keyringOf('k2', 'k1');
const LOGIN_TIME = NOW + 30_000;

/** A store whose first commit is preceded by `login()`, as if it landed between read and write. */
function interleaved(login: () => Promise<void>): { store: OtpStore; commits: StoreCommit[] } {
  const commits: StoreCommit[] = [];
  return {
    commits,
    store: {
      ...store,
      async commit(change) {
        if (commits.length === 0) await login();
        commits.push(change);
        return store.commit(change);
      },
    },
  };
}

it('keeps a TOTP step spent by a login during the rotation: the code stays replayed', async () => {
  const { secret } = await confirmedTotp(store, k1, 'ada');
  const code = codeAt(secret, LOGIN_TIME);
  const app = service(store, k1, () => LOGIN_TIME);
  const racing = interleaved(async () => {
    expect(await app.verifyToken({ userId: 'ada', token: code })).toMatchObject({ ok: true });
  });

  const report = await rotateKeys({
    db,
    store: racing.store,
    keyring: rotated,
    batchSize: 10,
    dryRun: false,
  });
  expect(report).toMatchObject({ resealedDevices: 1, failed: [] });
  // The first write lost its compare-and-set to the login and was made again from fresh data.
  expect(racing.commits).toHaveLength(2);

  const after = service(store, keyringOf('k2'), () => LOGIN_TIME);
  expect(await after.verifyToken({ userId: 'ada', token: code })).toMatchObject({
    ok: false,
    reason: 'replayed',
  });
  const [device] = (await store.loadUser('ada')).devices;
  expect(rotated.keyIdOf(device!.data.secret as string)).toBe('k2');
});

it('keeps a rename made during the rotation', async () => {
  const { deviceId } = await confirmedTotp(store, k1, 'ada');
  const racing = interleaved(async () => {
    await service(store, k1).renameDevice({ userId: 'ada', deviceId, name: 'Work phone' });
  });

  await rotateKeys({ db, store: racing.store, keyring: rotated, batchSize: 10, dryRun: false });
  const [device] = (await store.loadUser('ada')).devices;
  expect(device).toMatchObject({ name: 'Work phone' });
  expect(rotated.keyIdOf(device!.data.secret as string)).toBe('k2');
});
