import { describe, expect, it } from 'vitest';
import { createOtpWeb } from '../create-otp-web.js';
import { directWorld, signIn } from '../test-support/direct-browser.js';
import { createWorld } from '../testing/harness.js';

const siteLink = (page: string) => /<a class="otp-site" href="([^"]*)">([^<]*)<\/a>/.exec(page);

describe('the way back to the host site', () => {
  it('links the site name to afterLogin by default', async () => {
    const { browser } = await directWorld({ web: { afterLogin: '/admin' } });
    const page = (await browser().get('/auth/login')).text;
    expect(siteLink(page)?.slice(1)).toEqual(['/admin', 'Administration']);
  });

  it('links the site name to homeUrl, and the devices page says "Back to <site>"', async () => {
    const { world, browser } = await directWorld({
      web: { afterLogin: '/admin', homeUrl: '/', messages: { 'site.name': 'Acme Admin' } },
    });
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const devices = (await b.get('/auth/devices')).text;
    expect(siteLink(devices)?.slice(1)).toEqual(['/', 'Acme Admin']);
    expect(devices).toContain('<p class="otp-back"><a href="/">Back to Acme Admin</a></p>');
  });

  it('offers the way back on the sign-out page and on error pages', async () => {
    const { browser } = await directWorld({ web: { homeUrl: 'https://www.acme.test/' } });
    const b = browser();
    expect((await b.get('/auth/logout')).text).toContain(
      '<a href="https://www.acme.test/">Back to Administration</a>',
    );
    const missing = await b.get('/auth/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<a href="https://www.acme.test/">Back to Administration</a>');
  });

  it.each(['javascript:alert(1)', '//evil.test', 'admin', 'https://acme.test/ x'])(
    'refuses homeUrl %j with a TypeError naming it',
    async (homeUrl) => {
      const world = await createWorld();
      expect(() => createOtpWeb(world.webOptions({ homeUrl }))).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringMatching(/createOtpWeb\.homeUrl/),
        }),
      );
    },
  );
});
