// ESM: enroll, confirm and verify through createOtp, with the installed packages only.
import { createKeyring, createOtp, decodeBase32, generateKey, generateTotp, memoryStore } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { ddl } from '@otpkit/store-sql';

if (ddl('sqlite').length === 0) throw new Error('@otpkit/store-sql ddl is empty');

let now = Date.UTC(2026, 0, 1);
const otp = createOtp({
  store: memoryStore(),
  keyring: createKeyring({ keys: { k1: generateKey() }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Smoke' }), backupCodes()],
  clock: () => now,
});
const { device, secret } = await otp.enroll({ userId: 'alice', kind: 'totp', label: 'alice@smoke.test' });
const code = (at) => generateTotp({ secret: decodeBase32(secret), time: at });
const confirmed = await otp.confirm({ userId: 'alice', deviceId: device.id, token: code(now) });
if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.reason}`);
now += 30_000;
const verified = await otp.verifyToken({ userId: 'alice', token: code(now) });
if (!verified.ok) throw new Error(`verify failed: ${verified.reason}`);
const replayed = await otp.verifyToken({ userId: 'alice', token: code(now) });
if (replayed.ok || replayed.reason !== 'replayed') throw new Error('a code was accepted twice');
console.log('pack-smoke: ESM import: enroll, confirm, verify and replay refusal work');
