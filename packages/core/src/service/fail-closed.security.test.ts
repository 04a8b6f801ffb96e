// Threat: a storage outage (database down, connection dropped) or a misbehaving event listener turns
// verification into "accept" or into a crash of the login, or leaks secrets into events.
import { describe, expect, it } from 'vitest';
import { OtpError } from '../errors.js';
import { memoryStore } from '../store/memory-store.js';
import type { OtpStore } from '../store/otp-store.js';
import { sequenceCode } from './test-kind.js';
import { setup } from './test-setup.js';

function breakable(store: OtpStore) {
  const broken = new Set<keyof OtpStore>();
  const proxy = new Proxy(store, {
    get(target, property: keyof OtpStore) {
      const value = target[property];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (broken.has(property)) return Promise.reject(new Error('ECONNRESET'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, break: (method: keyof OtpStore) => broken.add(method) };
}

describe('fail closed', () => {
  it.each(['loadUser', 'commit'] as const)(
    'rejects with OTP_STORE_UNAVAILABLE when %s fails',
    async (method) => {
      const b = breakable(memoryStore());
      const env = setup({ store: b.store });
      const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
      const seed = e.seed as string;
      await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: sequenceCode(seed, 0) });
      b.break(method);
      const attempt = env.otp.verifyToken({ userId: 'alice', token: sequenceCode(seed, 1) });
      await expect(attempt).rejects.toBeInstanceOf(OtpError);
      await expect(attempt).rejects.toMatchObject({ code: 'OTP_STORE_UNAVAILABLE' });
      expect(env.events.filter((x) => x.name === 'verified')).toHaveLength(0);
    },
  );

  it('a listener that throws or rejects cannot break a login', async () => {
    const env = setup();
    env.otp.events.on('verified', () => {
      throw new Error('audit log down');
    });
    env.otp.events.on('device.added', async () => {
      throw new Error('webhook down');
    });
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const seed = e.seed as string;
    await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: sequenceCode(seed, 0) });
    expect((await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(seed, 1) })).ok).toBe(true);
  });

  it('puts no secret and no code in any event', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const seed = e.seed as string;
    await env.otp.confirm({ userId: 'alice', deviceId: e.device.id, token: sequenceCode(seed, 0) });
    await env.otp.verifyToken({ userId: 'alice', token: '999999' });
    env.advance(10_000);
    await env.otp.verifyToken({ userId: 'alice', token: sequenceCode(seed, 1) });
    const text = JSON.stringify(env.events);
    for (const secret of [seed, sequenceCode(seed, 0), sequenceCode(seed, 1), '999999']) {
      expect(text).not.toContain(secret);
    }
    expect(env.events.map((x) => x.name)).toEqual(['device.added', 'device.confirmed', 'failed', 'verified']);
  });
});
