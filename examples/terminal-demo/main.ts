/**
 * otpkit's terminal demo: enrolls a TOTP authenticator in the in-memory store, prints the QR code
 * in the terminal, and verifies the codes you type from your authenticator app (Google
 * Authenticator, Authy, 1Password…). Backup codes work too. Run it with `npx -y pnpm@10 demo`.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { createKeyring, createOtp, memoryStore, renderQr } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { explain } from './explain.js';

const userId = 'demo-admin';
const otp = createOtp({
  store: memoryStore(),
  keyring: createKeyring({ keys: { demo: randomBytes(32) }, primary: 'demo' }),
  kinds: [totp({ issuer: 'otpkit demo' }), backupCodes()],
});

const rl = createInterface({ input: process.stdin, output: process.stdout });
rl.on('close', () => {
  console.log('\nBye.');
  process.exit(0);
});

const enrollment = await otp.enroll({ userId, kind: 'totp', name: 'Demo phone', label: 'admin@otpkit.test' });
console.log('\n1. Scan this QR code with your authenticator app:\n');
console.log(await renderQr(enrollment.uri!, process.stdout.isTTY ? 'terminal' : 'text'));
console.log(`   Or type this key by hand: ${enrollment.manualKey}`);
console.log(`   (URI: ${enrollment.uri})\n`);

for (;;) {
  const token = await rl.question('2. Type the 6-digit code the app shows, to confirm: ');
  const result = await otp.confirm({ userId, deviceId: enrollment.device.id, token });
  console.log(`   ${explain(result, token)}`);
  if (result.ok) break;
}

const { codes } = await otp.regenerateBackupCodes({ userId });
console.log('\n3. Your backup codes (each works once):');
for (const code of codes) console.log(`     ${code}`);

console.log('\n4. Now sign in: type codes from the app or a backup code (Ctrl+D to quit).');
for (;;) {
  const token = await rl.question('   code> ');
  console.log(`   ${explain(await otp.verifyToken({ userId, token }), token)}`);
}
