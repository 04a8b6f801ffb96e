import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshId, newDevice, newToken, stateFields, T0 } from '../testing/conformance-fixtures.js';
import { runStoreConformance } from '../testing/run-store-conformance.js';
import { memoryStore } from './memory-store.js';
import type { DeviceRecord, OtpStore } from './otp-store.js';

runStoreConformance({ name: 'memoryStore', createStore: () => memoryStore() });

async function storeWithDevice(): Promise<{ store: OtpStore; userId: string; device: DeviceRecord }> {
  const store = memoryStore();
  const userId = freshId('user');
  const device = newDevice(userId, { data: { secret: 'v1.k1.x.y', list: [1, { deep: 'a' }] } });
  await store.commit({
    userId,
    expectedStateVersion: null,
    state: stateFields(),
    devices: [{ op: 'create', device }],
  });
  return { store, userId, device };
}

describe('memoryStore copies', () => {
  it('keeps what was committed when the caller later mutates its objects', async () => {
    const { store, device } = await storeWithDevice();
    const original = structuredClone(device);
    device.name = 'mutated';
    (device.data.list as unknown[]).push('extra');
    ((device.data.list as unknown[])[1] as Record<string, string>).deep = 'changed';
    expect(await store.getDevice(device.id)).toEqual(original);
  });

  it('hands out copies from loadUser and getDevice that the caller may mutate freely', async () => {
    const { store, userId, device } = await storeWithDevice();
    const snapshot = await store.loadUser(userId);
    snapshot.devices[0]!.name = 'mutated';
    (snapshot.devices[0]!.data.list as unknown[]).length = 0;
    snapshot.state!.failures = 99;
    snapshot.devices.pop();
    const read = await store.getDevice(device.id);
    read!.data.secret = 'mutated';
    expect(await store.loadUser(userId)).toEqual({
      state: expect.objectContaining({ failures: 0 }),
      devices: [device],
    });
  });

  it('never hands out the same object twice', async () => {
    const { store, userId, device } = await storeWithDevice();
    const [a, b] = [await store.getDevice(device.id), (await store.loadUser(userId)).devices[0]];
    expect(a).not.toBe(b);
    expect(a!.data).not.toBe(b!.data);
  });

  it('copies tokens in and out', async () => {
    const store = memoryStore();
    const token = newToken('alice', { data: { nested: { n: 1 } } });
    await store.putToken(token);
    (token.data.nested as Record<string, number>).n = 2;
    const read = await store.getToken(token.id, T0);
    (read!.data.nested as Record<string, number>).n = 3;
    expect((await store.consumeToken(token.id, T0))?.data).toEqual({ nested: { n: 1 } });
  });

  it('drops undefined object values and turns -0 into 0, as a JSON column would', async () => {
    const store = memoryStore();
    const device = newDevice('alice', { data: { kept: 1, dropped: undefined, zero: -0 } as never });
    await store.commit({ userId: 'alice', expectedStateVersion: null, devices: [{ op: 'create', device }] });
    const data = (await store.getDevice(device.id))!.data;
    expect(Object.keys(data)).toEqual(['kept', 'zero']);
    expect(Object.is(data.zero, 0)).toBe(true);
  });

  const circular: Record<string, unknown> = {};
  circular.self = circular;
  it.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: Number.POSITIVE_INFINITY }],
    ['a bigint', { n: 1n }],
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('x') }],
    ['a Date', { d: new Date(0) }],
    ['a Map', { m: new Map() }],
    ['a class instance', { u: new URL('https://example.test') }],
    ['undefined in an array', { a: [1, undefined] }],
    ['a cycle', circular],
  ])('rejects device data holding %s with OTP_INVALID_INPUT and writes nothing', async (_label, data) => {
    const store = memoryStore();
    const good = newDevice('alice');
    const bad = newDevice('alice', { data: data as never });
    const commit = store.commit({
      userId: 'alice',
      expectedStateVersion: null,
      state: stateFields(),
      devices: [
        { op: 'create', device: good },
        { op: 'create', device: bad },
      ],
    });
    await expect(commit).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
    expect(await store.loadUser('alice')).toEqual({ state: null, devices: [] });
  });

  it('rejects token data JSON cannot hold', async () => {
    const store = memoryStore();
    const token = newToken('alice', { data: { when: new Date(0) } as never });
    await expect(store.putToken(token)).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
    expect(await store.getToken(token.id, T0)).toBeNull();
  });

  it('stores only the fields of a device row, ignoring extra properties', async () => {
    const store = memoryStore();
    const device = { ...newDevice('alice'), extra: 'not a column' };
    await store.commit({ userId: 'alice', expectedStateVersion: null, devices: [{ op: 'create', device }] });
    expect(await store.getDevice(device.id)).not.toHaveProperty('extra');
  });
});

describe('memoryStore input checks', () => {
  it.each([
    [
      'a created device with version 2',
      { devices: [{ op: 'create', device: newDevice('alice', { version: 2 }) }] },
    ],
    ['a missing expectedStateVersion', { expectedStateVersion: undefined }],
    ['a fractional expectedStateVersion', { expectedStateVersion: 1.5 }],
    ['an unknown op', { devices: [{ op: 'upsert', device: newDevice('alice') }] }],
    ['negative failures', { state: stateFields({ failures: -1 }) }],
    ['a string timestamp', { state: { ...stateFields(), updatedAt: '2024-01-01' } }],
  ])('rejects a commit with %s', async (_label, overrides) => {
    const store = memoryStore();
    const change = { userId: 'alice', expectedStateVersion: null, ...overrides };
    await expect(store.commit(change as never)).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
    expect(await store.loadUser('alice')).toEqual({ state: null, devices: [] });
  });

  it.each([
    ['getToken', (s: OtpStore) => s.getToken('t', undefined as never)],
    ['consumeToken', (s: OtpStore) => s.consumeToken('t', Number.NaN)],
    ['purgeExpired', (s: OtpStore) => s.purgeExpired('now' as never)],
  ])('fails closed when %s gets no usable time, instead of treating tokens as live', async (_label, call) => {
    const store = memoryStore();
    await store.putToken(newToken('alice', { id: 't' }));
    await expect(call(store)).rejects.toMatchObject({ code: 'OTP_INVALID_INPUT' });
  });
});

describe('memoryStore options and the production warning', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    vi.resetModules();
  });

  async function freshModule() {
    vi.resetModules();
    return (await import('./memory-store.js')).memoryStore;
  }

  it('warns once per process when created with NODE_ENV=production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const create = await freshModule();
    create();
    create();
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[0]).toMatch(/in process memory/);
    expect(emit.mock.calls[0]?.[1]).toMatchObject({ code: 'OTPKIT_MEMORY_STORE' });
  });

  it.each([
    ['outside production', 'development', undefined],
    ['when warnInProduction is false', 'production', { warnInProduction: false }],
  ])('does not warn %s', async (_label, env, options) => {
    vi.stubEnv('NODE_ENV', env);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    (await freshModule())(options);
    expect(emit).not.toHaveBeenCalled();
  });

  it.each([
    [{ warnInProduction: 'no' }, 'memoryStore.warnInProduction'],
    [{ unknown: true }, 'memoryStore'],
  ])('rejects bad options %j naming %s', (options, path) => {
    expect(() => memoryStore(options as never)).toThrow(TypeError);
    expect(() => memoryStore(options as never)).toThrow(`Invalid option ${path}`);
  });
});
