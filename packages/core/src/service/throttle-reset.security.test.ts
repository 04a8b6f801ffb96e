// Threat: someone who holds a victim's password (and can reach enrollment, say through a host that
// lets a signed-in user add factors without step-up) guesses at the victim's authenticator, then
// mints a factor of their own (enroll and confirm an app, regenerate or add backup codes) and uses
// it, so that the success resets the failure count. Repeated, that gives unlimited guesses with at
// most one failure ever on record: the throttle and the NIST lock never engage.
import { describe, expect, it } from 'vitest';
import { sequenceCode, sequenceKind } from './test-kind.js';
import { setup } from './test-setup.js';

const backup = sequenceKind({ kind: 'backup', singleton: true, recovery: true, confirmed: true });

async function confirmedDevice(env: ReturnType<typeof setup>, userId = 'victim') {
  const e = await env.otp.enroll({ userId, kind: 'sequence' });
  const seed = e.seed as string;
  await env.otp.confirm({ userId, deviceId: e.device.id, token: sequenceCode(seed, 0) });
  return { id: e.device.id, code: (n: number) => sequenceCode(seed, n) };
}

async function waitOutDelay(env: ReturnType<typeof setup>) {
  const { retryAfterMs } = await env.otp.status({ userId: 'victim' });
  env.advance((retryAfterMs ?? 0) + 1);
}

describe('a factor added during a failure streak cannot end it', () => {
  it('keeps every guess counted across 20 rounds of guess, enroll + confirm + use + remove', async () => {
    const env = setup();
    await confirmedDevice(env);
    for (let round = 1; round <= 20; round++) {
      const guess = await env.otp.verifyToken({ userId: 'victim', token: '000000' });
      expect(guess).toMatchObject({ ok: false });
      await waitOutDelay(env);
      const mine = await confirmedDevice(env);
      // Confirming proves nothing about the victim's device: the count stays.
      expect((await env.otp.status({ userId: 'victim' })).failures).toBe(round);
      // Using the minted device signs in, but does not wipe the streak either.
      expect(
        await env.otp.verifyToken({ userId: 'victim', token: mine.code(1), deviceId: mine.id }),
      ).toMatchObject({
        ok: true,
      });
      expect((await env.otp.status({ userId: 'victim' })).failures).toBe(round);
      await env.otp.removeDevice({ userId: 'victim', deviceId: mine.id });
    }
  });

  it('keeps the streak when a regenerated backup code is used', async () => {
    const env = setup({ kinds: [sequenceKind(), backup] });
    await confirmedDevice(env);
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    await waitOutDelay(env);
    const regenerated = await env.otp.regenerateBackupCodes({ userId: 'victim' });
    const code = regenerated.codes[0]!;
    expect(await env.otp.verifyToken({ userId: 'victim', token: code })).toMatchObject({
      ok: true,
      kind: 'backup',
    });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(1);
  });

  it('refuses enroll, regenerateBackupCodes and addBackupCodes while the delay runs, with retryAfterMs', async () => {
    const env = setup({ kinds: [sequenceKind(), backup] });
    await confirmedDevice(env);
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    const refusal = { code: 'OTP_THROTTLED', details: { retryAfterMs: 1000 } };
    await expect(env.otp.enroll({ userId: 'victim', kind: 'sequence' })).rejects.toMatchObject(refusal);
    await expect(env.otp.regenerateBackupCodes({ userId: 'victim' })).rejects.toMatchObject(refusal);
    await expect(env.otp.addBackupCodes({ userId: 'victim' })).rejects.toMatchObject(refusal);
    expect(await env.otp.listDevices({ userId: 'victim' })).toHaveLength(1);
  });

  it('refuses them while locked, with OTP_LOCKED and when the lock engaged', async () => {
    const env = setup({ kinds: [sequenceKind(), backup], throttle: { factor: 0, maxFailures: 3 } });
    await confirmedDevice(env);
    for (let i = 0; i < 3; i++) await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    const refusal = { code: 'OTP_LOCKED', details: { lockedAt: env.now() } };
    await expect(env.otp.enroll({ userId: 'victim', kind: 'sequence' })).rejects.toMatchObject(refusal);
    await expect(env.otp.regenerateBackupCodes({ userId: 'victim' })).rejects.toMatchObject(refusal);
    await expect(env.otp.addBackupCodes({ userId: 'victim', count: 5 })).rejects.toMatchObject(refusal);
  });

  it('still lets the owner end a streak with a factor they held before it began', async () => {
    const env = setup();
    const phone = await confirmedDevice(env);
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    await waitOutDelay(env);
    expect(await env.otp.verifyToken({ userId: 'victim', token: phone.code(1) })).toMatchObject({ ok: true });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(0);
    // And a new streak is judged afresh: the stamp it began under is the current one.
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    await waitOutDelay(env);
    expect(await env.otp.verifyToken({ userId: 'victim', token: phone.code(2) })).toMatchObject({ ok: true });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(0);
  });

  it('lets an administrator clear a streak that a factor change froze', async () => {
    const env = setup();
    const phone = await confirmedDevice(env);
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    await waitOutDelay(env);
    await confirmedDevice(env);
    expect(await env.otp.verifyToken({ userId: 'victim', token: phone.code(1) })).toMatchObject({ ok: true });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(1);
    await env.otp.resetThrottle({ userId: 'victim' });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(0);
    await env.otp.verifyToken({ userId: 'victim', token: '000000' });
    await waitOutDelay(env);
    expect(await env.otp.verifyToken({ userId: 'victim', token: phone.code(2) })).toMatchObject({ ok: true });
    expect((await env.otp.status({ userId: 'victim' })).failures).toBe(0);
  });
});
