/**
 * The operator's flows, run through the built `otpkit` binary against one database. Each test
 * file calls {@link cliScenarios} for its database.
 */
import { generateKey } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build.js';
import { totpCode, wrongBackupCode, wrongTotpCode } from './helpers/codes.js';
import type { Target } from './helpers/databases.js';
import { type Env, runCli, runJson, startCli } from './helpers/run-cli.js';

interface DeviceJson {
  id: string;
  kind: string;
  name: string;
  confirmed: boolean;
  details: Record<string, unknown>;
}
interface EnrollJson {
  device: DeviceJson;
  secret: string;
  manualKey: string;
  uri: string;
}
interface VerifyJson {
  ok: boolean;
  reason?: string;
  kind?: string;
  deviceId?: string;
}

const K0 = generateKey();
const K1 = generateKey();
const K2 = generateKey();

export function cliScenarios(target: Target): void {
  const env = (extra: Env = {}): Env => ({
    OTPKIT_DATABASE_URL: target.url,
    OTPKIT_TABLE_PREFIX: target.prefix,
    OTPKIT_KEYS: `k1:${K1}`,
    ...extra,
  });

  /** Enroll a TOTP app without confirming it: the device and its secret. */
  const enroll = async (user: string, extra: Env = {}) => {
    const run = await runJson<EnrollJson>(['enroll', 'totp', user, '--no-confirm'], env(extra));
    expect(run.code, run.stderr).toBe(0);
    return run.json;
  };
  /** Enroll and confirm a TOTP app: the device id and the secret. */
  const enrollConfirmed = async (user: string, extra: Env = {}) => {
    const { device, secret } = await enroll(user, extra);
    const confirmed = await runCli(['confirm', user, device.id, totpCode(secret)], env(extra));
    expect(confirmed.code, confirmed.stderr).toBe(0);
    return { deviceId: device.id, secret };
  };
  const verify = (user: string, code: string, extra: Env = {}) =>
    runJson<VerifyJson>(['verify', user, code], env(extra));

  describe.skipIf(target.skip)(`otpkit on ${target.name}`, () => {
    beforeAll(async () => {
      await ensureBuilt();
      const migrated = await runJson<{ applied: number[] }>(['migrate'], env());
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.json.applied).toEqual([1]);
    }, 120_000);
    afterAll(() => target.cleanup());

    it('migrate does nothing the second time', async () => {
      const run = await runCli(['migrate'], env());
      expect(run).toMatchObject({
        code: 0,
        stdout: 'Schema already at version 1: nothing to do.\n',
        stderr: '',
      });
    });

    it('enrolls a TOTP app left pending, then confirms it with a code computed from the secret', async () => {
      const enrolled = await enroll('ann', { OTPKIT_ISSUER: 'Example Admin' });
      expect(enrolled.device).toMatchObject({ kind: 'totp', name: 'Authenticator app', confirmed: false });
      expect(enrolled.uri).toMatch(
        /^otpauth:\/\/totp\/Example%20Admin:ann\?secret=[A-Z2-7]+&issuer=Example%20Admin/,
      );
      expect(enrolled.manualKey.replace(/ /g, '')).toBe(enrolled.secret);

      const before = await runJson<{ enrolled: boolean }>(['status', 'ann'], env());
      expect(before.json.enrolled).toBe(false);
      const confirmed = await runCli(
        ['confirm', 'ann', enrolled.device.id, totpCode(enrolled.secret)],
        env(),
      );
      expect(confirmed).toMatchObject({
        code: 0,
        stdout: `Device ${enrolled.device.id} of ann is confirmed.\n`,
      });
      const listed = await runJson<{ devices: DeviceJson[] }>(['devices', 'list', 'ann'], env());
      expect(listed.json.devices).toEqual([
        expect.objectContaining({ id: enrolled.device.id, confirmed: true }),
      ]);
      expect(JSON.stringify(listed.json)).not.toContain(enrolled.secret);
    });

    it('verifies a code once: accepted, then replayed, and a wrong code refused (exit 1)', async () => {
      const { deviceId, secret } = await enrollConfirmed('vic');
      const code = totpCode(secret, 30_000);
      const ok = await verify('vic', code);
      expect(ok.code).toBe(0);
      expect(ok.json).toEqual({
        ok: true,
        userId: 'vic',
        deviceId,
        kind: 'totp',
        device: expect.objectContaining({ id: deviceId, confirmed: true }),
      });
      const replayed = await verify('vic', code);
      expect(replayed).toMatchObject({ code: 1, json: { ok: false, reason: 'replayed' } });
      const wrong = await runCli(['verify', 'vic', wrongTotpCode(secret)], env());
      expect(wrong).toMatchObject({ code: 1, stdout: 'Code refused: wrong code.\n' });
    });

    it('enrolls interactively: shows the QR code, retries after a wrong code, confirms with the right one', async () => {
      // The real throttle: the wrong code imposes a one-second delay that the command waits out.
      const session = startCli(
        ['enroll', 'totp', 'bob', '--name', 'Phone'],
        env({ OTPKIT_THROTTLE_FACTOR: '1' }),
      );
      const shown = await session.waitFor(/Code from the app/);
      expect(shown).toContain('Scan the QR code');
      expect(shown).toMatch(/[▀▄█]/);
      const secret = /secret=([A-Z2-7]+)/.exec(shown)![1]!;
      session.write(`${wrongTotpCode(secret)}\n${totpCode(secret)}\n`);
      const run = await session.finish();
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('Not accepted: wrong code; try again.');
      expect(run.stderr).toContain('Too many wrong codes: waiting 1 s.');
      expect(run.stdout).toMatch(/Device \S+ is confirmed: bob can sign in with the app\./);
      const listed = await runJson<{ devices: DeviceJson[] }>(['devices', 'list', 'bob'], env());
      expect(listed.json.devices).toEqual([expect.objectContaining({ name: 'Phone', confirmed: true })]);
    });

    it('leaves an interactive enrollment pending when input ends without a right code', async () => {
      const run = await runCli(['enroll', 'totp', 'bea'], env(), '\n');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /Stopped without a code\.\nDevice \S+ is pending: confirm it with `otpkit confirm bea /,
      );
    });

    it('adds static tokens that each work once, keeping the codes already given', async () => {
      const first = await runJson<{ codes: string[]; remaining: number }>(
        ['add-static-token', 'carol'],
        env(),
      );
      expect(first.code, first.stderr).toBe(0);
      expect(first.json.codes).toEqual([expect.stringMatching(/^[0-9a-z]{5}-[0-9a-z]{5}$/)]);
      expect(first.json.remaining).toBe(1);
      const more = await runJson<{ codes: string[]; remaining: number }>(
        ['add-static-token', 'carol', '--count', '2'],
        env(),
      );
      expect(more.json).toMatchObject({ remaining: 3, codes: [expect.any(String), expect.any(String)] });

      const code = first.json.codes[0]!;
      expect(await verify('carol', code)).toMatchObject({
        code: 0,
        json: { ok: true, kind: 'backup-codes' },
      });
      expect(await verify('carol', code)).toMatchObject({ code: 1, json: { ok: false, reason: 'replayed' } });
      expect(await verify('carol', more.json.codes[1]!)).toMatchObject({ code: 0 });
      const human = await runCli(['add-static-token', 'carol'], env());
      expect(human.stdout).toMatch(
        /^Backup code for carol \(each works once; shown only now\):\n {2}\S{11}\ncarol now has 2 unused backup codes\.\n$/,
      );
    });

    it('lists and removes devices', async () => {
      const { device } = await enroll('dave');
      await runCli(['add-static-token', 'dave'], env());
      const listed = await runCli(['devices', 'list', 'dave'], env({ OTPKIT_KEYS: undefined }));
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^ID +KIND +NAME +STATUS +CREATED +LAST USED +DETAILS\n/);
      expect(listed.stdout).toMatch(new RegExp(`${device.id} +totp +Authenticator app +pending`));
      expect(listed.stdout).toMatch(/backup-codes +Backup codes +confirmed .* remaining: 1/);

      const removed = await runCli(
        ['devices', 'remove', 'dave', '--', device.id],
        env({ OTPKIT_KEYS: undefined }),
      );
      expect(removed).toMatchObject({
        code: 0,
        stdout: `Removed totp device "Authenticator app" (${device.id}) from dave.\n`,
      });
      const after = await runJson<{ devices: DeviceJson[] }>(['devices', 'list', 'dave'], env());
      expect(after.json.devices.map((d) => d.kind)).toEqual(['backup-codes']);
      const again = await runCli(['devices', 'remove', 'dave', device.id], env());
      expect(again).toMatchObject({ code: 1, stderr: `otpkit: dave has no device ${device.id}.\n` });
    });

    it('unlocks a user locked by failures', async () => {
      const locking = { OTPKIT_THROTTLE_MAX_FAILURES: '2' };
      const { json } = await runJson<{ codes: string[] }>(['add-static-token', 'erin'], env());
      const code = json.codes[0]!;
      await verify('erin', wrongBackupCode(code), locking);
      await verify('erin', wrongBackupCode(code), locking);
      const locked = await runJson(['status', 'erin'], env(locking));
      expect(locked.json).toMatchObject({ userId: 'erin', failures: 2, locked: true });
      expect(await verify('erin', code, locking)).toMatchObject({
        code: 1,
        json: { ok: false, reason: 'locked' },
      });

      const unlock = await runCli(['unlock', 'erin'], env({ OTPKIT_KEYS: undefined }));
      expect(unlock).toMatchObject({
        code: 0,
        stdout: 'erin is unlocked (was locked, 2 failures cleared).\n',
      });
      const status = await runCli(['status', 'erin'], env(locking));
      expect(status.stdout).toContain('locked:       no');
      expect(await verify('erin', code, locking)).toMatchObject({ code: 0, json: { ok: true } });
    });

    it('rotates keys: a dry run writes nothing, a run in slices resumes, old hashes keep the old key', async () => {
      const prefix = target.newPrefix();
      const at = (keys: string, extra: Env = {}) =>
        env({ OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: keys, ...extra });
      const k1 = at(`k1:${K1}`);
      const both = at(`k2:${K2},k1:${K1}`);
      const k2 = at(`k2:${K2}`);
      expect((await runCli(['migrate'], k1)).code).toBe(0);
      const u1 = await enrollConfirmed('u1', { OTPKIT_TABLE_PREFIX: prefix });
      await enroll('u2', { OTPKIT_TABLE_PREFIX: prefix });
      await enroll('u3', { OTPKIT_TABLE_PREFIX: prefix });
      const backup = (await runJson<{ codes: string[] }>(['add-static-token', 'u1'], k1)).json.codes[0]!;

      const dry = await runJson(['keys', 'rotate', '--dry-run'], both);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.json).toMatchObject({
        dryRun: true,
        complete: true,
        scanned: 4,
        resealedDevices: 3,
        resealedSecrets: 3,
        upToDate: 1,
        oldHashes: { k1: 1 },
        oldHashDevices: { 'backup-codes': 1 },
        keysStillNeeded: ['k1'],
        failed: [],
      });
      expect((await runJson(['keys', 'rotate', '--dry-run'], both)).json).toMatchObject({
        resealedDevices: 3,
      });
      // Nothing moved to k2: with k2 alone, the TOTP secret does not open; the device is skipped and named.
      const early = await runCli(['verify', 'u1', totpCode(u1.secret, 30_000)], k2);
      expect(early.code).toBe(2);
      expect(early.stderr).toContain('cannot be read with the keys in OTPKIT_KEYS');
      expect(early.stdout).toBe('Code refused: wrong code.\n');

      const slice = await runJson(['keys', 'rotate', '--batch-size', '1', '--limit', '1'], both);
      expect(slice.code, slice.stderr).toBe(0);
      expect(slice.json).toMatchObject({ complete: false, stoppedBy: 'limit', resealedDevices: 1 });
      const rest = await runCli(['keys', 'rotate', '--batch-size', '1'], both);
      expect(rest.code, rest.stderr).toBe(0);
      expect(rest.stderr).toMatch(/^keys rotate: 1\/4 devices checked, \d resealed\n/);
      expect(rest.stderr).toContain('keys rotate: 4/4 devices checked, 2 resealed\n');
      expect(rest.stdout).toContain('Resealed:         2 devices (2 secrets)');
      expect(rest.stdout).toContain('Up to date:       2 devices');
      expect(rest.stdout).toContain('Keyed hashes under old keys: 1 (k1: 1) on 1 device (backup-codes: 1).');
      expect(rest.stdout).toMatch(/Keep k1 in OTPKIT_KEYS\.\n$/);
      const done = await runJson(['keys', 'rotate'], both);
      expect(done.json).toMatchObject({ complete: true, resealedDevices: 0, upToDate: 4 });

      // Every secret is under k2 now: k2 alone verifies TOTP codes; backup codes still need k1.
      expect(await runJson(['verify', 'u1', totpCode(u1.secret, 30_000)], k2)).toMatchObject({
        code: 0,
        json: { ok: true, kind: 'totp' },
      });
      expect(await runJson(['verify', 'u1', backup], k2)).toMatchObject({
        code: 1,
        json: { reason: 'invalid' },
      });
      expect(await runJson(['verify', 'u1', backup], both)).toMatchObject({
        code: 0,
        json: { kind: 'backup-codes' },
      });

      // A device sealed under a key nobody listed fails (exit 1) without stopping the others.
      await enroll('u4', { OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: `k0:${K0}` });
      const failed = await runJson<{ failed: Array<{ reason: string; kind: string }> }>(
        ['keys', 'rotate'],
        both,
      );
      expect(failed.code).toBe(1);
      expect(failed.json).toMatchObject({ complete: true, scanned: 5, resealedDevices: 0, upToDate: 4 });
      expect(failed.json.failed).toEqual([
        expect.objectContaining({
          kind: 'totp',
          reason: 'sealed under key k0, which OTPKIT_KEYS does not list',
        }),
      ]);
    }, 60_000); // a dozen CLI runs: generous when other suites share the CPU
  });
}
