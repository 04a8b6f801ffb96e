// The installed importer, required as CommonJS.
const { importDjangoOtp } = require('@otpkit/cli/django-otp');
const { createKeyring, createOtp, generateKey, memoryStore } = require('@otpkit/core');
const { backupCodes } = require('@otpkit/devices');

(async () => {
  const otp = createOtp({
    store: memoryStore(),
    keyring: createKeyring({ keys: { k1: generateKey() }, primary: 'k1' }),
    kinds: [backupCodes()],
  });
  const dump = [
    { model: 'otp_static.staticdevice', pk: 3, fields: { user: 7, name: 'backup', confirmed: true } },
    { model: 'otp_static.statictoken', pk: 1, fields: { device: 3, token: 'abcd2345' } },
  ];
  const report = await importDjangoOtp({ otp, dump, userId: { 7: 'u7' } });
  if (report.counts.imported !== 1) throw new Error(`import failed: ${JSON.stringify(report.rows)}`);
  if (!(await otp.verifyToken({ userId: 'u7', token: 'abcd2345' })).ok)
    throw new Error('static token refused');
  console.log('pack-smoke: @otpkit/cli/django-otp (CJS) loads with require');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
