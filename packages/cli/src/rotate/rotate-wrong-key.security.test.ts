/**
 * Threat: an operator runs the rotation with the wrong key value under the right key id (a key
 * copied from the wrong environment, a truncated paste that still decodes). Resealing under a
 * wrong primary would rewrite every secret under a key the site's servers do not have, locking
 * every user out; a wrong old key must not pass for tampering ("sealed secret malformed") or for
 * "up to date". The rotation must find it, say so, and write nothing under a wrong primary.
 */
import { createKeyring, type OtpStore } from '@otpkit/core';
import type { AnyKysely } from '@otpkit/store-sql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateKeys } from './rotate-keys.js';
import { rotationSummary } from './rotation-summary.js';
import { confirmedTotp, KEYS, keyringOf, testDatabase } from './test-store.js';

let db: AnyKysely;
let store: OtpStore;
beforeEach(async () => ({ db, store } = await testDatabase()));
afterEach(() => db.destroy());

/** A keyring whose `id` holds another key's value (k0's, which sealed nothing here). */
const wrongUnder = (id: 'k1' | 'k2', primary: 'k1' | 'k2') =>
  createKeyring({
    keys: { k2: id === 'k2' ? KEYS.k0 : KEYS.k2, k1: id === 'k1' ? KEYS.k0 : KEYS.k1 },
    primary,
  });

const snapshot = async (users: string[]) =>
  JSON.stringify(await Promise.all(users.map((userId) => store.loadUser(userId))));

/** Two users still under k1; one the site enrolled under k2 after k2 became its primary. */
async function halfRotatedStore() {
  await confirmedTotp(store, keyringOf('k1'), 'ada');
  await confirmedTotp(store, keyringOf('k1'), 'bea');
  await confirmedTotp(store, keyringOf('k2', 'k1'), 'cyd');
  return ['ada', 'bea', 'cyd'];
}

describe('a wrong value under the primary key id', () => {
  it('makes a real run write nothing, and say which key', async () => {
    const users = await halfRotatedStore();
    const before = await snapshot(users);
    const report = await rotateKeys({
      db,
      store,
      keyring: wrongUnder('k2', 'k2'),
      batchSize: 10,
      dryRun: false,
    });
    expect(report).toMatchObject({
      stoppedBy: 'wrong-key',
      complete: false,
      resealedDevices: 0,
      wrongKeys: ['k2'],
      keyChecks: { k2: { opened: 0, refused: 1 } },
    });
    expect(await snapshot(users)).toBe(before);
    const text = rotationSummary(report, undefined, ['k1']);
    expect(text).toContain('The key k2 does not open these secrets: is it the right key?');
    expect(text).toContain('Nothing was written');
    expect(text).not.toContain('Keep k1');
  });

  it('is found by a dry run too: the device under it failed, not up to date', async () => {
    await halfRotatedStore();
    const report = await rotateKeys({
      db,
      store,
      keyring: wrongUnder('k2', 'k2'),
      batchSize: 1,
      dryRun: true,
    });
    expect(report).toMatchObject({ wrongKeys: ['k2'], complete: true, resealedDevices: 2, upToDate: 0 });
    expect(report.failed).toEqual([
      expect.objectContaining({
        userId: 'cyd',
        reason: 'the key k2 in OTPKIT_KEYS does not open it (not the key that sealed it, or tampered with)',
      }),
    ]);
    expect(rotationSummary(report, undefined, ['k1'])).toContain(
      'The key k2 does not open these secrets: is it the right key? (the 1 secret sealed under k2 did not open.)',
    );
  });

  it('still rotates when the primary opens what is under it', async () => {
    await halfRotatedStore();
    const report = await rotateKeys({
      db,
      store,
      keyring: keyringOf('k2', 'k1'),
      batchSize: 1,
      dryRun: false,
    });
    expect(report).toMatchObject({ stoppedBy: null, wrongKeys: [], resealedDevices: 2, upToDate: 1 });
  });
});

describe('a wrong value under an old key id', () => {
  it('fails the devices under it, writes nothing for them, and asks about the key instead of blaming tampering', async () => {
    const users = await halfRotatedStore();
    const before = await snapshot(users);
    const report = await rotateKeys({
      db,
      store,
      keyring: wrongUnder('k1', 'k2'),
      batchSize: 10,
      dryRun: false,
    });
    expect(report).toMatchObject({
      complete: true,
      resealedDevices: 0,
      upToDate: 1,
      wrongKeys: ['k1'],
      keyChecks: { k1: { opened: 0, refused: 2 }, k2: { opened: 1, refused: 0 } },
      keysStillNeeded: ['k1'],
    });
    expect(report.failed.map((f) => f.userId).sort()).toEqual(['ada', 'bea']);
    expect(await snapshot(users)).toBe(before);
    expect(rotationSummary(report, undefined, ['k1'])).toContain(
      'The key k1 does not open these secrets: is it the right key? (none of the 2 secrets sealed under k1 opened.)',
    );
  });
});
