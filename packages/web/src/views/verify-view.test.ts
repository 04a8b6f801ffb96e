import { describe, expect, it } from 'vitest';
import { directWorld, passwordStep, signIn } from '../test-support/direct-browser.js';

const otherLinks = (page: string) =>
  [
    ...(/<nav class="otp-others"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '').matchAll(/<a [^>]*>([^<]*)<\/a>/g),
  ].map((m) => m[1]);

describe('the links to the user’s other methods', () => {
  it('name a kind in words that fit mid-sentence, no capital in the middle', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id, 'Authenticator app');
    await world.addBackupCodes(user.id);
    const backupId = (await world.otp.listDevices({ userId: user.id })).find(
      (d) => d.kind === 'backup-codes',
    )!.id;
    const b = browser();
    await passwordStep(b, user);
    expect(otherLinks((await b.get('/auth/verify')).text)).toEqual(['Use a backup code instead']);
    const backupPage = (await b.get(`/auth/verify?device=${backupId}`)).text;
    expect(otherLinks(backupPage)).toEqual(['Use your authenticator app instead']);
    expect(backupPage).not.toContain('Use Authenticator app');
  });

  it('tell apart two methods of one kind by their names, quoted', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const phone = await world.addTotp(user.id, 'Phone');
    await world.addTotp(user.id, 'Work phone');
    const { device } = await world.otp.enroll({ userId: user.id, kind: 'email', email: 'ada@acme.test' });
    await world.otp.confirm({ userId: user.id, deviceId: device.id, token: world.lastEmailCode() });
    const b = browser();
    await passwordStep(b, user);
    const links = otherLinks((await b.get(`/auth/verify?device=${phone.deviceId}`)).text);
    expect(links).toEqual(['Use “Work phone” instead', 'Get a code by email instead']);
  });

  it('quote a method’s name in the titles of its remove and rename pages', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret, deviceId } = await world.addTotp(user.id, 'Authenticator app');
    const b = browser();
    await signIn(b, world, user, secret);
    expect((await b.get(`/auth/devices/${deviceId}/remove`)).text).toContain(
      '<h1>Remove “Authenticator app”?</h1>',
    );
    expect((await b.get(`/auth/devices/${deviceId}/rename`)).text).toContain(
      '<h1>Rename “Authenticator app”</h1>',
    );
  });
});
