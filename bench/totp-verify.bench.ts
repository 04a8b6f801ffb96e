/**
 * TOTP verification throughput, window ±1 and a wrong code (so every step is computed), against
 * peer libraries and a bare node:crypto loop (the practical limit: three HMACs and nothing else).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createKeyring, createOtp, encodeBase32, generateTotp, memoryStore, verifyTotp } from '@otpkit/core';
import { totp } from '@otpkit/devices';
import * as OTPAuth from 'otpauth';
import { authenticator } from 'otplib';
import speakeasy from 'speakeasy';
import type { BenchCase } from './measure.js';

export async function totpCases(): Promise<{ baseline: string; cases: BenchCase[] }> {
  const secret = new Uint8Array(randomBytes(20));
  const base32 = encodeBase32(secret);
  const now = Date.now();
  // A code that matches none of the three steps in the window.
  const valid = new Set([-1, 0, 1].map((k) => generateTotp({ secret, time: now + k * 30_000 })));
  let wrong = '000000';
  for (let n = 0; valid.has(wrong); n++) wrong = String(n).padStart(6, '0');

  // The full service: throttle, replay and drift bookkeeping, the store's compare-and-set.
  const otp = createOtp({
    store: memoryStore({ warnInProduction: false }),
    keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Bench' })],
    // Delays off and no lock: every call must be checked and counted, as the first try of a login is.
    throttle: { factor: 0, maxFailures: Number.MAX_SAFE_INTEGER },
    clock: () => now,
  });
  const enrolled = await otp.enroll({ userId: 'bench', kind: 'totp', secret: base32 });
  const confirmed = await otp.confirm({
    userId: 'bench',
    deviceId: enrolled.device.id,
    token: generateTotp({ secret, time: now }),
  });
  if (!confirmed.ok) throw new Error('bench setup: confirmation failed');
  const check = await otp.verifyToken({ userId: 'bench', token: wrong });
  if (check.ok || check.reason !== 'invalid')
    throw new Error(`bench setup: expected invalid, got ${JSON.stringify(check)}`);

  const otpauthSecret = OTPAuth.Secret.fromBase32(base32);
  authenticator.options = { window: 1 };
  const counterBuffer = Buffer.alloc(8);

  const cases: BenchCase[] = [
    {
      name: 'otpauth TOTP.validate',
      fn: () => {
        OTPAuth.TOTP.validate({ token: wrong, secret: otpauthSecret, window: 1, timestamp: now });
      },
    },
    {
      name: '@otpkit/core verifyTotp',
      fn: () => {
        verifyTotp({ secret, token: wrong, time: now, window: [1, 1] });
      },
    },
    {
      name: '@otpkit otp.verifyToken (memoryStore, 1 user)',
      fn: async () => {
        await otp.verifyToken({ userId: 'bench', token: wrong });
      },
    },
    {
      name: 'otplib authenticator.check',
      fn: () => {
        authenticator.check(wrong, base32);
      },
    },
    {
      name: 'speakeasy totp.verify',
      fn: () => {
        speakeasy.totp.verify({
          secret: base32,
          encoding: 'base32',
          token: wrong,
          window: 1,
          time: now / 1000,
        });
      },
    },
    {
      name: 'node:crypto bare 3×HMAC',
      fn: () => {
        const step = Math.floor(now / 30_000);
        let acc = 0;
        for (let c = step - 1; c <= step + 1; c++) {
          counterBuffer.writeUInt32BE(0, 0);
          counterBuffer.writeUInt32BE(c, 4);
          const mac = createHmac('sha1', secret).update(counterBuffer).digest();
          const o = mac[19]! & 15;
          acc ^= (mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000 === 123_456 ? 1 : 0;
        }
        return acc;
      },
    },
  ];
  return { baseline: 'otpauth TOTP.validate', cases };
}
