import { describe, expect } from 'vitest';
import type { Client } from './client.js';
import type { Scenario, ScenarioFactory } from './setup.js';

/** Read the manual key shown on the TOTP enrollment page. */
export function manualKeyOf(html: string): string {
  const match = /<code class="otp-key">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match) throw new Error('no manual key on the page');
  return match[1]!;
}

/** Enroll TOTP through the pages (the user is pending-without-factor or signed in). */
export async function enrollTotpByPages(s: Scenario, client: Client) {
  const page = await client.post('/auth/enroll/totp');
  expect(page.status).toBe(200);
  expect(page.headers.get('cache-control')).toContain('no-store');
  expect(page.text).toContain('<svg');
  const deviceId = /name="deviceId" value="([^"]+)"/.exec(page.text)![1]!;
  const code = s.world.codeFromManualKey(manualKeyOf(page.text));
  return client.post('/auth/enroll/totp/confirm', { deviceId, token: code });
}

/** Enrollment: forced for required users, optional with a grace period, TOTP, email, backup codes. */
export function describeEnrollFlows(scenario: ScenarioFactory): void {
  const { it } = scenario;
  describe('enrollment', () => {
    it('sends a required user without a factor to enrollment, and only there, without a loop', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      const reply = await s.passwordLogin(client, user, '/admin');
      expect(reply.location).toBe('/auth/enroll');
      const { reply: end, hops } = await client.follow(await client.get('/admin'));
      expect(end.status).toBe(200);
      expect(hops.at(-1)).toBe('/auth/enroll');
      expect(hops.length).toBeLessThanOrEqual(3);
      for (const path of ['/auth/devices', '/auth/backup-codes', '/admin/sensitive']) {
        const { reply: other } = await client.follow(await client.get(path));
        expect(other.status).toBe(200);
        expect(other.text).toContain('/auth/enroll/totp');
      }
      expect((await client.get('/auth/logout')).status).toBe(200);
      expect((await client.get('/auth/assets/otpkit.css')).status).toBe(200);
    });

    it('enrolls TOTP by QR and manual key, completes the login, then leads to backup codes', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await s.passwordLogin(client, user, '/admin');
      await client.get('/auth/enroll');
      const confirmed = await enrollTotpByPages(s, client);
      expect(confirmed.status).toBe(303);
      expect(confirmed.location).toBe('/auth/backup-codes?next=%2Fadmin');
      const intro = await client.get(confirmed.location!);
      expect(intro.status).toBe(200);
      const codes = await client.post('/auth/backup-codes', { next: '/admin' });
      expect(codes.status).toBe(200);
      expect(codes.headers.get('cache-control')).toContain('no-store');
      const shown = [...codes.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
      expect(shown).toHaveLength(10);
      const download = await client.post('/auth/backup-codes/download', { codes: shown });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain('attachment');
      expect(download.text).toContain(shown[0]);
      expect((await client.get('/admin')).status).toBe(200);
      expect((await client.get('/whoami')).json()).toMatchObject({ verified: true, device: 'totp' });
    });

    it('keeps the enrollment page usable after a wrong confirming code', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await s.passwordLogin(client, user);
      const page = await client.post('/auth/enroll/totp');
      const deviceId = /name="deviceId" value="([^"]+)"/.exec(page.text)![1]!;
      const wrong = await client.post('/auth/enroll/totp/confirm', { deviceId, token: '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('role="alert"');
      expect(wrong.text).toContain(`value="${deviceId}"`);
    });

    it('enrolls email: address, sent code, confirmation', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await s.passwordLogin(client, user);
      const form = await client.post('/auth/enroll/email');
      expect(form.status).toBe(200);
      expect(form.text).toContain('type="email"');
      const bad = await client.post('/auth/enroll/email', { email: 'not an address' });
      expect(bad.status).toBe(400);
      const sent = await client.post('/auth/enroll/email', { email: user.email! });
      expect(sent.status).toBe(200);
      const deviceId = /name="deviceId" value="([^"]+)"/.exec(sent.text)![1]!;
      const done = await client.post('/auth/enroll/email/confirm', {
        deviceId,
        token: s.world.lastEmailCode(),
      });
      expect(done.status).toBe(303);
      expect((await client.get('/admin')).status).toBe(200);
    });

    it('lets a required user in a grace period skip enrollment, and not after it', async () => {
      const graceUntil = Date.UTC(2030, 0, 8);
      const s = await scenario({ policy: () => ({ required: true, graceUntil }) });
      const user = s.world.addUser();
      const client = s.client();
      await s.passwordLogin(client, user, '/admin');
      const page = await client.get('/auth/enroll');
      expect(page.text).toContain('/auth/enroll/later');
      const later = await client.post('/auth/enroll/later');
      expect(later.location).toBe('/admin');
      expect((await client.get('/admin')).status).toBe(200);
      s.world.advance(8 * 86_400_000);
      const after = await client.get('/admin');
      expect(after.location).toBe('/auth/enroll');
      expect((await client.follow(after)).reply.status).toBe(200);
    });

    it('refuses to skip enrollment without a grace period', async () => {
      const s = await scenario();
      const user = s.world.addUser();
      const client = s.client();
      await s.passwordLogin(client, user);
      const page = await client.get('/auth/enroll');
      expect(page.text).not.toContain('/auth/enroll/later');
      const later = await client.post('/auth/enroll/later');
      expect(later.status).toBe(403);
      expect((await client.get('/admin')).status).toBe(303);
    });
  });
}
