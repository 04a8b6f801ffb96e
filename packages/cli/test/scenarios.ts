/**
 * The operator's flows, run through the built `otpkit` binary against one database. Each test
 * file calls {@link cliScenarios} for its database.
 */
import { encodeBase32, generateHotp, generateKey } from '@otpkit/core';
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

  /** A TOTP device enrolled and confirmed under `keys` in the tables of `prefix`. */
  const enrollUnder = async (user: string, prefix: string, keys: string) => {
    const run = await runJson<EnrollJson>(
      ['enroll', 'totp', user, '--no-confirm'],
      env({ OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: keys }),
    );
    expect(run.code, run.stderr).toBe(0);
    const { device, secret } = run.json;
    const confirmed = await runCli(
      ['confirm', user, device.id, totpCode(secret)],
      env({ OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: keys }),
    );
    expect(confirmed.code, confirmed.stderr).toBe(0);
    return { deviceId: device.id, secret };
  };

  // Each test runs the binary a dozen times or more, which takes a while on a busy machine.
  describe.skipIf(target.skip)(`otpkit on ${target.name}`, { timeout: 90_000 }, () => {
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
      // stdout is a pipe here: the QR code is plain block characters, without terminal colour codes.
      expect(shown).not.toContain('\u001b');
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
      const again = await runCli(
        ['devices', 'remove', 'dave', device.id],
        env({ OTPKIT_THROTTLE_FACTOR: undefined }),
      );
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

    it('says what a user with only backup codes is: not enrolled, but able to sign in', async () => {
      await runCli(['add-static-token', 'olga', '--count', '3'], env());
      const human = await runCli(['status', 'olga'], env({ OTPKIT_THROTTLE_FACTOR: undefined }));
      expect(human).toMatchObject({ code: 0, stderr: '' });
      expect(human.stdout).toContain(
        '  enrolled:     no: only backup codes (3 unused codes). They let olga sign in',
      );
      expect(human.stdout).toContain('(`otpkit enroll totp olga`) for olga to count as enrolled.');
      expect(human.stdout).not.toContain('1 confirmed device');
      const json = await runJson(['status', 'olga'], env());
      expect(json.json).toMatchObject({ enrolled: false, confirmedDevices: 1, backupCodesOnly: true });
      await enrollConfirmed('olga');
      expect((await runCli(['status', 'olga'], env())).stdout).toContain(
        '  enrolled:     yes (2 confirmed devices: backup-codes, totp)',
      );
    });

    it('warns when OTPKIT_THROTTLE_FACTOR=0 turns the delays off, and only then', async () => {
      const off = await runCli(['status', 'pat'], env({ OTPKIT_THROTTLE_FACTOR: '0' }));
      expect(off.code).toBe(0);
      expect(off.stderr).toBe(
        'otpkit: warning: OTPKIT_THROTTLE_FACTOR=0 turns off the delays after wrong codes (only the lock after too many failures remains): use the value your site gives createOtp.\n',
      );
      const on = await runCli(['status', 'pat'], env({ OTPKIT_THROTTLE_FACTOR: '1' }));
      expect(on).toMatchObject({ code: 0, stderr: '' });
    });

    it('enrolls an HOTP token from its hex seed, counter and code length, and confirms it with a press', async () => {
      // RFC 4226's test seed, as a vendor's seed file gives it: hex.
      const seed = Buffer.from('12345678901234567890');
      const code = (counter: number) => generateHotp({ secret: seed, counter, digits: 8 });
      const run = await runCli(
        [
          'enroll',
          'hotp',
          'hal',
          '--import',
          '--encoding',
          'hex',
          '--counter',
          '5',
          '--digits',
          '8',
          '--name',
          'Token 4711',
        ],
        env(),
        `${seed.toString('hex')}\n${code(6)}\n`,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Device \S+ is confirmed: hal can sign in with the token\.\n$/);
      // Nothing secret is printed for an imported seed.
      expect(run.stdout + run.stderr).not.toContain(seed.toString('hex'));
      const listed = await runJson<{ devices: DeviceJson[] }>(['devices', 'list', 'hal'], env());
      expect(listed.json.devices).toEqual([
        expect.objectContaining({
          kind: 'hotp',
          name: 'Token 4711',
          confirmed: true,
          details: expect.objectContaining({ digits: 8 }),
        }),
      ]);
      expect(await verify('hal', code(7))).toMatchObject({ code: 0, json: { ok: true, kind: 'hotp' } });
      expect(await verify('hal', code(7))).toMatchObject({ code: 1, json: { ok: false } });
    });

    it('enrolls an HOTP token from a base32 seed left pending, and names hex given as base32', async () => {
      const seed = Buffer.from('abcdefghij0123456789');
      const pending = await runJson<EnrollJson>(['enroll', 'hotp', 'hed', '--import', '--no-confirm'], env());
      expect(pending.code).toBe(2);
      const base32 = encodeBase32(seed);
      const run = await runCli(
        ['enroll', 'hotp', 'hed', '--import', '--no-confirm', '--json'],
        env(),
        `${base32}\n`,
      );
      expect(run.code, run.stderr).toBe(0);
      const { device } = JSON.parse(run.stdout) as EnrollJson;
      expect(device).toMatchObject({ kind: 'hotp', confirmed: false });
      expect(run.stdout).not.toContain(base32);
      const confirmed = await runCli(
        ['confirm', 'hed', device.id, generateHotp({ secret: seed, counter: 0 })],
        env(),
      );
      expect(confirmed.code, confirmed.stderr).toBe(0);

      const hex = await runCli(
        ['enroll', 'hotp', 'hex', '--import', '--no-confirm'],
        env(),
        `${seed.toString('hex')}\n`,
      );
      expect(hex).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          'otpkit: The seed is not a valid base32 secret of 16 to 64 bytes: it looks like hex, add --encoding hex.\n',
        ),
      });
    });

    it('rotates keys: a wrong key value under a known id is named, and a real run writes nothing under it', async () => {
      const prefix = target.newPrefix();
      const at = (keys: string) => env({ OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: keys });
      expect((await runCli(['migrate'], at(`k1:${K1}`))).code).toBe(0);
      const old = await enrollUnder('w1', prefix, `k1:${K1}`);
      // The site has k2 as its primary already: a newer device is under k2.
      const recent = await enrollUnder('w2', prefix, `k2:${K2},k1:${K1}`);
      const wrong = at(`k2:${K0},k1:${K1}`);

      const dry = await runCli(['keys', 'rotate', '--dry-run'], wrong);
      expect(dry.code).toBe(2);
      expect(dry.stdout).toContain(
        'The key k2 does not open these secrets: is it the right key? (the 1 secret sealed under k2 did not open.)',
      );
      expect(dry.stdout).not.toMatch(/Up to date: +2 devices/);
      const real = await runJson<{ stoppedBy: string; resealedDevices: number }>(['keys', 'rotate'], wrong);
      expect(real).toMatchObject({ code: 2, json: { stoppedBy: 'wrong-key', resealedDevices: 0 } });
      const human = await runCli(['keys', 'rotate'], wrong);
      expect(human.stdout).toContain('Nothing was written');
      expect(human.stdout).toMatch(
        /Put the right k2 in OTPKIT_KEYS \(the one your servers use\) and run again\.\n$/,
      );
      // The old device is still under k1, and the right keys still verify both.
      expect(
        await verify('w1', totpCode(old.secret, 30_000), {
          OTPKIT_TABLE_PREFIX: prefix,
          OTPKIT_KEYS: `k1:${K1}`,
        }),
      ).toMatchObject({ code: 0 });

      // verify and status say the same about the device the wrong key cannot read.
      const skipped = await runCli(['verify', 'w2', totpCode(recent.secret, 30_000)], wrong);
      expect(skipped.code).toBe(2);
      expect(skipped.stderr).toContain(
        `device ${recent.deviceId} was skipped: the key k2 in OTPKIT_KEYS does not open its secret: is it the right key?`,
      );
      const status = await runCli(['status', 'w2'], wrong);
      expect(status.stdout).toContain(
        `  unreadable:   1 device (skipped when codes are checked)\n    ${recent.deviceId}: the key k2 in OTPKIT_KEYS does not open its secret`,
      );
    });

    it('rotates keys: used backup codes need no old key, and a key removed too early is asked back, never kept', async () => {
      const prefix = target.newPrefix();
      const at = (keys: string) => env({ OTPKIT_TABLE_PREFIX: prefix, OTPKIT_KEYS: keys });
      expect((await runCli(['migrate'], at(`k1:${K1}`))).code).toBe(0);
      const { codes } = (
        await runJson<{ codes: string[] }>(['add-static-token', 'x1', '--count', '2'], at(`k1:${K1}`))
      ).json;
      expect((await runJson(['verify', 'x1', codes[0]!], at(`k1:${K1}`))).code).toBe(0);

      const removed = await runCli(['keys', 'rotate'], at(`k2:${K2}`));
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toContain('Unused codes hashed under old keys: 1 (k1: 1)');
      expect(removed.stdout).not.toContain('Keep k1');
      expect(removed.stdout).toMatch(
        /k1 is not in OTPKIT_KEYS, but stored secrets or codes still need it: put it back \(on every server too\), then run again\.\n$/,
      );

      expect((await runJson(['verify', 'x1', codes[1]!], at(`k1:${K1}`))).code).toBe(0);
      const done = await runJson(['keys', 'rotate'], at(`k2:${K2},k1:${K1}`));
      expect(done).toMatchObject({ code: 0, json: { oldHashes: {}, keysStillNeeded: [] } });
      expect((await runCli(['keys', 'rotate'], at(`k2:${K2},k1:${K1}`))).stdout).toMatch(
        /Nothing stored needs k1 any more: you may remove it from OTPKIT_KEYS on every server\.\n$/,
      );
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
      expect(early.stderr).toContain(
        `device ${u1.deviceId} was skipped: its secret is sealed under key k1, which OTPKIT_KEYS does not list.`,
      );
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
      expect(rest.stdout).toContain(
        'Unused codes hashed under old keys: 1 (k1: 1) on 1 device (backup-codes: 1).',
      );
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
