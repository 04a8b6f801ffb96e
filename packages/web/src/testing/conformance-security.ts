// Threats: cross-site request forgery, open redirects, replayed codes, replayed or expired pending
// logins, session fixation, trusted-browser cookies that outlive a revocation or a factor or
// password change, a guard satisfied by host session keys, enrollment or management with only the
// password, sensitive changes without a fresh verification, brute force (throttle, lock), a store
// outage turning into a 500 or an open door, and markup injected through user data.
import { describe, expect } from 'vitest';
import type { Client } from './client.js';
import { signedIn } from './conformance-manage.js';
import type { Scenario, ScenarioFactory } from './setup.js';

async function pendingUser(s: Scenario) {
  const user = s.world.addUser();
  const { secret, deviceId } = await s.world.addTotp(user.id);
  const client = s.client();
  expect((await s.passwordLogin(client, user)).location).toBe('/auth/verify');
  return { user, secret, deviceId, client };
}

const isSuccessOfLogin = (status: number, location: string | null) =>
  (status === 303 && location === '/') || status === 200;

/** The security regressions every adapter must pass. */
export function describeSecurity(scenario: ScenarioFactory): void {
  const { it } = scenario;
  describe('security: CSRF', () => {
    const cases: Array<[string, (c: Client) => Promise<{ status: number }>]> = [
      ['no token', (c) => c.post('/auth/verify', { token: '123456', _csrf: null })],
      ['a wrong token', (c) => c.post('/auth/verify', { token: '123456', _csrf: 'x'.repeat(43) })],
      [
        'a token of another session',
        async (c) =>
          c.post('/auth/verify', {
            token: '123456',
            _csrf: await c.fresh().currentCsrf(),
          }),
      ],
      [
        'Sec-Fetch-Site: cross-site',
        async (c) => c.post('/auth/verify', { token: '123456' }, { 'sec-fetch-site': 'cross-site' }),
      ],
      [
        'Origin: null and no Sec-Fetch-Site',
        async (c) => c.post('/auth/verify', { token: '123456' }, { origin: 'null', 'sec-fetch-site': '' }),
      ],
      [
        'a cross-site Origin and no Sec-Fetch-Site',
        async (c) =>
          c.post('/auth/verify', { token: '123456' }, { origin: 'https://evil.test', 'sec-fetch-site': '' }),
      ],
      ['JSON without X-CSRF-Token', (c) => c.postJson('/auth/verify', { token: '123456' }, null)],
    ];
    it.each(cases)('refuses a state change with %s (403), and changes nothing', async (_name, send) => {
      const s = await scenario();
      const { client, secret } = await pendingUser(s);
      const reply = await send(client);
      expect(reply.status).toBe(403);
      expect((await client.post('/auth/verify', { token: s.world.totpCode(secret) })).status).toBe(303);
    });

    it('refuses the password form and logout without a token', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await client.get('/auth/login');
      const login = await client.post('/auth/login', {
        username: user.username!,
        password: user.password,
        _csrf: null,
      });
      expect(login.status).toBe(403);
      const { client: signed } = await signedIn(s);
      expect((await signed.post('/auth/logout', { _csrf: null })).status).toBe(403);
      expect((await signed.get('/admin')).status).toBe(200);
    });
  });

  describe('security: open redirects', () => {
    const evil = [
      '//evil.test',
      '/\\evil.test',
      'https://evil.test',
      'javascript:alert(1)',
      '/%2F%2Fevil.test',
      '/\t/evil.test',
      'evil.test',
    ];
    it.each(evil)('ignores next=%s after login', async (next) => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      const page = await client.get(`/auth/login?next=${encodeURIComponent(next)}`);
      expect(page.text).not.toContain('evil.test');
      await client.post('/auth/login', { username: user.username!, password: user.password, next });
      await client.get('/auth/verify');
      const done = await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(done.location).toBe('/');
    });

    it.each(evil)('ignores next=%s after step-up', async (next) => {
      const s = await scenario();
      const { client, secret } = await signedIn(s, { stale: true });
      await client.get(`/auth/step-up?next=${encodeURIComponent(next)}`);
      const done = await client.post('/auth/step-up', { token: s.world.totpCode(secret), next });
      expect(done.location).toBe('/auth/devices');
    });
  });

  describe('security: codes and pending logins', () => {
    it('refuses a replayed code (400, replayed)', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const code = s.world.totpCode(secret);
      expect((await s.login(s.client(), user, () => code)).status).toBe(303);
      const again = await s.login(s.client(), user, () => code);
      expect(again.status).toBe(400);
      expect(again.text).toContain('already used');
    });

    it('refuses an expired pending login: back to the login (JSON: 401)', async () => {
      const s = await scenario();
      const { client, secret } = await pendingUser(s);
      s.world.advance(10 * 60_000 + 1);
      const html = await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(html.status).toBe(303);
      expect(html.location).toBe('/auth/login');
      const json = await client.postJson(
        '/auth/verify',
        { token: s.world.totpCode(secret) },
        await client.currentCsrf(),
      );
      expect(json.status).toBe(401);
      expect((await client.get('/admin')).status).toBe(303);
    });

    it('refuses a pending login reused from the pre-login session after it completed', async () => {
      const s = await scenario();
      const { client, secret, user } = await pendingUser(s);
      const codes = await s.world.addBackupCodes(user.id);
      const stolen = client.clone();
      expect((await client.post('/auth/verify', { token: s.world.totpCode(secret) })).status).toBe(303);
      const replay = await stolen.post('/auth/verify', { token: codes[0]! });
      expect(replay.status).toBe(303);
      expect(replay.location).toBe('/auth/login');
      expect((await stolen.get('/admin')).status).toBe(303);
    });

    it('completes a pending login once when two right codes race', async () => {
      const s = await scenario();
      const { client, secret, user } = await pendingUser(s);
      const codes = await s.world.addBackupCodes(user.id);
      const csrf = await client.currentCsrf();
      const replies = await Promise.all([
        client.post('/auth/verify', { token: s.world.totpCode(secret), _csrf: csrf }),
        client.clone().post('/auth/verify', { token: codes[0]!, _csrf: csrf }),
      ]);
      const wins = replies.filter((r) => isSuccessOfLogin(r.status, r.location));
      expect(wins).toHaveLength(1);
    });

    it('gives the session a new id when the login completes (fixation)', async () => {
      const s = await scenario();
      const { client, secret } = await pendingUser(s);
      const before = client.clone();
      await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(client.cookieHeader()).not.toBe(before.cookieHeader());
      expect((await client.get('/admin')).status).toBe(200);
      expect((await before.get('/admin')).status).toBe(303);
      expect((await before.get('/whoami')).json()).toMatchObject({ state: 'anonymous' });
    });

    it("keeps the host's session data through the login's new id, and drops it at logout", async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      const hostKeys = { user: 'someone', userId: 'someone', isAdmin: true, verified: true };
      expect((await client.request('POST', '/host/session-keys')).status).toBe(204);
      await s.passwordLogin(client, user);
      expect((await client.getJson('/host/session-keys')).json()).toEqual(hostKeys);
      const before = client.clone();
      await client.get('/auth/verify');
      expect((await client.post('/auth/verify', { token: s.world.totpCode(secret) })).status).toBe(303);
      expect((await client.getJson('/host/session-keys')).json()).toEqual(hostKeys);
      expect((await before.getJson('/host/session-keys')).json()).toEqual({});
      await client.post('/auth/logout');
      expect((await client.getJson('/host/session-keys')).json()).toEqual({});
    });

    it('gives the session a new id at logout: the old cookie is dead', async () => {
      const s = await scenario();
      const { client } = await signedIn(s);
      const before = client.clone();
      await client.post('/auth/logout');
      expect((await before.get('/admin')).status).toBe(303);
    });

    it('throttles wrong codes: 429 with Retry-After', async () => {
      const s = await scenario();
      const { client } = await pendingUser(s);
      expect((await client.post('/auth/verify', { token: '000000' })).status).toBe(400);
      const throttled = await client.post('/auth/verify', { token: '000001' });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      const json = await client.postJson('/auth/verify', { token: '000002' }, await client.currentCsrf());
      expect(json.status).toBe(429);
      expect(json.headers.get('retry-after')).not.toBeNull();
    });

    it('shows a locked user a page that says how to get unlocked (423), and emails them', async () => {
      const s = await scenario();
      const { client, secret, user } = await pendingUser(s);
      let last = await client.post('/auth/verify', { token: '000000' });
      for (let i = 0; i < 10 && last.status !== 423; i++) {
        s.world.advance(61_000);
        last = await client.post('/auth/verify', { token: '000000' });
      }
      expect(last.status).toBe(423);
      expect(last.text).toContain('otpkit unlock');
      expect((await client.get('/auth/verify')).status).toBe(423);
      const right = await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(right.status).toBe(423);
      await expect
        .poll(() => s.world.mails.some((m) => m.to === user.email && /locked/i.test(m.subject)))
        .toBe(true);
    });

    it('answers 503 with Retry-After when the store is down, never a 500 nor a login', async () => {
      const s = await scenario();
      const { client, secret } = await pendingUser(s);
      const csrf = await client.currentCsrf();
      s.world.storeState.down = true;
      const post = await client.post('/auth/verify', { token: s.world.totpCode(secret), _csrf: csrf });
      expect(post.status).toBe(503);
      expect(post.headers.get('retry-after')).toBe('1');
      expect((await client.get('/auth/verify')).status).toBe(503);
      expect((await client.get('/admin')).status).toBe(503);
      expect((await client.getJson('/auth/session')).status).toBe(503);
      s.world.storeState.down = false;
      expect((await client.get('/admin')).status).toBe(303);
    });
  });

  describe('security: what the password alone opens', () => {
    it('never lets host session keys satisfy the guard', async () => {
      const s = await scenario();
      const client = s.client();
      expect((await client.request('POST', '/host/session-keys')).status).toBe(204);
      expect((await client.get('/admin')).status).toBe(303);
      expect((await client.get('/whoami')).json()).toMatchObject({ state: 'anonymous', verified: false });
    });

    it('keeps a pending login out of the guarded site, management and enrollment', async () => {
      const s = await scenario();
      const { client, user } = await pendingUser(s);
      expect((await client.get('/admin')).location).toBe('/auth/verify');
      expect(
        (await client.request('POST', '/admin/action', { headers: { 'content-length': '0' } })).status,
      ).toBe(303);
      expect((await client.get('/auth/devices')).location).toBe('/auth/verify');
      const enroll = await client.post('/auth/enroll/totp');
      expect(enroll.location).toBe('/auth/verify');
      expect((await s.world.otp.listDevices({ userId: user.id })).length).toBe(1);
    });

    it('does not remove a device without step-up', async () => {
      const s = await scenario();
      const { client, deviceId, user } = await signedIn(s, { stale: true });
      const reply = await client.post(`/auth/devices/${deviceId}/remove`);
      expect(reply.location).toContain('/auth/step-up');
      const json = await client.postJson(`/auth/devices/${deviceId}/remove`, {}, await client.currentCsrf());
      expect(json.status).toBe(401);
      expect(json.json()).toMatchObject({ error: { code: 'step-up-required' } });
      expect((await s.world.otp.listDevices({ userId: user.id })).some((d) => d.id === deviceId)).toBe(true);
    });

    it("refuses another user's device (404) and leaves it alone", async () => {
      const s = await scenario();
      const other = s.world.addUser();
      const { deviceId: theirs } = await s.world.addTotp(other.id);
      const { client } = await signedIn(s);
      expect((await client.post(`/auth/devices/${theirs}/remove`)).status).toBe(404);
      expect((await client.post(`/auth/devices/${theirs}/rename`, { name: 'mine' })).status).toBe(404);
      expect((await s.world.otp.listDevices({ userId: other.id })).map((d) => d.name)).toEqual(['Phone']);
    });
  });

  describe('security: trusted browsers', () => {
    const trusted = async (s: Scenario) => {
      const signed = await signedIn(s, { trust: true });
      const cookie = signed.client.cookies.get('otpkit_tb')!;
      await signed.client.post('/auth/logout');
      s.world.advance(60_000);
      return { ...signed, cookie };
    };
    const asksForCode = async (
      s: Scenario,
      client: Client,
      user: Parameters<Scenario['passwordLogin']>[1],
    ) => {
      await s.passwordLogin(client, user);
      return (await client.get('/auth/verify')).status === 200;
    };

    it('sets the cookie HttpOnly, SameSite=Lax, on the base path, not Secure over http', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const reply = await s.login(s.client(), user, () => s.world.totpCode(secret), { trust: '1' });
      const line = reply.setCookies.find((c) => c.startsWith('otpkit_tb='))!;
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Lax/i);
      expect(line).toMatch(/Path=\/auth/i);
      expect(line).not.toMatch(/Secure/i);
    });

    it('refuses the cookie after revocation', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { client, user, cookie } = await trusted(s);
      expect(await asksForCode(s, client.clone(), user)).toBe(false);
      await s.world.store.deleteTokens({ userId: user.id, type: 'otpkit:trusted-browser' });
      const replay = s.client();
      replay.cookies.set('otpkit_tb', cookie);
      expect(await asksForCode(s, replay, user)).toBe(true);
    });

    it('refuses the cookie after the revoke page was used (which itself asks for a code)', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { client, user, cookie, secret } = await trusted(s);
      await s.passwordLogin(client, user);
      expect((await client.get('/auth/verify')).status).toBe(303);
      const refused = await client.get('/auth/browsers/revoke-all');
      expect(refused.location).toContain('/auth/step-up');
      await client.get(refused.location!);
      await client.post('/auth/step-up', {
        token: s.world.totpCode(secret),
        next: '/auth/browsers/revoke-all',
      });
      expect((await client.post('/auth/browsers/revoke-all')).location).toBe('/auth/devices');
      const replay = s.client();
      replay.cookies.set('otpkit_tb', cookie);
      expect(await asksForCode(s, replay, user)).toBe(true);
    });

    it('refuses the cookie after a factor change', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { user, cookie } = await trusted(s);
      await s.world.addBackupCodes(user.id);
      const replay = s.client();
      replay.cookies.set('otpkit_tb', cookie);
      expect(await asksForCode(s, replay, user)).toBe(true);
    });

    it('refuses the cookie after passwordChanged', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { user, cookie } = await trusted(s);
      await s.client().request('POST', `/host/password-changed?user=${user.id}`);
      const replay = s.client();
      replay.cookies.set('otpkit_tb', cookie);
      expect(await asksForCode(s, replay, user)).toBe(true);
    });

    it("refuses one user's cookie for another user", async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { cookie } = await trusted(s);
      const other = s.world.addUser();
      await s.world.addTotp(other.id);
      const replay = s.client();
      replay.cookies.set('otpkit_tb', cookie);
      expect(await asksForCode(s, replay, other)).toBe(true);
    });
  });

  describe('security: pages', () => {
    it('escapes user data and sends restrictive headers', async () => {
      const s = await scenario();
      const user = s.world.addUser({ displayName: '<script>alert(1)</script>' });
      await s.world.addTotp(user.id);
      const client = s.client();
      await s.passwordLogin(client, user);
      const page = await client.get('/auth/verify');
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('cache-control')).toContain('no-store');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('echoes only code-shaped values in the backup-code download', async () => {
      const s = await scenario();
      const { client } = await signedIn(s);
      const reply = await client.post('/auth/backup-codes/download', {
        codes: ['<script>alert(1)</script>'],
      });
      expect(reply.status).toBe(400);
    });
  });
}
