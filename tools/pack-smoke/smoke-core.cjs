// CommonJS: the same journey through require().
const {
  createKeyring,
  createOtp,
  generateKey,
  generateTotp,
  memoryStore,
  decodeBase32,
} = require('@otpkit/core');
const { backupCodes, totp } = require('@otpkit/devices');
const { ddl } = require('@otpkit/store-sql');

(async () => {
  if (ddl('postgres').length === 0) throw new Error('@otpkit/store-sql ddl is empty');
  const now = Date.UTC(2026, 0, 1);
  const otp = createOtp({
    store: memoryStore(),
    keyring: createKeyring({ keys: { k1: generateKey() }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Smoke' }), backupCodes()],
    clock: () => now,
  });
  const { device, secret } = await otp.enroll({ userId: 'bob', kind: 'totp', label: 'bob@smoke.test' });
  const code = (at) => generateTotp({ secret: decodeBase32(secret), time: at });
  const confirmed = await otp.confirm({ userId: 'bob', deviceId: device.id, token: code(now) });
  if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.reason}`);
  const { codes } = await otp.regenerateBackupCodes({ userId: 'bob' });
  const backup = await otp.verifyToken({ userId: 'bob', token: codes[0] });
  if (!backup.ok || backup.remaining !== 9) throw new Error('backup code login failed');
  console.log('pack-smoke: CommonJS require: enroll, confirm and a backup-code login work');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
