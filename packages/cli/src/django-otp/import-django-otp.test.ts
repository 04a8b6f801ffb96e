import { randomBytes } from 'node:crypto';
import { createKeyring, createOtp, generateHotp, generateTotp, memoryStore } from '@otpkit/core';
import { backupCodes, emailCode, hotp, totp } from '@otpkit/devices';
import { describe, expect, it } from 'vitest';
import { importDjangoOtp } from './import-django-otp.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const KEY = Buffer.from('12345678901234567890').toString('hex');
const SECRET = Buffer.from(KEY, 'hex');
const STEP = Math.floor(NOW / 30_000);

function setup() {
  const otp = createOtp({
    store: memoryStore(),
    keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
    kinds: [
      totp({ issuer: 'Acme' }),
      hotp(),
      backupCodes(),
      emailCode({ mailer: { send: async () => {} }, siteName: 'Acme' }),
    ],
    clock: () => NOW,
  });
  return otp;
}

const device = { user: 1, name: 'Phone', confirmed: true, throttling_failure_count: 0 };
/** A dump as `manage.py dumpdata` writes it (django-otp 1.1: no timestamps). */
const DUMP = [
  { model: 'auth.user', pk: 1, fields: { username: 'alice', email: 'alice@acme.test' } },
  {
    model: 'otp_totp.totpdevice',
    pk: 1,
    fields: { ...device, key: KEY, step: 30, t0: 0, digits: 6, tolerance: 1, drift: 0, last_t: STEP },
  },
  {
    model: 'otp_hotp.hotpdevice',
    pk: 2,
    fields: { ...device, user: 2, name: 'Token', key: KEY, digits: 6, tolerance: 5, counter: 4 },
  },
  { model: 'otp_static.staticdevice', pk: 3, fields: { ...device, name: 'backup' } },
  { model: 'otp_static.statictoken', pk: 1, fields: { device: 3, token: 'abcd2345' } },
  { model: 'otp_static.statictoken', pk: 2, fields: { device: 3, token: 'efgh6723' } },
  { model: 'otp_static.staticdevice', pk: 4, fields: { ...device, name: 'spent' } },
  {
    model: 'otp_email.emaildevice',
    pk: 5,
    fields: { ...device, name: 'Mail', email: null, token: '123456' },
  },
  { model: 'otp_twilio.twiliosmsdevice', pk: 6, fields: { ...device, number: '+15555550100' } },
  {
    model: 'otp_totp.totpdevice',
    pk: 7,
    fields: { ...device, key: 'abcdef', step: 30, t0: 0, digits: 6, tolerance: 1, drift: 0, last_t: -1 },
  },
  { model: 'contenttypes.contenttype', pk: 9, fields: { app_label: 'x', model: 'y' } },
];

describe('importDjangoOtp', () => {
  it('imports each device with its state, skips what has no counterpart, and reports the rest', async () => {
    const otp = setup();
    const progress: number[] = [];
    const report = await importDjangoOtp({
      otp,
      dump: JSON.stringify(DUMP),
      userId: 'django:{pk}',
      onProgress: ({ done, total }) => progress.push(done / total),
    });
    expect(report.counts).toEqual({ imported: 4, 'would-import': 0, duplicate: 0, skipped: 2, failed: 1 });
    expect(progress).toHaveLength(7);
    expect(progress.at(-1)).toBe(1);
    expect(report.rows.find((r) => r.model === 'otp_twilio.twiliosmsdevice')).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringContaining('Twilio'),
    });
    expect(report.rows.find((r) => r.pk === '4')).toMatchObject({ outcome: 'skipped' });
    const bad = report.rows.find((r) => r.pk === '7');
    expect(bad).toMatchObject({
      outcome: 'failed',
      userId: 'django:1',
      reason: expect.stringMatching(/^key: /),
    });
    expect(bad?.reason).not.toContain('abcdef');

    // The step django-otp accepted last stays spent; the HOTP counter carries over.
    const used = generateTotp({ secret: SECRET, time: NOW });
    expect(
      await otp.verifyToken({ userId: 'django:1', token: used, deviceId: report.rows[0]!.deviceId }),
    ).toMatchObject({ ok: false, reason: 'replayed' });
    expect(
      await otp.verifyToken({ userId: 'django:2', token: generateHotp({ secret: SECRET, counter: 4 }) }),
    ).toMatchObject({ ok: true });
    const devices = await otp.listDevices({ userId: 'django:1' });
    expect(devices.map((d) => [d.kind, d.name, d.details])).toEqual([
      ['totp', 'Phone', { algorithm: 'SHA1', digits: 6, period: 30 }],
      ['backup-codes', 'backup', { remaining: 2 }],
      ['email', 'Mail', { email: 'alice@acme.test' }],
    ]);
  });

  it('creates nothing the second time', async () => {
    const otp = setup();
    await importDjangoOtp({ otp, dump: DUMP, userId: 'django:{pk}' });
    const again = await importDjangoOtp({ otp, dump: DUMP, userId: 'django:{pk}' });
    expect(again.counts).toMatchObject({ imported: 0, duplicate: 4 });
    expect(await otp.listDevices({ userId: 'django:1' })).toHaveLength(3);
  });

  it('writes nothing in a dry run, and reports what it would import', async () => {
    const otp = setup();
    const report = await importDjangoOtp({ otp, dump: DUMP, userId: 'django:{pk}', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, counts: { 'would-import': 4, failed: 1 } });
    expect(await otp.listDevices({ userId: 'django:1' })).toEqual([]);
  });

  it.each([
    { userId: '{username}', alice: 'alice', bob: 'failed' },
    { userId: { '1': 'u-1', '2': null }, alice: 'u-1', bob: 'skipped' },
    { userId: new Map([['1', 'u-1']]), alice: 'u-1', bob: 'failed' },
    {
      userId: ({ pk }: { pk: string | null }) => (pk === '1' ? 'fn-1' : undefined),
      alice: 'fn-1',
      bob: 'skipped',
    },
  ])('maps users with $userId', async ({ userId, alice, bob }) => {
    const report = await importDjangoOtp({ otp: setup(), dump: DUMP, userId });
    expect(report.rows.find((r) => r.pk === '1')).toMatchObject({ outcome: 'imported', userId: alice });
    expect(report.rows.find((r) => r.pk === '2')).toMatchObject({ outcome: bob });
  });

  it('follows natural foreign keys to the username', async () => {
    const dump = DUMP.map((r) =>
      (r.fields as Record<string, unknown>).user === 1
        ? { ...r, fields: { ...r.fields, user: ['alice'] } }
        : r,
    );
    const report = await importDjangoOtp({ otp: setup(), dump, userId: 'django:{pk}' });
    expect(report.rows.find((r) => r.pk === '1')).toMatchObject({ outcome: 'imported', userId: 'django:1' });
  });

  it('fails a row of a kind the service lacks, and goes on', async () => {
    const otp = createOtp({
      store: memoryStore(),
      keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
      kinds: [totp({ issuer: 'Acme' })],
      clock: () => NOW,
    });
    const report = await importDjangoOtp({ otp, dump: DUMP, userId: 'django:{pk}' });
    expect(report.rows.find((r) => r.kind === 'hotp')).toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('no device kind'),
    });
    expect(report.counts.imported).toBe(1);
  });

  it.each([
    {
      why: 'a row without fields',
      record: { model: 'otp_totp.totpdevice', pk: 1 },
      reason: /not a dumpdata record/,
    },
    {
      why: 'a missing field',
      record: { model: 'otp_hotp.hotpdevice', pk: 1, fields: { user: 1 } },
      reason: /^key: missing/,
    },
    {
      why: 'a bad date',
      record: {
        model: 'otp_email.emaildevice',
        pk: 1,
        fields: { user: 1, name: 'm', email: 'a@b.test', created_at: 'soon' },
      },
      reason: /^created_at: /,
    },
    {
      why: 'a wrong type',
      record: {
        model: 'otp_totp.totpdevice',
        pk: 1,
        fields: { user: 1, name: 'p', key: KEY, step: '30', t0: 0, digits: 6, drift: 0, last_t: -1 },
      },
      reason: /^step: /,
    },
    {
      why: 'a last_t below -1, named as Django names it',
      record: {
        model: 'otp_totp.totpdevice',
        pk: 1,
        fields: { user: 1, name: 'p', key: KEY, step: 30, t0: 0, digits: 6, drift: 0, last_t: -5 },
      },
      reason: /^last_t: Too small/,
    },
    {
      why: 'a key too short, without quoting it',
      record: {
        model: 'otp_hotp.hotpdevice',
        pk: 1,
        fields: { user: 1, name: 'p', key: '0a0b0c', digits: 6, counter: 0 },
      },
      reason: /^key: A secret must be 16–64 bytes, got 3$/,
    },
  ])('reports $why with its reason', async ({ record, reason }) => {
    const report = await importDjangoOtp({ otp: setup(), dump: [record], userId: 'django:{pk}' });
    expect(report.rows[0]).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(reason) });
  });

  it.each([
    { dump: '{ not json', error: /not JSON/ },
    { dump: '{"model": "x"}', error: /JSON array/ },
  ])('refuses a document that is no dump', async ({ dump, error }) => {
    await expect(importDjangoOtp({ otp: setup(), dump, userId: 'x{pk}' })).rejects.toThrow(error);
  });

  it.each(['django', 'django:{id}', 42])('refuses the userId option %s', async (userId) => {
    await expect(importDjangoOtp({ otp: setup(), dump: [], userId: userId as never })).rejects.toThrow(
      TypeError,
    );
  });
});
