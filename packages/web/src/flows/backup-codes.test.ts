import { describe, expect, it } from 'vitest';
import { type DirectBrowser, directWorld, passwordStep, signIn } from '../test-support/direct-browser.js';
import type { World } from '../testing/harness.js';

async function addEmail(world: World, userId: string): Promise<string> {
  const { device } = await world.otp.enroll({ userId, kind: 'email', email: `${userId}@example.test` });
  const confirmed = await world.otp.confirm({ userId, deviceId: device.id, token: world.lastEmailCode() });
  if (!confirmed.ok) throw new Error(confirmed.reason);
  world.advance(61_000); // past the email cooldown
  return device.id;
}

async function signInByEmail(
  b: DirectBrowser,
  world: World,
  user: { id: string; username: string; password: string },
) {
  const password = await passwordStep(b, user);
  expect(password.location).toBe('/auth/verify');
  const deviceId = (await world.otp.listDevices({ userId: user.id })).find((d) => d.kind === 'email')!.id;
  await b.post('/auth/verify/send', { deviceId });
  expect((await b.post('/auth/verify', { deviceId, token: world.lastEmailCode() })).status).toBe(303);
}

/** The intro page, the codes page and the downloaded file of a signed-in browser. */
async function backupCodeTexts(b: DirectBrowser) {
  const intro = (await b.get('/auth/backup-codes')).text;
  const shown = await b.post('/auth/backup-codes');
  const codes = [...shown.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]!);
  const file = (await b.post('/auth/backup-codes/download', { codes })).text;
  return { intro, codes: shown.text, file };
}

describe('what the backup-code pages say codes are for', () => {
  it('speaks of the inbox, not a phone, to a user whose only method is email', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    await addEmail(world, user.id);
    const b = browser();
    await signInByEmail(b, world, user);
    const texts = await backupCodeTexts(b);
    for (const text of Object.values(texts)) {
      expect(text).toContain('If you cannot get into your email, a backup code lets you sign in.');
      expect(text).not.toContain('phone');
    }
  });

  it('speaks of a lost phone to a user with an authenticator app', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const texts = await backupCodeTexts(b);
    for (const text of Object.values(texts)) expect(text).toContain('If you lose your phone, a backup code');
  });

  it('speaks of "your usual verification method" to a user with both', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    await addEmail(world, user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const texts = await backupCodeTexts(b);
    for (const text of Object.values(texts)) {
      expect(text).toContain('If you cannot use your usual verification method, a backup code');
    }
  });
});
