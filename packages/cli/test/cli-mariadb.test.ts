/**
 * The MySQL/MariaDB path of the binary (mariadb:// URL, mysql2 driver), briefly: the operator
 * flows themselves run on SQLite and PostgreSQL.
 */
import { generateKey } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build.js';
import { totpCode } from './helpers/codes.js';
import { serverTarget } from './helpers/databases.js';
import { runCli, runJson } from './helpers/run-cli.js';

const target = await serverTarget('mariadb');
const K1 = generateKey();
const K2 = generateKey();

describe.skipIf(target.skip)('otpkit on mariadb', () => {
  const env = (keys = `k1:${K1}`) => ({
    OTPKIT_DATABASE_URL: target.url,
    OTPKIT_TABLE_PREFIX: target.prefix,
    OTPKIT_KEYS: keys,
  });
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => target.cleanup());

  it('migrates, enrolls, confirms, verifies and rotates keys', async () => {
    expect(await runJson(['migrate'], env())).toMatchObject({ code: 0, json: { applied: [1] } });
    const enrolled = await runJson<{ device: { id: string }; secret: string }>(
      ['enroll', 'totp', 'mia', '--no-confirm'],
      env(),
    );
    const { device, secret } = enrolled.json;
    expect((await runCli(['confirm', 'mia', device.id, totpCode(secret)], env())).code).toBe(0);
    const rotated = await runJson(['keys', 'rotate'], env(`k2:${K2},k1:${K1}`));
    expect(rotated).toMatchObject({
      code: 0,
      json: { complete: true, resealedDevices: 1, keysStillNeeded: [] },
    });
    expect(await runJson(['verify', 'mia', totpCode(secret, 30_000)], env(`k2:${K2}`))).toMatchObject({
      code: 0,
      json: { ok: true },
    });
  });
});
