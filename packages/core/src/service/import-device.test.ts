import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

const SEED = 'a1b2c3d4e5f6a7b8c9d0e1f2';

describe('importDevice', () => {
  it('imports a confirmed device with its state, so a code already used stays used', async () => {
    const env = setup();
    const r = await env.otp.importDevice({
      userId: 'alice',
      kind: 'sequence',
      name: 'Old token',
      importKey: 'legacy:1',
      seed: SEED,
      counter: 3,
      createdAt: 1_000,
      lastUsedAt: 2_000,
    });
    expect(r).toMatchObject({
      imported: true,
      device: {
        name: 'Old token',
        confirmed: true,
        createdAt: 1_000,
        lastUsedAt: 2_000,
        details: { counter: 3 },
      },
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(SEED, 2) })).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
    env.advance(60_000);
    expect(await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(SEED, 3) })).toMatchObject({
      ok: true,
    });
    expect(env.events.find((e) => e.name === 'device.added')?.payload).toMatchObject({ confirmed: true });
  });

  it('creates nothing the second time, and answers which device the first run made', async () => {
    const env = setup();
    const first = await env.otp.importDevice({
      userId: 'alice',
      kind: 'sequence',
      importKey: 'k',
      seed: SEED,
    });
    const second = await env.otp.importDevice({
      userId: 'alice',
      kind: 'sequence',
      importKey: 'k',
      seed: SEED,
    });
    expect(second).toEqual({
      imported: false,
      reason: 'duplicate',
      deviceId: first.imported ? first.device.id : '',
    });
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(1);
    // The same key for another user is another record.
    expect(
      await env.otp.importDevice({ userId: 'bob', kind: 'sequence', importKey: 'k', seed: SEED }),
    ).toMatchObject({
      imported: true,
    });
  });

  it('creates one device when two runs of the same import race', async () => {
    const env = setup();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'k', seed: SEED }),
      ),
    );
    expect(results.filter((r) => r.imported)).toHaveLength(1);
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(1);
  });

  it('answers what a dry run would import, writes nothing, and still reports a duplicate', async () => {
    const env = setup();
    const input = { userId: 'alice', kind: 'sequence', importKey: 'k', seed: SEED, counter: 2 };
    const dry = await env.otp.importDevice({ ...input, dryRun: true });
    expect(dry).toMatchObject({ imported: false, reason: 'dry-run', device: { details: { counter: 2 } } });
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([]);
    expect(env.events).toEqual([]);
    expect(await env.otp.importDevice(input)).toMatchObject({ imported: true });
    expect(await env.otp.importDevice({ ...input, dryRun: true })).toMatchObject({
      imported: false,
      reason: 'duplicate',
    });
  });

  it('refuses a dryRun that is not a boolean', async () => {
    const env = setup();
    await expect(
      env.otp.importDevice({
        userId: 'alice',
        kind: 'sequence',
        importKey: 'k',
        seed: SEED,
        dryRun: 'yes' as never,
      }),
    ).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT', details: { field: 'dryRun' } });
  });

  it('imports unconfirmed when the source had not confirmed it', async () => {
    const env = setup();
    await env.otp.importDevice({
      userId: 'alice',
      kind: 'sequence',
      importKey: 'k',
      seed: SEED,
      confirmed: false,
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(SEED, 0) })).toEqual({
      ok: false,
      reason: 'no-device',
    });
    expect((await env.otp.status({ userId: 'alice' })).enrolled).toBe(false);
  });

  it('merges into the existing device of a singleton kind', async () => {
    const env = setup({
      kinds: [sequenceKind({ kind: 'set', singleton: true, recovery: true, confirmed: true })],
    });
    const a = await env.otp.importDevice({
      userId: 'alice',
      kind: 'set',
      importKey: 'a',
      seed: SEED,
      counter: 1,
    });
    const b = await env.otp.importDevice({
      userId: 'alice',
      kind: 'set',
      importKey: 'b',
      seed: SEED,
      counter: 5,
    });
    expect(b.imported && a.imported && b.device.id === a.device.id).toBe(true);
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([
      expect.objectContaining({ details: { counter: 5 } }),
    ]);
  });

  it('refuses what the kind cannot import, naming the field, and writes nothing', async () => {
    const env = setup();
    await expect(
      env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'k', seed: 'not hex' }),
    ).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT', details: { field: 'seed' } });
    await expect(
      env.otp.importDevice({ userId: 'alice', kind: 'nope', importKey: 'k' }),
    ).rejects.toMatchObject({
      details: { field: 'kind' },
    });
    await expect(
      env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'k\n', seed: SEED }),
    ).rejects.toMatchObject({ details: { field: 'importKey' } });
    await expect(
      env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'k', seed: SEED, createdAt: -1 }),
    ).rejects.toMatchObject({ details: { field: 'createdAt' } });
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([]);
  });

  it('keeps to the device caps', async () => {
    const env = setup({ limits: { maxDevices: 1 } });
    await env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'a', seed: SEED });
    await expect(
      env.otp.importDevice({ userId: 'alice', kind: 'sequence', importKey: 'b', seed: SEED }),
    ).rejects.toMatchObject({ code: 'OTP_DEVICE_LIMIT' });
  });
});
