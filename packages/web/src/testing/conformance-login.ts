import { describe, expect } from 'vitest';
import type { ScenarioFactory } from './setup.js';

/** Login flows: the password page and the host's own login, HTML and JSON, each kind of factor. */
export function describeLoginFlows(scenario: ScenarioFactory): void {
  const { it } = scenario;
  describe('login', () => {
    it('sends an anonymous visitor of a guarded page to the login, with next', async () => {
      const s = await scenario();
      const reply = await s.client().get('/admin');
      expect(reply.status).toBe(303);
      expect(reply.location).toBe('/auth/login?next=%2Fadmin');
    });

    it('logs in with password then TOTP code, and the guarded page opens', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      const password = await s.passwordLogin(client, user, '/admin');
      expect(password.location).toBe('/auth/verify');
      expect((await client.get('/admin')).location).toBe('/auth/verify');
      const page = await client.get('/auth/verify');
      expect(page.text).toContain('autocomplete="one-time-code"');
      const done = await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(done.status).toBe(303);
      expect(done.location).toBe('/admin');
      const admin = await client.get('/admin');
      expect(admin.status).toBe(200);
      expect(admin.text).toBe(`admin:${user.id}`);
      const who = (await client.get('/whoami')).json();
      expect(who).toMatchObject({ state: 'complete', verified: true, user: user.id, device: 'totp' });
    });

    it('re-shows the code page with 400 and an alert on a wrong code', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      const reply = await s.login(s.client(), user, () => '000000');
      expect(reply.status).toBe(400);
      expect(reply.text).toContain('role="alert"');
      expect(reply.text).toContain('autofocus');
    });

    it('refuses a wrong password with 401 and the form again', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await client.get('/auth/login');
      const reply = await client.post('/auth/login', { username: user.username!, password: 'nope' });
      expect(reply.status).toBe(401);
      expect(reply.text).toContain('role="alert"');
    });

    it('runs the whole login in JSON with the token from GET /auth/session', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      const session = await client.getJson('/auth/session');
      expect(session.status).toBe(200);
      const { csrfToken, state } = session.json<{ csrfToken: string; state: string }>();
      expect(state).toBe('anonymous');
      const password = await client.postJson(
        '/auth/login',
        { username: user.username, password: user.password },
        csrfToken,
      );
      expect(password.status).toBe(200);
      expect(password.json()).toMatchObject({ ok: true, next: '/auth/verify', stage: 'verify' });
      const verifyPage = await client.getJson('/auth/verify');
      expect(verifyPage.json()).toMatchObject({ ok: true, stage: 'verify' });
      const wrong = await client.postJson('/auth/verify', { token: '000000' }, csrfToken);
      expect(wrong.status).toBe(400);
      expect(wrong.json()).toMatchObject({ ok: false, error: { code: 'invalid' } });
      s.world.advance(2_000); // past the throttle's delay after one failure
      const ok = await client.postJson('/auth/verify', { token: s.world.totpCode(secret) }, csrfToken);
      expect(ok.status).toBe(200);
      expect(ok.json()).toMatchObject({ ok: true, next: '/' });
      const after = (await client.getJson('/auth/session')).json();
      expect(after).toMatchObject({ state: 'complete', level: 'verified', user: { id: user.id } });
      expect(after.csrfToken).not.toBe(csrfToken);
      expect((await client.getJson('/admin')).status).toBe(200);
    });

    it('answers JSON clients of a guarded route with 401 instead of a redirect', async () => {
      const s = await scenario();
      const reply = await s.client().getJson('/admin');
      expect(reply.status).toBe(401);
      expect(reply.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    });

    it('supports the host owning the login: beginLogin(user) then the code step', async () => {
      const s = await scenario({ web: { authenticate: undefined, loginUrl: '/login' } });
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      expect((await client.get('/auth/login')).status).toBe(404);
      expect((await client.get('/admin')).location).toBe('/login?next=%2Fadmin');
      const begun = await client.request('POST', `/host/login?user=${user.id}&next=/admin`);
      expect(begun.status).toBe(303);
      expect(begun.location).toBe('/auth/verify');
      await client.get('/auth/verify');
      const done = await client.post('/auth/verify', { token: s.world.totpCode(secret) });
      expect(done.location).toBe('/admin');
      expect((await client.get('/admin')).status).toBe(200);
    });

    it('serves every page under the configured base path, none under the default', async () => {
      const s = await scenario({ web: { basePath: '/account/security' } });
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      expect((await client.get('/admin')).location).toBe('/account/security/login?next=%2Fadmin');
      expect((await client.get('/auth/login')).status).toBe(404);
      const page = await client.get('/account/security/login');
      expect(page.text).toContain('action="/account/security/login"');
      const password = await client.post('/account/security/login', {
        username: user.username!,
        password: user.password,
        next: '/admin',
      });
      expect(password.location).toBe('/account/security/verify');
      await client.get('/account/security/verify');
      const done = await client.post('/account/security/verify', { token: s.world.totpCode(secret) });
      expect(done.location).toBe('/admin');
      expect((await client.get('/admin')).status).toBe(200);
    });

    it('lets an optional user without a factor in without a code, not as verified', async () => {
      const s = await scenario({ policy: () => 'optional' });
      const user = s.world.addUser();
      const client = s.client();
      const reply = await s.passwordLogin(client, user, '/admin');
      expect(reply.location).toBe('/admin');
      expect((await client.get('/admin')).status).toBe(200);
      expect((await client.get('/whoami')).json()).toMatchObject({ state: 'complete', verified: false });
    });

    it('asks an optional user who has a factor for the code', async () => {
      const s = await scenario({ policy: () => 'optional' });
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      expect((await s.passwordLogin(s.client(), user)).location).toBe('/auth/verify');
    });

    it('emails a code on request, shows it was sent, and accepts it', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const enrolled = await s.world.otp.enroll({ userId: user.id, kind: 'email', email: user.email! });
      await s.world.otp.confirm({
        userId: user.id,
        deviceId: enrolled.device.id,
        token: s.world.lastEmailCode(),
      });
      s.world.advance(120_000);
      const client = s.client();
      await s.passwordLogin(client, user);
      const page = await client.get('/auth/verify');
      expect(page.text).toContain('/auth/verify/send');
      const sent = await client.post('/auth/verify/send', { deviceId: enrolled.device.id });
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('role="status"');
      const again = await client.post('/auth/verify/send', { deviceId: enrolled.device.id });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
      const done = await client.post('/auth/verify', {
        deviceId: enrolled.device.id,
        token: s.world.lastEmailCode(),
      });
      expect(done.status).toBe(303);
    });

    it('logs in with a backup code, says how many remain and nudges when few do', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      const codes = await s.world.addBackupCodes(user.id);
      const client = s.client();
      const reply = await s.login(client, user, () => codes[0]!);
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('9 backup codes left');
      expect((await client.get('/admin')).status).toBe(200);
      for (const code of codes.slice(1, 7)) await s.world.otp.verifyToken({ userId: user.id, token: code });
      const low = await s.login(s.client(), user, () => codes[7]!);
      expect(low.text).toContain('2 backup codes left');
      expect(low.text).toContain('/auth/backup-codes');
    });

    it('signs out with a POST only; GET shows a button', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      await s.login(client, user, () => s.world.totpCode(secret));
      const page = await client.get('/auth/logout');
      expect(page.status).toBe(200);
      expect((await client.get('/admin')).status).toBe(200);
      const out = await client.post('/auth/logout');
      expect(out.status).toBe(303);
      expect(out.location).toBe('/auth/login');
      expect((await client.get('/admin')).status).toBe(303);
    });

    it('ends the session of a user the host deleted', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const { secret } = await s.world.addTotp(user.id);
      const client = s.client();
      await s.login(client, user, () => s.world.totpCode(secret));
      s.world.users.delete(user.id);
      expect((await client.get('/admin')).status).toBe(303);
    });

    it('abandons the pending login on leaving the code step when resetPendingOnLeave is set', async () => {
      const s = await scenario({ web: { resetPendingOnLeave: true } });
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      const client = s.client();
      await s.passwordLogin(client, user);
      expect((await client.get('/favicon.ico', { accept: 'image/*' })).status).toBe(404);
      expect((await client.get('/auth/verify')).status).toBe(200);
      await client.get('/host/page', { accept: 'text/html', 'sec-fetch-dest': 'document' });
      const back = await client.get('/auth/verify');
      expect(back.status).toBe(303);
      expect(back.location).toBe('/auth/login');
    });

    it('emails the user when a backup code was used', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      const codes = await s.world.addBackupCodes(user.id);
      await s.login(s.client(), user, () => codes[0]!);
      await expect.poll(() => s.world.mails.length).toBeGreaterThan(0);
      expect(s.world.mails.at(-1)).toMatchObject({ to: user.email });
      expect(s.world.mails.at(-1)!.text).toContain('9 backup codes');
    });
  });
}
