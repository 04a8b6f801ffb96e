import { createKeyring, createOtp, generateKey, memoryStore } from '@otpkit/core';
import { backupCodes } from '@otpkit/devices';
import { describe, expect, it } from 'vitest';
import { explain } from './explain.js';

describe('the terminal demo explains a refused code', () => {
  it('tells a reused backup code never to wait for another', async () => {
    const otp = createOtp({
      store: memoryStore({ warnInProduction: false }),
      keyring: createKeyring({ keys: { demo: generateKey() }, primary: 'demo' }),
      kinds: [backupCodes()],
    });
    const { codes } = await otp.regenerateBackupCodes({ userId: 'demo' });
    const code = codes[0]!;
    expect(explain(await otp.verifyToken({ userId: 'demo', token: code }), code)).toBe(
      'accepted (device backup-codes; 9 backup codes left)',
    );
    const again = await otp.verifyToken({ userId: 'demo', token: code });
    expect(again).toMatchObject({ ok: false, reason: 'replayed' });
    const text = explain(again, code);
    // A replay counts as a failure, so the throttle's first delay follows.
    expect(text).toBe(
      'refused: that backup code was already used, and each one works only once: use another; next try in 1 s',
    );
    expect(text).not.toContain('next one');
  });

  it("tells a reused app code to wait for the app's next one", () => {
    expect(explain({ ok: false, reason: 'replayed' }, '123 456')).toBe(
      'refused: that code was already used; wait for the app to show the next one',
    );
  });
});
