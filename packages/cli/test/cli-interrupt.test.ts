/**
 * `otpkit keys rotate` stopped with Ctrl-C: it finishes the write in progress, reports what it did,
 * exits 130, and the next run continues where it stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyring, createOtp, generateKey } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { migrate, sqlStore } from '@otpkit/store-sql';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ensureBuilt } from './helpers/build.js';
import { runJson, startCli } from './helpers/run-cli.js';

// Each test spawns the binary, often several at once: on a loaded machine (CI runs every
// file in parallel) one process start can take seconds, so allow a minute per test.
vi.setConfig({ testTimeout: 60_000 });

const DEVICES = 300;
const K1 = generateKey();
const K2 = generateKey();
const dir = mkdtempSync(join(tmpdir(), 'otpkit-cli-interrupt-'));
const file = join(dir, 'otp.db');

beforeAll(async () => {
  await ensureBuilt();
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  await migrate(db);
  const otp = createOtp({
    store: sqlStore({ db }),
    keyring: createKeyring({ keys: { k1: K1 }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Test' })],
  });
  for (let i = 0; i < DEVICES; i++) await otp.enroll({ userId: `user${i}`, kind: 'totp' });
  await db.destroy();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('stops at Ctrl-C with exit 130, and the next run continues', async () => {
  const env = { OTPKIT_DATABASE_URL: `sqlite:${file}`, OTPKIT_KEYS: `k2:${K2},k1:${K1}` };
  // One device per page: the walk takes long enough to be interrupted in the middle.
  const session = startCli(['keys', 'rotate', '--batch-size', '1', '--json'], env);
  await session.waitFor(/keys rotate: 1\/300 devices checked/);
  session.child.kill('SIGINT');
  const run = await session.finish();
  expect(run.code).toBe(130);
  expect(run.stderr).toContain('Stopping after the current write (Ctrl-C again to quit now)…');
  const stopped = JSON.parse(run.stdout) as { resealedDevices: number; scanned: number };
  expect(stopped).toMatchObject({ stoppedBy: 'interrupt', complete: false });
  expect(stopped.resealedDevices).toBeGreaterThan(0);
  expect(stopped.resealedDevices).toBeLessThan(DEVICES);

  const rest = await runJson(['keys', 'rotate'], env);
  expect(rest.code).toBe(0);
  expect(rest.json).toMatchObject({
    complete: true,
    resealedDevices: DEVICES - stopped.resealedDevices,
    upToDate: stopped.resealedDevices,
    keysStillNeeded: [],
  });
});
