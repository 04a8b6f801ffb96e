// Threat (availability): one device sealed under a key that was dropped from the keyring (or a
// wrong key value under a known id) made every verification of that user throw, so a valid code
// from a healthy device was refused: one bad row locked its owner out of all their factors. The
// unreadable device must be skipped and reported (event and status), and the attempt still counted
// once, so the skip cannot become a way around the throttle.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../keyring/create-keyring.js';
import { memoryStore } from '../store/memory-store.js';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

/** Alice has an old device sealed under k1 and a new one under k2; the keyring now holds k2 only. */
async function oneUnreadable() {
  const store = memoryStore();
  const old = setup({ store, keyring: createKeyring({ keys: { k1 }, primary: 'k1' }) });
  const a = await old.otp.enroll({ userId: 'alice', kind: 'sequence', name: 'Old phone' });
  await old.otp.confirm({ userId: 'alice', deviceId: a.device.id, token: sequenceCode(a.seed as string, 0) });
  const both = setup({ store, keyring: createKeyring({ keys: { k1, k2 }, primary: 'k2' }) });
  const b = await both.otp.enroll({ userId: 'alice', kind: 'sequence', name: 'New phone' });
  await both.otp.confirm({
    userId: 'alice',
    deviceId: b.device.id,
    token: sequenceCode(b.seed as string, 0),
  });
  const env = setup({
    store,
    keyring: createKeyring({ keys: { k2 }, primary: 'k2' }),
    kinds: [sequenceKind()],
  });
  return {
    env,
    old: a.device.id,
    healthy: b.device.id,
    code: (n: number) => sequenceCode(b.seed as string, n),
  };
}

describe('a device the keyring cannot open', () => {
  it('does not stop a valid code of a healthy device, and is reported', async () => {
    const { env, old, healthy, code } = await oneUnreadable();
    expect(await env.otp.verifyToken({ userId: 'alice', token: code(1) })).toMatchObject({
      ok: true,
      deviceId: healthy,
    });
    // The healthy device matched first or the old one was skipped: either way, no throw.
    const status = await env.otp.status({ userId: 'alice' });
    expect(status.unreadableDevices).toEqual([old]);
    expect(status.enrolled).toBe(true);
  });

  it('counts a wrong code once and names the skipped device in an event', async () => {
    const { env, old } = await oneUnreadable();
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
    expect(env.events.filter((e) => e.name === 'device.unreadable')).toEqual([
      { name: 'device.unreadable', payload: { userId: 'alice', deviceId: old, kind: 'sequence' } },
    ]);
  });

  it('counts a code checked only against an unreadable device, instead of calling it malformed', async () => {
    const { env, old } = await oneUnreadable();
    expect(await env.otp.verifyToken({ userId: 'alice', token: '123456', deviceId: old })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect((await env.otp.status({ userId: 'alice' })).failures).toBe(1);
  });

  it('reports a device sealed under the wrong key value with the right id', async () => {
    const store = memoryStore();
    const before = setup({ store, keyring: createKeyring({ keys: { k1 }, primary: 'k1' }) });
    const e = await before.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await before.otp.confirm({
      userId: 'alice',
      deviceId: e.device.id,
      token: sequenceCode(e.seed as string, 0),
    });
    const wrong = setup({ store, keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }) });
    expect((await wrong.otp.status({ userId: 'alice' })).unreadableDevices).toEqual([e.device.id]);
    expect(
      await wrong.otp.verifyToken({ userId: 'alice', token: sequenceCode(e.seed as string, 1) }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });
});

describe('what a kind no longer needs', () => {
  it('ignores spent values the kind leaves out of secretsInUse', async () => {
    const store = memoryStore();
    const spentOnly = { ...sequenceKind(), secretsInUse: () => [] };
    const before = setup({
      store,
      keyring: createKeyring({ keys: { k1 }, primary: 'k1' }),
      kinds: [spentOnly],
    });
    const e = await before.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await before.otp.confirm({
      userId: 'alice',
      deviceId: e.device.id,
      token: sequenceCode(e.seed as string, 0),
    });
    const after = setup({
      store,
      keyring: createKeyring({ keys: { k2 }, primary: 'k2' }),
      kinds: [spentOnly],
    });
    expect((await after.otp.status({ userId: 'alice' })).unreadableDevices).toEqual([]);
    const strict = setup({ store, keyring: createKeyring({ keys: { k2 }, primary: 'k2' }) });
    expect((await strict.otp.status({ userId: 'alice' })).unreadableDevices).toEqual([e.device.id]);
  });
});
