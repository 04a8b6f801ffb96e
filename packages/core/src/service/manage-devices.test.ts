import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

describe('enroll', () => {
  it('creates an unconfirmed device and returns what the kind reveals', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence', name: '  Phone  ' });
    expect(e.device).toMatchObject({ userId: 'alice', kind: 'sequence', name: 'Phone', confirmed: false });
    expect(typeof e.seed).toBe('string');
    expect(env.events.at(-1)).toMatchObject({ name: 'device.added', payload: { confirmed: false } });
  });

  it("uses the kind's default name", async () => {
    const env = setup();
    expect((await env.otp.enroll({ userId: 'alice', kind: 'sequence' })).device.name).toBe('Sequence token');
  });

  it('replaces the pending device when enrolling again before confirming', async () => {
    const env = setup();
    const first = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const second = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const devices = await env.otp.listDevices({ userId: 'alice' });
    expect(devices.map((d) => d.id)).toEqual([second.device.id]);
    expect(
      await env.otp.confirm({ userId: 'alice', deviceId: first.device.id, token: '000000' }),
    ).toMatchObject({
      reason: 'no-device',
    });
  });

  it('keeps confirmed devices when enrolling another of the same kind', async () => {
    const env = setup();
    const first = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await env.otp.confirm({
      userId: 'alice',
      deviceId: first.device.id,
      token: sequenceCode(first.seed as string, 0),
    });
    await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(2);
  });

  it('replaces the whole device of a singleton kind and changes the stamp', async () => {
    const env = setup({
      kinds: [sequenceKind({ kind: 'codes', singleton: true, recovery: true, confirmed: true })],
    });
    const first = await env.otp.enroll({ userId: 'alice', kind: 'codes' });
    const stamp = (await env.otp.status({ userId: 'alice' })).stamp;
    const again = await env.otp.regenerateBackupCodes({ userId: 'alice' });
    const devices = await env.otp.listDevices({ userId: 'alice' });
    expect(devices.map((d) => d.id)).toEqual([again.device.id]);
    expect(again.device.id).not.toBe(first.device.id);
    expect((await env.otp.status({ userId: 'alice' })).stamp).not.toBe(stamp);
    expect(env.events.map((e) => e.name)).toContain('device.removed');
  });

  it('does not count a recovery kind as enrolled', async () => {
    const env = setup({
      kinds: [
        sequenceKind(),
        sequenceKind({ kind: 'codes', singleton: true, recovery: true, confirmed: true }),
      ],
    });
    await env.otp.enroll({ userId: 'alice', kind: 'codes' });
    expect(await env.otp.status({ userId: 'alice' })).toMatchObject({ enrolled: false, confirmedDevices: 1 });
  });

  it.each([
    [{ userId: 'alice', kind: 'nope' }, 'OTP_INVALID_INPUT'],
    [{ userId: '', kind: 'sequence' }, 'OTP_INVALID_INPUT'],
    [{ userId: 42, kind: 'sequence' }, 'OTP_INVALID_INPUT'],
    [{ userId: 'alice', kind: 'sequence', name: '' }, 'OTP_INVALID_INPUT'],
    [{ userId: 'alice', kind: 'sequence', name: 'x'.repeat(65) }, 'OTP_INVALID_INPUT'],
    [{ userId: 'alice', kind: 'sequence', name: 'bad\nname' }, 'OTP_INVALID_INPUT'],
    [{ userId: 'alice', kind: 'sequence', name: 'rtl\u202Eevil' }, 'OTP_INVALID_INPUT'],
  ])('rejects %j with %s and writes nothing', async (input, code) => {
    const env = setup();
    await expect(env.otp.enroll(input as never)).rejects.toMatchObject({ code });
    expect(await env.store.loadUser('alice')).toEqual({ state: null, devices: [] });
  });

  it('removes the device and raises OTP_DELIVERY_FAILED when the enrollment code cannot be delivered', async () => {
    const env = setup({
      kinds: [
        sequenceKind({
          deliver: async () => {
            throw new Error('SMTP 550');
          },
        }),
      ],
    });
    await expect(env.otp.enroll({ userId: 'alice', kind: 'sequence' })).rejects.toMatchObject({
      code: 'OTP_DELIVERY_FAILED',
    });
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([]);
  });
});

describe('device management', () => {
  it('lists devices without secrets', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    const listed = JSON.stringify(await env.otp.listDevices({ userId: 'alice' }));
    const stored = JSON.stringify(await env.store.loadUser('alice'));
    expect(listed).not.toContain(e.seed as string);
    expect(stored).not.toContain(e.seed as string);
    expect(listed).not.toContain('"seed"');
  });

  it('removes a device of the user and refuses devices of others', async () => {
    const env = setup();
    const alice = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await expect(
      env.otp.removeDevice({ userId: 'mallory', deviceId: alice.device.id }),
    ).rejects.toMatchObject({
      code: 'OTP_DEVICE_NOT_FOUND',
      details: { deviceId: alice.device.id },
    });
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(1);
    expect(await env.otp.removeDevice({ userId: 'alice', deviceId: alice.device.id })).toMatchObject({
      id: alice.device.id,
      kind: 'sequence',
    });
    expect(await env.otp.listDevices({ userId: 'alice' })).toEqual([]);
    await expect(env.otp.removeDevice({ userId: 'alice', deviceId: alice.device.id })).rejects.toMatchObject({
      code: 'OTP_DEVICE_NOT_FOUND',
    });
    expect(env.events.at(-1)).toMatchObject({
      name: 'device.removed',
      payload: { deviceId: alice.device.id },
    });
  });

  it('renames a device of the user and refuses devices of others', async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    expect(
      await env.otp.renameDevice({ userId: 'alice', deviceId: e.device.id, name: 'Work phone' }),
    ).toMatchObject({
      name: 'Work phone',
    });
    await expect(
      env.otp.renameDevice({ userId: 'mallory', deviceId: e.device.id, name: 'mine' }),
    ).rejects.toMatchObject({ code: 'OTP_DEVICE_NOT_FOUND' });
  });

  it('raises OTP_NOT_SUPPORTED for regenerateBackupCodes without a backup-code kind', async () => {
    const env = setup();
    await expect(env.otp.regenerateBackupCodes({ userId: 'alice' })).rejects.toMatchObject({
      code: 'OTP_NOT_SUPPORTED',
    });
  });
});

describe('challenge', () => {
  it('commits, then delivers, and emits nothing secret', async () => {
    const delivered: string[] = [];
    const env = setup({ kinds: [sequenceKind({ deliver: async (code) => void delivered.push(code) })] });
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    expect(await env.otp.challenge({ userId: 'alice', deviceId: e.device.id })).toEqual({ sent: true });
    expect(delivered).toHaveLength(2);
    const snapshot = await env.store.loadUser('alice');
    expect(snapshot.devices[0]?.data.challengedAt).toBe(env.now());
  });

  it('reverts the committed challenge when delivery fails', async () => {
    let fail = false;
    const env = setup({
      kinds: [
        sequenceKind({
          deliver: async () => {
            if (fail) throw new Error('connection reset');
          },
        }),
      ],
    });
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    fail = true;
    await expect(env.otp.challenge({ userId: 'alice', deviceId: e.device.id })).rejects.toMatchObject({
      code: 'OTP_DELIVERY_FAILED',
    });
    const snapshot = await env.store.loadUser('alice');
    expect(snapshot.devices[0]?.data.challengedAt).toBeNull();
  });

  it("refuses another user's device and kinds without challenge", async () => {
    const env = setup();
    const e = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await expect(env.otp.challenge({ userId: 'mallory', deviceId: e.device.id })).rejects.toMatchObject({
      code: 'OTP_DEVICE_NOT_FOUND',
    });
  });
});

describe('addBackupCodes', () => {
  const codesKind = () => sequenceKind({ kind: 'codes', singleton: true, recovery: true, confirmed: true });

  it('creates the set when the user has none, then adds to it without replacing it', async () => {
    const env = setup({ kinds: [codesKind()] });
    const first = await env.otp.addBackupCodes({ userId: 'alice' });
    const second = await env.otp.addBackupCodes({ userId: 'alice', count: 2 });
    expect(second.device.id).toBe(first.device.id);
    expect(second.codes).toEqual(['extra-0', 'extra-1']);
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(1);
    expect(env.events.at(-1)).toMatchObject({ name: 'backup-codes.generated', payload: { count: 2 } });
  });

  it.each([0, 101, 1.5, Number.NaN])('rejects count %s', async (count) => {
    const env = setup({ kinds: [codesKind()] });
    await expect(env.otp.addBackupCodes({ userId: 'alice', count })).rejects.toMatchObject({
      code: 'OTP_INVALID_INPUT',
    });
  });
});
