import { describe, expect, it } from 'vitest';
import { directWorld, signIn } from '../test-support/direct-browser.js';

describe('notification emails about methods', () => {
  it('name an added method by its kind’s label and its name, never by the kind’s id', async () => {
    const { world } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id, 'Work phone');
    await expect.poll(() => world.mails.length).toBe(1);
    expect(world.mails[0]).toMatchObject({
      to: user.email,
      subject: 'A verification method was added',
      text: 'A verification method was added to your account: Authenticator app “Work phone”. If this was not you, contact your administrator.',
    });
  });

  it('say the label alone when the name is the label', async () => {
    const { world } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id, 'Authenticator app');
    await expect.poll(() => world.mails.length).toBe(1);
    expect(world.mails[0]!.text).toContain('to your account: Authenticator app.');
  });

  it('name a method removed on the devices page, as the page knew it', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id, 'Phone');
    const { deviceId } = await world.addTotp(user.id, 'Old tablet');
    const b = browser();
    await signIn(b, world, user, secret);
    await b.get(`/auth/devices/${deviceId}/remove`);
    expect((await b.post(`/auth/devices/${deviceId}/remove`)).location).toBe('/auth/devices');
    await expect.poll(() => world.mails.filter((m) => /removed/.test(m.subject)).length).toBe(1);
    const removed = world.mails.find((m) => /removed/.test(m.subject))!;
    expect(removed.text).toBe(
      'A verification method was removed from your account: Authenticator app “Old tablet”. If this was not you, contact your administrator.',
    );
  });

  it('name a method removed elsewhere (the CLI) by its kind’s label', async () => {
    const { world } = await directWorld();
    const user = world.addUser();
    const { deviceId } = await world.addTotp(user.id, 'Phone');
    await world.otp.removeDevice({ userId: user.id, deviceId });
    await expect.poll(() => world.mails.filter((m) => /removed/.test(m.subject)).length).toBe(1);
    const text = world.mails.find((m) => /removed/.test(m.subject))!.text;
    expect(text).toContain('from your account: Authenticator app.');
    expect(text).not.toContain('totp');
  });

  it('announce no removal when backup codes are replaced by new ones', async () => {
    const { world } = await directWorld();
    const user = world.addUser();
    await world.addTotp(user.id);
    await world.addBackupCodes(user.id);
    await world.addBackupCodes(user.id);
    await expect.poll(() => world.mails.length).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(world.mails.map((m) => m.subject)).toEqual(['A verification method was added']);
  });
});
