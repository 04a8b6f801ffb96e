// Threat: anyone who holds a user's password can guess codes until the NIST lock engages (about 22
// hours at the default delays), and the lock then blocks every factor of that user, backup codes and
// email included. The lock stays (it is what caps guessing), but it must never be silent: the failure
// that engages it says so, and the events carry what a notification to the user or to
// administrators needs, so that a lock-out by someone else does not go unnoticed.
import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

async function enrolled(env: ReturnType<typeof setup>) {
  const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
  const seed = e.seed as string;
  await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: sequenceCode(seed, 0) });
  return { id: e.device.id, code: (n: number) => sequenceCode(seed, n) };
}

describe('the lock', () => {
  it('reports the failure that engages the lock as locked, not as a plain wrong code', async () => {
    const env = setup({ throttle: { factor: 0, maxFailures: 3 } });
    const device = await enrolled(env);
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toEqual({
      ok: false,
      reason: 'locked',
    });
    // The right code no longer helps: only an administrator does.
    expect(await env.otp.verifyToken({ userId: 'alice', token: device.code(1) })).toEqual({
      ok: false,
      reason: 'locked',
    });
    expect(await env.otp.status({ userId: 'alice' })).toMatchObject({
      locked: true,
      lockedAt: env.now(),
      failures: 3,
    });
  });

  it('emits locked once, with the failures and when, then throttled with locked: true for each refused try', async () => {
    const env = setup({ throttle: { factor: 0, maxFailures: 2 } });
    await enrolled(env);
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    const lockEvents = env.events.filter((e) => e.name === 'locked');
    expect(lockEvents).toEqual([
      { name: 'locked', payload: { userId: 'alice', failures: 2, lockedAt: env.now() } },
    ]);
    expect(env.events.at(-1)).toEqual({
      name: 'throttled',
      payload: { userId: 'alice', locked: true, failures: 2, lockedAt: env.now() },
    });
  });

  it('gives throttled events the failure count and the wait, for a "someone is guessing" notice', async () => {
    const env = setup();
    await enrolled(env);
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    expect(env.events.at(-1)).toEqual({
      name: 'throttled',
      payload: { userId: 'alice', locked: false, failures: 1, lockedAt: null, retryAfterMs: 1000 },
    });
  });

  it('refuses to send codes to a locked user with OTP_LOCKED', async () => {
    const env = setup({ kinds: [sequenceKind()], throttle: { factor: 0, maxFailures: 1 } });
    const device = await enrolled(env);
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    await expect(env.otp.challenge({ userId: 'alice', deviceId: device.id })).rejects.toMatchObject({
      code: 'OTP_LOCKED',
      details: { lockedAt: env.now() },
    });
  });

  it('is lifted by resetThrottle, after which the right code works again', async () => {
    const env = setup({ throttle: { factor: 0, maxFailures: 1 } });
    const device = await enrolled(env);
    await env.otp.verifyToken({ userId: 'alice', token: '000000' });
    await env.otp.resetThrottle({ userId: 'alice' });
    expect(await env.otp.verifyToken({ userId: 'alice', token: device.code(1) })).toMatchObject({ ok: true });
  });
});
