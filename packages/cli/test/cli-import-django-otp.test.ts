/**
 * `otpkit import django-otp` through the built binary, on an SQLite file, with dumps written the way
 * `manage.py dumpdata` writes them. (cli-django-otp-real.test.ts makes its dump with Django itself.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHotp, generateKey, generateTotp } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/build.js';
import { randomPrefix } from './helpers/databases.js';
import { type Env, runCli, runJson } from './helpers/run-cli.js';

interface ReportJson {
  dryRun: boolean;
  total: number;
  counts: Record<string, number>;
  rows: Array<{ model: string; pk: string; outcome: string; userId?: string; reason?: string }>;
}

const dir = mkdtempSync(join(tmpdir(), 'otpkit-django-import-'));
const KEY = '3132333435363738393031323334353637383930';
const SECRET = Buffer.from(KEY, 'hex');
const base = {
  name: 'Phone',
  confirmed: true,
  throttling_failure_timestamp: null,
  throttling_failure_count: 0,
};
const totpRow = (pk: number, user: number, extra: Record<string, unknown> = {}) => ({
  model: 'otp_totp.totpdevice',
  pk,
  fields: {
    ...base,
    user,
    key: KEY,
    step: 30,
    t0: 0,
    digits: 6,
    tolerance: 1,
    drift: 0,
    last_t: -1,
    ...extra,
  },
});

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

describe('otpkit import django-otp', { timeout: 120_000 }, () => {
  let prefix = randomPrefix();
  const env = (extra: Env = {}): Env => ({
    OTPKIT_DATABASE_URL: `sqlite:${join(dir, 'otp.db')}`,
    OTPKIT_TABLE_PREFIX: prefix,
    OTPKIT_KEYS: `k1:${generateKeyOnce}`,
    ...extra,
  });
  const generateKeyOnce = generateKey();
  const migrate = async () => {
    prefix = randomPrefix();
    const run = await runCli(['migrate'], env());
    expect(run.code, run.stderr).toBe(0);
  };

  const step = () => Math.floor(Date.now() / 30_000);
  const dump = () => [
    { model: 'auth.user', pk: 1, fields: { username: 'alice', email: 'alice@acme.test' } },
    totpRow(1, 1, { last_t: step() }),
    {
      model: 'otp_hotp.hotpdevice',
      pk: 2,
      fields: { ...base, user: 2, name: 'Token', key: KEY, digits: 8, tolerance: 5, counter: 3 },
    },
    { model: 'otp_static.staticdevice', pk: 3, fields: { ...base, user: 1, name: 'backup' } },
    { model: 'otp_static.statictoken', pk: 9, fields: { device: 3, token: 'abcd2345' } },
    { model: 'otp_email.emaildevice', pk: 4, fields: { ...base, user: 1, name: 'Mail', email: null } },
    { model: 'otp_twilio.twiliosmsdevice', pk: 5, fields: { ...base, user: 1, number: '+15555550100' } },
  ];

  beforeAll(async () => {
    await ensureBuilt();
    await migrate();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports what a dry run would import, and writes nothing', async () => {
    const run = await runJson<ReportJson>(
      ['import', 'django-otp', file('dry.json', dump()), '--user-id', 'django:{pk}', '--dry-run'],
      env(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ dryRun: true, total: 5, counts: { 'would-import': 4, skipped: 1 } });
    const listed = await runJson<{ devices: unknown[] }>(['devices', 'list', 'django:1'], env());
    expect(listed.json.devices).toEqual([]);
  });

  it('imports each device with its state, prints a summary, and creates nothing the second time', async () => {
    const path = file('dump.json', dump());
    const run = await runCli(['import', 'django-otp', path, '--user-id', 'django:{pk}'], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`5 django-otp devices in ${path}: imported 4, skipped 1, failed 0.`);
    expect(run.stdout).toMatch(/Skipped:\n {2}otp_twilio\.twiliosmsdevice 5: SMS through Twilio/);

    const used = generateTotp({ secret: SECRET, time: Date.now() });
    const replayed = await runJson(['verify', 'django:1', used], env());
    expect(replayed.json).toMatchObject({ ok: false });
    const hotp = await runJson(
      ['verify', 'django:2', generateHotp({ secret: SECRET, counter: 3, digits: 8 })],
      env(),
    );
    expect(hotp.json).toMatchObject({ ok: true, kind: 'hotp' });
    const token = await runJson(['verify', 'django:1', 'abcd2345'], env());
    expect(token.json).toMatchObject({ ok: true, kind: 'backup-codes' });
    const listed = await runJson<{ devices: Array<{ kind: string; details: unknown }> }>(
      ['devices', 'list', 'django:1'],
      env(),
    );
    expect(listed.json.devices.map((d) => d.kind).sort()).toEqual(['backup-codes', 'email', 'totp']);

    const again = await runJson<ReportJson>(
      ['import', 'django-otp', path, '--user-id', 'django:{pk}'],
      env(),
    );
    expect(again.code).toBe(0);
    expect(again.json.counts).toMatchObject({ imported: 0, duplicate: 4, skipped: 1 });
  });

  it('reports a row that cannot be imported with its reason, imports the others, and exits 1', async () => {
    await migrate();
    const rows = [totpRow(1, 1), totpRow(2, 2, { key: 'abcdef' }), totpRow(3, 3, { digits: 7, step: 0 })];
    const run = await runCli(['import', 'django-otp', file('bad.json', rows), '--user-id', 'u{pk}'], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('imported 1, failed 2.');
    expect(run.stdout).toMatch(/Failed:\n {2}otp_totp\.totpdevice 2 \(user u2\): key: .*16–64 bytes/);
    expect(run.stdout).toMatch(/ {2}otp_totp\.totpdevice 3 \(user u3\): step: /);
    expect(run.stdout).not.toContain('abcdef');
  });

  it('maps users through a --user-map file, leaving out those mapped to null', async () => {
    await migrate();
    const map = file('users.json', { '1': 'alice-id', '2': null });
    const run = await runJson<ReportJson>(
      [
        'import',
        'django-otp',
        file('two.json', [totpRow(1, 1), totpRow(2, 2), totpRow(3, 3)]),
        '--user-map',
        map,
      ],
      env(),
    );
    expect(run.code).toBe(1);
    expect(run.json.rows.map((r) => [r.outcome, r.userId ?? r.reason])).toEqual([
      ['imported', 'alice-id'],
      ['skipped', 'user: user 2 is left out by the user map'],
      ['failed', 'user: user 3 is not in the user map'],
    ]);
  });

  it('shows progress on stderr for a large import', async () => {
    await migrate();
    const rows = Array.from({ length: 120 }, (_, i) => totpRow(i + 1, i + 1));
    const run = await runCli(['import', 'django-otp', file('large.json', rows), '--user-id', 'u{pk}'], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('otpkit: 1 of 120 device rows (0%)');
    expect(run.stderr).toContain('otpkit: 120 of 120 device rows (100%)');
    expect(run.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(12);
  });

  it.each([
    { why: 'no user mapping', args: [], code: 2, message: /--user-id 'django:\{pk\}' or --user-map/ },
    {
      why: 'both mappings',
      args: ['--user-id', '{pk}', '--user-map', 'm.json'],
      code: 2,
      message: /not both/,
    },
    {
      why: 'a template without {pk}',
      args: ['--user-id', 'django'],
      code: 2,
      message: /must contain \{pk\}/,
    },
    {
      why: 'an unknown placeholder',
      args: ['--user-id', '{pk}{id}'],
      code: 2,
      message: /no other placeholder/,
    },
  ])('refuses $why', async ({ args, code, message }) => {
    const run = await runCli(['import', 'django-otp', file('empty.json', []), ...args], env());
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it.each([
    { why: 'a missing file', name: null, code: 1, message: /Cannot read the dump .*ENOENT/ },
    { why: 'a file that is not JSON', name: 'x.json', content: '{', code: 2, message: /not JSON/ },
    { why: 'JSON that is no dump', name: 'y.json', content: '{}', code: 2, message: /JSON array/ },
  ])('refuses $why', async ({ name, content, code, message }) => {
    const path = name === null ? join(dir, 'missing.json') : file(name, content ?? '');
    const run = await runCli(['import', 'django-otp', path, '--user-id', '{pk}'], env());
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
