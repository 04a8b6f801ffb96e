// Threat: the service caches opened secrets, and `crypto.open` handed a kind the cached bytes
// themselves. A kind that wipes a secret after use (`fill(0)`, as the keyring does with its own
// plaintext) then zeroed the cache: every later verification of that device computed codes from an
// all-zero key, so the real user was locked out, and anyone who knew the kind's algorithm could
// compute the codes that key accepts. A kind must be able to do what it likes with what it opens.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTotp, verifyTotp } from '../algorithms/totp.js';
import type { DeviceKind } from '../kinds/device-kind.js';
import { setup } from './test-setup.js';

type WipingData = { secret: string; lastStep: number | null };

/** A TOTP-like kind that wipes every secret it opens as soon as it has used it. */
function wipingKind(secret: Uint8Array): DeviceKind<WipingData> {
  return {
    kind: 'wiping',
    parseToken: (token) => (typeof token === 'string' && /^[0-9]{6}$/.test(token) ? token : null),
    async enroll({ crypto }) {
      return { data: { secret: crypto.seal(secret), lastStep: null }, confirmed: false, reveal: {} };
    },
    verify({ device, token, now, crypto }) {
      const opened = crypto.open(device.data.secret);
      try {
        const match = verifyTotp({ secret: opened, token, time: now, lastStep: device.data.lastStep });
        return match.ok
          ? { ok: true, data: { ...device.data, lastStep: match.step } }
          : { ok: false, reason: match.reason === 'replayed' ? 'replayed' : 'invalid' };
      } finally {
        opened.fill(0);
      }
    },
  };
}

async function enrolledWiper(options: { twoDevices?: boolean } = {}) {
  const secret = new Uint8Array(randomBytes(20));
  const env = setup({ kinds: [wipingKind(secret)], throttle: { factor: 0 } });
  const code = () => generateTotp({ secret, time: env.now() });
  const ids: string[] = [];
  for (let i = 0; i < (options.twoDevices ? 2 : 1); i++) {
    const { device } = await env.otp.enroll({ userId: 'alice', kind: 'wiping' });
    expect(await env.otp.confirm({ userId: 'alice', deviceId: device.id, token: code() })).toMatchObject({
      ok: true,
    });
    env.advance(30_000);
    ids.push(device.id);
  }
  return { env, code, ids };
}

describe('opened secrets handed to kinds', () => {
  it('still verify a valid code after the kind zeroed the secret it opened at confirmation', async () => {
    const { env, code } = await enrolledWiper();
    expect(await env.otp.verifyToken({ userId: 'alice', token: code() })).toMatchObject({ ok: true });
  });

  it('keep verifying code after code when the kind zeroes every secret it opens', async () => {
    const { env, code } = await enrolledWiper();
    for (let i = 0; i < 5; i++) {
      expect(await env.otp.verifyToken({ userId: 'alice', token: code() })).toMatchObject({ ok: true });
      env.advance(30_000);
    }
  });

  it('are never the all-zero key after a wipe', async () => {
    const { env } = await enrolledWiper();
    // What a zeroed cache would accept: the code of the all-zero key at this step.
    const zeroKeyCode = generateTotp({ secret: new Uint8Array(20), time: env.now() });
    expect(await env.otp.verifyToken({ userId: 'alice', token: zeroKeyCode })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('are wiped per open without harming the other devices of the user', async () => {
    const { env, code, ids } = await enrolledWiper({ twoDevices: true });
    // Without a device id every confirmed device is tried, so both secrets are opened and wiped.
    expect(await env.otp.verifyToken({ userId: 'alice', token: '000000' })).toMatchObject({ ok: false });
    for (const deviceId of ids) {
      expect(await env.otp.verifyToken({ userId: 'alice', deviceId, token: code() })).toMatchObject({
        ok: true,
      });
      env.advance(30_000);
    }
  });
});
