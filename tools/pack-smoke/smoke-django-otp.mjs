// The installed importer, through import: one django-otp TOTP device into otpkit.

import { importDjangoOtp } from '@otpkit/cli/django-otp';
import { createKeyring, createOtp, generateKey, generateTotp, memoryStore } from '@otpkit/core';
import { totp } from '@otpkit/devices';

const now = Date.UTC(2026, 0, 1);
const key = '3132333435363738393031323334353637383930';
const otp = createOtp({
  store: memoryStore(),
  keyring: createKeyring({ keys: { k1: generateKey() }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Smoke' })],
  clock: () => now,
});
const dump = [
  {
    model: 'otp_totp.totpdevice',
    pk: 1,
    fields: {
      user: 7,
      name: 'Phone',
      confirmed: true,
      key,
      step: 30,
      t0: 0,
      digits: 6,
      tolerance: 1,
      drift: 0,
      last_t: -1,
    },
  },
];
const report = await importDjangoOtp({ otp, dump: JSON.stringify(dump), userId: 'django:{pk}' });
if (report.counts.imported !== 1) throw new Error(`import failed: ${JSON.stringify(report.rows)}`);
const code = generateTotp({ secret: Buffer.from(key, 'hex'), time: now });
if (!(await otp.verifyToken({ userId: 'django:7', token: code })).ok)
  throw new Error('imported code refused');
console.log('pack-smoke: @otpkit/cli/django-otp (ESM) imports a django-otp device');
