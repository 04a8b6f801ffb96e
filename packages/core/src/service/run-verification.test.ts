import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

async function enrolled(env: ReturnType<typeof setup>, userId = 'alice') {
  const e = await env.otp.enroll({ userId, kind: 'sequence' });
  const seed = e.seed as string;
  expect(
    await env.otp.confirm({ userId, deviceId: e.device.id, token: sequenceCode(seed, 0) }),
  ).toMatchObject({
    ok: true,
  });
  return { deviceId: e.device.id, seed, code: (n: number) => sequenceCode(seed, n) };
}

describe('verifyToken', () => {
  it('accepts a valid code and reports the user, device and kind', async () => {
    const env = setup();
    const { deviceId, code } = await enrolled(env);
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(1) })).toEqual({
      ok: true,
      userId: 'alice',
      deviceId,
      kind: 'sequence',
      device: expect.objectContaining({ id: deviceId, userId: 'alice', kind: 'sequence', confirmed: true }),
    });
    expect(env.events.at(-1)).toEqual({
      name: 'verified',
      payload: { userId: 'alice', deviceId, kind: 'sequence' },
    });
  });

  it('records lastUsedAt on success', async () => {
    const env = setup();
    const { code } = await enrolled(env);
    env.advance(5_000);
    await env.otp.verifyToken({ userId: 'alice', token: code(1) });
    const [device] = await env.otp.listDevices({ userId: 'alice' });
    expect(device?.lastUsedAt).toBe(env.now());
  });

  it('rejects a code that was already used as replayed', async () => {
    const env = setup({ throttle: { factor: 0 } });
    const { code } = await enrolled(env);
    expect((await env.otp.verifyToken({ userId: 'alice', token: code(1) })).ok).toBe(true);
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(1) })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it.each([['abcdef'], ['12345'], [''], [123456], [null], [{}], ['x'.repeat(10_000)]])(
    'calls %j malformed and does not count it',
    async (token) => {
      const env = setup();
      await enrolled(env);
      expect(await env.otp.verifyToken({ userId: 'alice', token })).toEqual({
        ok: false,
        reason: 'malformed',
      });
      expect((await env.otp.status({ userId: 'alice' })).failures).toBe(0);
    },
  );

  it('answers no-device for a user without confirmed devices', async () => {
    const env = setup();
    await env.otp.enroll({ userId: 'bob', kind: 'sequence' });
    expect(await env.otp.verifyToken({ userId: 'bob', token: '123456' })).toEqual({
      ok: false,
      reason: 'no-device',
    });
    expect(await env.otp.verifyToken({ userId: 'nobody', token: '123456' })).toEqual({
      ok: false,
      reason: 'no-device',
    });
  });

  it("answers no-device for another user's device id", async () => {
    const env = setup();
    const alice = await enrolled(env, 'alice');
    await enrolled(env, 'mallory');
    expect(
      await env.otp.verifyToken({ userId: 'mallory', deviceId: alice.deviceId, token: alice.code(1) }),
    ).toEqual({
      ok: false,
      reason: 'no-device',
    });
  });

  it('counts one failure per call however many devices were tried', async () => {
    const env = setup({ throttle: { factor: 0 } });
    await enrolled(env);
    await env.otp.enroll({ userId: 'alice', kind: 'sequence' }).then(async (e) => {
      await env.otp.confirm({
        userId: 'alice',
        deviceId: e.device.id,
        token: sequenceCode(e.seed as string, 0),
      });
    });
    expect((await env.otp.listDevices({ userId: 'alice' })).filter((d) => d.confirmed)).toHaveLength(2);
    const result = await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
  });

  it('persists the failure data the kind returns (try counters)', async () => {
    const env = setup({ throttle: { factor: 0 } });
    await enrolled(env);
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    const snapshot = await env.store.loadUser('alice');
    expect(snapshot.devices[0]?.data.tries).toBe(1);
  });

  it('tries only the given device when a deviceId is passed', async () => {
    const env = setup();
    const first = await enrolled(env);
    const second = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await env.otp.confirm({
      userId: 'alice',
      deviceId: second.device.id,
      token: sequenceCode(second.seed as string, 0),
    });
    expect(
      await env.otp.verifyToken({ userId: 'alice', deviceId: second.device.id, token: first.code(1) }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('throttling through the service', () => {
  it('refuses even a correct code during the delay, without counting it, and accepts it after', async () => {
    const env = setup();
    const { code } = await enrolled(env);
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toEqual({
      ok: false,
      reason: 'invalid',
      retryAfterMs: 1_000,
    });
    env.advance(400);
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(1) })).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterMs: 600,
    });
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
    env.advance(600);
    expect((await env.otp.verifyToken({ userId: 'alice', token: code(1) })).ok).toBe(true);
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(0);
  });

  it('doubles the delay with each consecutive failure', async () => {
    const env = setup();
    await enrolled(env);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await env.otp.verifyToken({ userId: 'alice', token: '000000' });
      delays.push(r.ok ? -1 : (r.retryAfterMs ?? 0));
      env.advance(r.ok ? 0 : (r.retryAfterMs ?? 0));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('locks after maxFailures until resetThrottle', async () => {
    const env = setup({ throttle: { factor: 0, maxFailures: 3 } });
    const { code } = await enrolled(env);
    for (let i = 0; i < 3; i++) await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    expect(env.events.some((e) => e.name === 'locked')).toBe(true);
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(1) })).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await env.otp.status({ userId: 'alice' })).toMatchObject({ locked: true, failures: 3 });
    await env.otp.resetThrottle({ userId: 'alice' });
    expect((await env.otp.verifyToken({ userId: 'alice', token: code(1) })).ok).toBe(true);
  });
});

describe('confirm and resync', () => {
  it('keeps an unconfirmed device out of login until a valid code confirms it', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    expect(e.device.confirmed).toBe(false);
    expect(
      await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(e.seed as string, 0) }),
    ).toMatchObject({
      reason: 'no-device',
    });
    expect(await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: '000000' })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    env.advance(1_000);
    const confirmed = await env.otp.confirm({
      userId: 'alice',
      deviceId: e.device.id,
      token: sequenceCode(e.seed as string, 0),
    });
    expect(confirmed).toMatchObject({ ok: true, deviceId: e.device.id });
    expect(env.events.map((x) => x.name)).toContain('device.confirmed');
    // The confirming code is burned.
    env.advance(1_000);
    expect(
      await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(e.seed as string, 0) }),
    ).toMatchObject({
      reason: 'replayed',
    });
  });

  it('changes the security stamp when a device is confirmed', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const before = (await env.otp.status({ userId: 'alice' })).stamp;
    await env.otp.confirm({
      userId: 'alice',
      deviceId: e.device.id,
      token: sequenceCode(e.seed as string, 0),
    });
    const after = (await env.otp.status({ userId: 'alice' })).stamp;
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });

  it('resynchronises from two consecutive codes ahead of the counter', async () => {
    const env = setup();
    const { deviceId, code } = await enrolled(env);
    expect(await env.otp.resync({ userId: 'alice', deviceId, tokens: [code(11), code(12)] })).toMatchObject({
      ok: true,
    });
    expect((await env.otp.verifyToken({ userId: 'alice', token: code(13) })).ok).toBe(true);
  });

  it('refuses a resync whose codes are not consecutive, and counts it', async () => {
    const env = setup();
    const { deviceId, code } = await enrolled(env);
    expect(await env.otp.resync({ userId: 'alice', deviceId, tokens: [code(11), code(13)] })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
    env.advance(1_000);
    expect(await env.otp.resync({ userId: 'alice', deviceId, tokens: ['abc'] as never })).toMatchObject({
      reason: 'malformed',
    });
  });

  it('raises OTP_NOT_SUPPORTED for a kind without resync', async () => {
    const base = sequenceKind();
    const { resync: _resync, ...withoutResync } = base;
    const env = setup({ kinds: [withoutResync as never] });
    const { deviceId, code } = await enrolled(env);
    await expect(
      env.otp.resync({ userId: 'alice', deviceId, tokens: [code(1), code(2)] }),
    ).rejects.toMatchObject({
      code: 'OTP_NOT_SUPPORTED',
    });
  });
});
