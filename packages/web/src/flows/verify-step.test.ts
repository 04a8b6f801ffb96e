import { describe, expect, it } from 'vitest';
import { directWorld, passwordStep } from '../test-support/direct-browser.js';

const alertOf = (page: string) => /<div class="otp-alert" role="alert"[^>]*>([^<]*)<\/div>/.exec(page)?.[1];

describe('the second step’s error messages', () => {
  it('says a re-used backup code works once, not "wait for the next one"', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id);
    const [code] = await world.addBackupCodes(user.id);
    const backupId = (await world.otp.listDevices({ userId: user.id })).find(
      (d) => d.kind === 'backup-codes',
    )!.id;
    const first = browser();
    await passwordStep(first, user);
    expect((await first.post('/auth/verify', { token: code!, deviceId: backupId })).status).toBe(200);
    world.advance(10_000);
    const second = browser();
    await passwordStep(second, user);
    await second.get(`/auth/verify?device=${backupId}`);
    const refused = await second.post('/auth/verify', { token: code!, deviceId: backupId });
    expect(refused.status).toBe(400);
    expect(alertOf(refused.text)).toBe(
      'That backup code was already used: each one works once. Enter another of your codes.',
    );
    expect(refused.text).not.toContain('Wait for the next one');
  });

  it('keeps "wait for the next one" for an authenticator code used twice', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret, deviceId } = await world.addTotp(user.id);
    const code = world.totpCode(secret);
    const first = browser();
    await passwordStep(first, user);
    expect((await first.post('/auth/verify', { token: code, deviceId })).status).toBe(303);
    const second = browser();
    await passwordStep(second, user);
    const refused = await second.post('/auth/verify', { token: code, deviceId });
    expect(refused.status).toBe(400);
    expect(alertOf(refused.text)).toBe('That code was already used. Wait for the next one.');
  });

  it('words a JSON refusal of a re-used backup code the same way, code "replayed"', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id);
    const [code] = await world.addBackupCodes(user.id);
    const backupId = (await world.otp.listDevices({ userId: user.id })).find(
      (d) => d.kind === 'backup-codes',
    )!.id;
    const first = browser();
    await passwordStep(first, user);
    await first.post('/auth/verify', { token: code!, deviceId: backupId });
    world.advance(10_000);
    const second = browser();
    await passwordStep(second, user);
    const refused = await second.post(
      '/auth/verify',
      { token: code!, deviceId: backupId },
      { accept: 'application/json' },
    );
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({
      ok: false,
      error: { code: 'replayed', message: expect.stringContaining('backup code was already used') },
    });
  });
});
