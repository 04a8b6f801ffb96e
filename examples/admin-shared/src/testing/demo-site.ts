// Threat: the demo's own forms (sign-out, the administrators' actions) crashed or turned into a
// sign-out by garbage: repeated fields, huge values, broken encodings, a JSON body, broken paths;
// and a sign-in or sign-out missing from the audit log.
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateDemoApp, RunningDemo } from './start-demo.js';
import { demoCsrf, signInWithPassword, startDemo } from './start-demo.js';

/**
 * The demo's own forms and its audit log: garbage in the forms and paths is a 4xx, never a 5xx, and
 * signs nobody out; the web layer's events (how a sign-in completed, the sign-out) are recorded.
 */
export function describeDemoSite(create: CreateDemoApp): void {
  let running: RunningDemo | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  describe('the audit log', () => {
    it('records the web layer’s events: how a sign-in completed, and the sign-out', async () => {
      running = await startDemo(create);
      const editor = running.demo.users.findByUsername('editor')!;
      const password = running.demo.logins.find((l) => l.username === 'editor')!.password;
      const client = running.client();
      expect(await signInWithPassword(client, 'editor', password)).toBe('/admin');
      const csrf = demoCsrf((await client.get('/admin')).text);
      expect((await client.post('/logout', { _csrf: csrf })).location).toBe('/auth/login');
      const web = running.demo.audit
        .list()
        .filter((e) => e.event.startsWith('web.'))
        .map(({ event, userId, detail }) => ({ event, userId, detail }));
      expect(web).toEqual([
        { event: 'web.logout', userId: editor.id, detail: {} },
        { event: 'web.login.completed', userId: editor.id, detail: { method: 'exempt' } },
      ]);
    });
  });

  describe('the demo’s own forms with garbage in them', () => {
    it('answers 4xx, never 5xx', async () => {
      running = await startDemo(create);
      const password = running.demo.logins.find((l) => l.username === 'editor')!.password;
      const client = running.client();
      expect(await signInWithPassword(client, 'editor', password)).toBe('/admin');
      const csrf = demoCsrf((await client.get('/admin')).text);
      const post = (path: string, body: string, type = 'application/x-www-form-urlencoded') =>
        client.request('POST', path, {
          body,
          headers: { 'content-type': type, origin: running!.url, 'sec-fetch-site': 'same-origin' },
        });
      const replies = [
        await post('/logout', `_csrf=${csrf}&_csrf=${csrf}`),
        await post('/logout', `_csrf=${'x'.repeat(20_000)}`),
        await post('/logout', '%%%=%%%'),
        await post('/logout', `{"_csrf":"${csrf}"}`, 'application/json'),
        await post('/admin/security/users/%E0%A4%A/unlock', `_csrf=${csrf}`),
        await client.get('/admin/security/users/%E0%A4%A/unlock'),
        await client.get(`/admin/${'a'.repeat(5_000)}`),
      ];
      for (const reply of replies) {
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
      }
      // Still signed in: none of it signed the editor out.
      expect((await client.get('/admin')).status).toBe(200);
    });
  });
}
