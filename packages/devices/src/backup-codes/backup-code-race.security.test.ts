// Threat: one backup code, stolen or simply submitted twice by a double-clicking user, is sent
// many times at once so that several requests read the unused set before any of them marks the
// code used, letting one code open several sessions; or a used code is accepted again through the
// service in another spelling, or after the set was regenerated.
import { describe, expect, it } from 'vitest';
import { race } from '../test-support/race.js';
import { service } from '../test-support/service.js';
import { backupCodes } from './backup-codes.js';

describe('backup codes through the service', () => {
  it('accepts one code exactly once when 50 submissions race', async () => {
    const { otp, events } = service({ kinds: [backupCodes()] });
    const { codes } = await otp.regenerateBackupCodes({ userId: 'alice' });
    const { accepted, refused, gaveUp } = await race(
      Array.from({ length: 50 }, () => () => otp.verifyToken({ userId: 'alice', token: codes[0] })),
    );
    expect(accepted).toHaveLength(1);
    // The losers re-read: one records the replay as a failure, the rest are inside its delay.
    expect(gaveUp).toBe(0);
    expect(refused.filter((r) => !r.ok && r.reason === 'replayed')).toHaveLength(1);
    expect(refused.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(48);
    expect(events.filter((e) => e.name === 'backup-code.used')).toHaveLength(1);
    const [device] = await otp.listDevices({ userId: 'alice' });
    expect(device?.details).toEqual({ remaining: 9 });
  });

  it('accepts two different codes racing, each once', async () => {
    const { otp } = service({ kinds: [backupCodes()], throttle: { factor: 0 } });
    const { codes } = await otp.regenerateBackupCodes({ userId: 'alice' });
    // Delays off, so every racer is decided on its merits: each lost race costs one more round.
    const tokens = Array.from({ length: 8 }, (_, i) => codes[i % 2]!);
    const { accepted, gaveUp } = await race(
      tokens.map((token) => () => otp.verifyToken({ userId: 'alice', token })),
    );
    expect(gaveUp).toBe(0);
    expect(accepted).toHaveLength(2);
    expect((await otp.listDevices({ userId: 'alice' }))[0]?.details).toEqual({ remaining: 8 });
  });

  it('rejects a used code in another spelling', async () => {
    const { otp } = service({ kinds: [backupCodes()], throttle: { factor: 0 } });
    const { codes } = await otp.regenerateBackupCodes({ userId: 'alice' });
    const code = codes[3]!;
    expect(await otp.verifyToken({ userId: 'alice', token: code })).toMatchObject({ ok: true });
    expect(await otp.verifyToken({ userId: 'alice', token: code.toUpperCase().replace('-', ' ') })).toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('rejects every code of a set once it is regenerated', async () => {
    const { otp } = service({ kinds: [backupCodes()], throttle: { factor: 0 } });
    const old = await otp.regenerateBackupCodes({ userId: 'alice' });
    const fresh = await otp.regenerateBackupCodes({ userId: 'alice' });
    for (const code of old.codes) {
      expect(await otp.verifyToken({ userId: 'alice', token: code })).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    expect(await otp.verifyToken({ userId: 'alice', token: fresh.codes[0] })).toMatchObject({ ok: true });
    expect(await otp.listDevices({ userId: 'alice' })).toHaveLength(1);
  });
});
