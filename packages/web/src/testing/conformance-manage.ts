import { describe, expect } from 'vitest';
import type { Client } from './client.js';
import { enrollTotpByPages } from './conformance-enroll.js';
import type { Scenario, ScenarioFactory } from './setup.js';

/** A signed-in user with a TOTP device; the step-up grant of the login is spent by moving the clock. */
export async function signedIn(s: Scenario, options: { stale?: boolean; trust?: boolean } = {}) {
  const user = s.world.addUser();
  const { secret, deviceId } = await s.world.addTotp(user.id);
  const client = s.client();
  const reply = await s.login(
    client,
    user,
    () => s.world.totpCode(secret),
    options.trust ? { trust: '1' } : {},
  );
  expect(reply.status).toBe(303);
  if (options.stale) s.world.advance(6 * 60_000);
  return { user, secret, deviceId, client };
}

async function stepUp(s: Scenario, client: Client, secret: Uint8Array, location: string) {
  const page = await client.get(location);
  expect(page.status).toBe(200);
  const next = new URL(location, 'http://x').searchParams.get('next')!;
  return client.post('/auth/step-up', { token: s.world.totpCode(secret), next });
}

/** Management: devices, rename, remove, backup codes, step-up, trusted browsers. */
export function describeManageFlows(scenario: ScenarioFactory): void {
  const { it } = scenario;
  describe('management and step-up', () => {
    it('lists the methods with kind, dates and actions', async () => {
      const s = await scenario();
      const { client, deviceId } = await signedIn(s);
      const page = await client.get('/auth/devices');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Phone');
      expect(page.text).toContain(`/auth/devices/${deviceId}/remove`);
      const json = (await client.getJson('/auth/devices')).json<{ devices: Array<{ id: string }> }>();
      expect(json.devices.map((d) => d.id)).toContain(deviceId);
    });

    it('renames right after login (fresh verification) and refuses an empty name with 400', async () => {
      const s = await scenario();
      const { client, deviceId } = await signedIn(s);
      expect((await client.get(`/auth/devices/${deviceId}/rename`)).status).toBe(200);
      const bad = await client.post(`/auth/devices/${deviceId}/rename`, { name: '   ' });
      expect(bad.status).toBe(400);
      const ok = await client.post(`/auth/devices/${deviceId}/rename`, { name: 'Work phone' });
      expect(ok.location).toBe('/auth/devices');
      expect((await client.get('/auth/devices')).text).toContain('Work phone');
    });

    it('asks for step-up before removing a device, then returns to the confirmation', async () => {
      const s = await scenario();
      const { client, deviceId, secret } = await signedIn(s, { stale: true });
      await s.world.addBackupCodes((await client.get('/whoami')).json<{ user: string }>().user);
      await client.get('/auth/devices');
      const refused = await client.post(`/auth/devices/${deviceId}/remove`);
      expect(refused.status).toBe(303);
      expect(refused.location).toBe(
        `/auth/step-up?next=${encodeURIComponent(`/auth/devices/${deviceId}/remove`)}`,
      );
      const stepped = await stepUp(s, client, secret, refused.location!);
      expect(stepped.location).toBe(`/auth/devices/${deviceId}/remove`);
      const confirm = await client.get(stepped.location!);
      expect(confirm.status).toBe(200);
      const removed = await client.post(`/auth/devices/${deviceId}/remove`);
      expect(removed.location).toBe('/auth/devices');
      expect((await client.get('/auth/devices')).text).not.toContain(`/auth/devices/${deviceId}/remove`);
    });

    it('sends a required user who removed the last factor back to enrollment', async () => {
      const s = await scenario();
      const { client, deviceId } = await signedIn(s);
      await client.get(`/auth/devices/${deviceId}/remove`);
      await client.post(`/auth/devices/${deviceId}/remove`);
      const admin = await client.get('/admin');
      expect(admin.location).toBe('/auth/enroll');
      const confirmed = await enrollTotpByPages(s, client);
      expect(confirmed.status).toBe(303);
      expect((await client.get('/admin')).status).toBe(200);
    });

    it('guards a host page with step-up and returns to it', async () => {
      const s = await scenario();
      const { client, secret } = await signedIn(s);
      expect((await client.get('/admin/sensitive')).status).toBe(200);
      s.world.advance(6 * 60_000);
      const refused = await client.get('/admin/sensitive');
      expect(refused.location).toBe('/auth/step-up?next=%2Fadmin%2Fsensitive');
      s.world.advance(30_000);
      const stepped = await stepUp(s, client, secret, refused.location!);
      expect(stepped.location).toBe('/admin/sensitive');
      expect((await client.get('/admin/sensitive')).status).toBe(200);
    });

    it('regenerates backup codes after step-up, the old ones stop working', async () => {
      const s = await scenario();
      const { client, user } = await signedIn(s);
      const old = await s.world.addBackupCodes(user.id);
      const intro = await client.get('/auth/backup-codes');
      expect(intro.text).toContain('old codes stop working');
      const fresh = await client.post('/auth/backup-codes');
      expect(fresh.status).toBe(200);
      const result = await s.world.otp.verifyToken({ userId: user.id, token: old[0]! });
      expect(result.ok).toBe(false);
    });

    it('trusts a browser: the next login skips the code; it is listed and can be revoked', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { client, user, secret } = await signedIn(s, { trust: true });
      const cookie = [...client.cookies.keys()].find((k) => k === 'otpkit_tb');
      expect(cookie).toBe('otpkit_tb');
      await client.post('/auth/logout');
      s.world.advance(60_000);
      const again = await s.passwordLogin(client, user, '/admin');
      expect(again.location).toBe('/auth/verify');
      const skipped = await client.get('/auth/verify');
      expect(skipped.status).toBe(303);
      expect(skipped.location).toBe('/admin');
      expect((await client.get('/admin')).status).toBe(200);
      const devices = await client.get('/auth/devices');
      expect(devices.text).toContain('This browser');
      const revokeLink = /href="(\/auth\/browsers\/[^"]+\/revoke)"/.exec(devices.text)![1]!;
      const refused = await client.get(revokeLink);
      expect(refused.location).toContain('/auth/step-up');
      s.world.advance(30_000);
      await stepUp(s, client, secret, refused.location!);
      expect((await client.get(revokeLink)).status).toBe(200);
      expect((await client.post(revokeLink)).location).toBe('/auth/devices');
      expect((await client.get('/auth/devices')).text).not.toContain('This browser');
    });

    it('revokes all trusted browsers at once', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const { client } = await signedIn(s, { trust: true });
      expect((await client.get('/auth/browsers/revoke-all')).status).toBe(200);
      expect((await client.post('/auth/browsers/revoke-all')).location).toBe('/auth/devices');
      expect((await client.get('/auth/devices')).text).toContain('No browser is trusted');
    });
  });
}
