// Threat: a user (or someone in their session) piles up devices. Every confirmed device adds its
// window of valid codes to what one random guess can hit (3,000 devices made a random guess
// succeed), and its check to the cost of every guess (≈300 ms each, a cheap denial of service).
// The service caps devices per user, in total and per kind, and racing enrollments cannot slip past.
import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

const app = sequenceKind({ kind: 'app', confirmed: true });
const token = sequenceKind({ kind: 'token', confirmed: true });

describe('device caps', () => {
  it('refuses the 21st device by default with OTP_DEVICE_LIMIT and the limit', async () => {
    const env = setup({ kinds: [app] });
    for (let i = 0; i < 20; i++) await env.otp.enroll({ userId: 'alice', kind: 'app' });
    await expect(env.otp.enroll({ userId: 'alice', kind: 'app' })).rejects.toMatchObject({
      code: 'OTP_DEVICE_LIMIT',
      details: { limit: 20 },
    });
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(20);
    // Another user is not affected.
    await expect(env.otp.enroll({ userId: 'bob', kind: 'app' })).resolves.toBeDefined();
  });

  it('applies a per-kind cap within the total', async () => {
    const env = setup({ kinds: [app, token], limits: { maxDevices: 5, maxDevicesPerKind: { token: 2 } } });
    await env.otp.enroll({ userId: 'alice', kind: 'token' });
    await env.otp.enroll({ userId: 'alice', kind: 'token' });
    await expect(env.otp.enroll({ userId: 'alice', kind: 'token' })).rejects.toMatchObject({
      code: 'OTP_DEVICE_LIMIT',
      details: { limit: 2, kind: 'token' },
    });
    for (let i = 0; i < 3; i++) await env.otp.enroll({ userId: 'alice', kind: 'app' });
    await expect(env.otp.enroll({ userId: 'alice', kind: 'app' })).rejects.toMatchObject({
      details: { limit: 5 },
    });
  });

  it('does not count the pending device an enrollment replaces', async () => {
    const env = setup({ kinds: [sequenceKind()], limits: { maxDevices: 2 } });
    const first = await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    await env.otp.confirm({
      userId: 'alice',
      deviceId: first.device.id,
      token: sequenceCode(first.seed as string, 0),
    });
    await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    // Replaces the pending one: still two devices.
    await env.otp.enroll({ userId: 'alice', kind: 'sequence' });
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(2);
  });

  it('holds when 40 enrollments race', async () => {
    // Enough retries for every racer to see the others' commits: each round, one commit wins.
    const env = setup({ kinds: [app], limits: { maxDevices: 20, maxAttempts: 100 } });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => env.otp.enroll({ userId: 'alice', kind: 'app' })),
    );
    expect(await env.otp.listDevices({ userId: 'alice' })).toHaveLength(20);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason.code);
    expect(new Set(refused)).toEqual(new Set(['OTP_DEVICE_LIMIT']));
  });

  it('refuses a cap option that is not a positive integer', () => {
    expect(() => setup({ limits: { maxDevices: 0 } })).toThrow(/createOtp\.maxDevices/);
    expect(() => setup({ limits: { maxDevicesPerKind: { app: -1 } } })).toThrow(
      /createOtp\.maxDevicesPerKind\.app/,
    );
  });
});
