import { describe, expect } from 'vitest';
import type { Client } from './client.js';
import { signedIn } from './conformance-manage.js';
import type { Scenario, ScenarioFactory } from './setup.js';

type Stage = 'anonymous' | 'pending' | 'complete';

/** Every POST route with the fields it reads and the state it needs. */
const ROUTES: Array<{ path: string; stage: Stage; fields: string[] }> = [
  { path: '/auth/login', stage: 'anonymous', fields: ['username', 'password', 'next'] },
  { path: '/auth/verify', stage: 'pending', fields: ['token', 'deviceId', 'trust', 'next'] },
  { path: '/auth/verify/send', stage: 'pending', fields: ['deviceId'] },
  { path: '/auth/step-up', stage: 'complete', fields: ['token', 'deviceId', 'next'] },
  { path: '/auth/step-up/send', stage: 'complete', fields: ['deviceId', 'next'] },
  { path: '/auth/enroll/totp/confirm', stage: 'complete', fields: ['deviceId', 'token'] },
  { path: '/auth/enroll/email', stage: 'complete', fields: ['email'] },
  { path: '/auth/enroll/email/confirm', stage: 'complete', fields: ['deviceId', 'token'] },
  { path: '/auth/backup-codes', stage: 'complete', fields: ['next'] },
  { path: '/auth/backup-codes/download', stage: 'complete', fields: ['codes'] },
  { path: '/auth/devices/DEVICE/rename', stage: 'complete', fields: ['name'] },
  { path: '/auth/logout', stage: 'complete', fields: [] },
];

const GARBAGE: Array<[string, unknown]> = [
  ['a list (repeated parameter)', ['123456', '654321']],
  ['an object', { $gt: '' }],
  ['a number', 123456],
  ['null', null],
  ['a boolean', true],
  ['a long string', 'x'.repeat(5000)],
  ['unicode digits', '𝟙𝟚𝟛𝟜𝟝𝟞'],
  ['control and bidi characters', '\u0000\u202e12\r\n34'],
  ['an empty string', ''],
];

async function clientAt(s: Scenario, stage: Stage): Promise<{ client: Client; deviceId: string }> {
  if (stage === 'anonymous') {
    const client = s.client();
    await client.get('/auth/login');
    return { client, deviceId: 'none' };
  }
  if (stage === 'pending') {
    const user = s.world.addUser();
    const { deviceId } = await s.world.addTotp(user.id);
    const client = s.client();
    await s.passwordLogin(client, user);
    return { client, deviceId };
  }
  const { client, deviceId } = await signedIn(s);
  return { client, deviceId };
}

/** Bad input anywhere is a 4xx: never a 5xx, never a crash. */
export function describeRobustness(scenario: ScenarioFactory): void {
  const { it } = scenario;
  describe('robustness: bad input is a 4xx, never a 5xx', () => {
    it.each(ROUTES)('$path: garbage in every field, as JSON and as a form', async (route) => {
      const s = await scenario();
      const { client, deviceId } = await clientAt(s, route.stage);
      const path = route.path.replace('DEVICE', deviceId);
      for (const field of route.fields) {
        for (const [, value] of GARBAGE) {
          const csrf = await client.currentCsrf();
          const json = await client.postJson(path, { [field]: value }, csrf);
          expect(json.status, `${path} ${field}=${JSON.stringify(value)?.slice(0, 40)} (JSON)`).toBeLessThan(
            500,
          );
          if (typeof value === 'string' || Array.isArray(value)) {
            const form = await client.post(path, { [field]: value as string | string[] });
            expect(form.status, `${path} ${field} (form)`).toBeLessThan(500);
          }
          s.world.advance(61_000);
        }
      }
      const empty = await client.post(path, {});
      expect(empty.status).toBeLessThan(500);
    });

    it('refuses a body over the limit with 413', async () => {
      const s = await scenario();
      const { client } = await clientAt(s, 'pending');
      const reply = await client.post('/auth/verify', { token: 'x'.repeat(100_000) });
      expect(reply.status).toBe(413);
    });

    it('refuses a body that is neither a form nor JSON with 415, broken JSON with 400', async () => {
      const s = await scenario();
      const { client } = await clientAt(s, 'pending');
      const csrf = await client.currentCsrf();
      const text = await client.request('POST', '/auth/verify', {
        body: 'token=1',
        headers: { 'content-type': 'text/plain', 'x-csrf-token': csrf },
      });
      expect(text.status).toBe(415);
      const broken = await client.request('POST', '/auth/verify', {
        body: '{"token":',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      });
      expect(broken.status).toBe(400);
      const array = await client.request('POST', '/auth/verify', {
        body: '[1,2]',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      });
      expect(array.status).toBe(400);
    });

    it('answers an unknown otpkit route 404 and a wrong method 405 with Allow', async () => {
      const s = await scenario();
      const client = s.client();
      expect((await client.get('/auth/nope')).status).toBe(404);
      expect((await client.get('/auth/verify/send')).status).toBe(405);
      expect((await client.get('/auth/verify/send')).headers.get('allow')).toBe('POST');
      expect((await client.request('PUT', '/auth/verify')).status).toBe(405);
      expect((await client.get('/auth/devices/%E0%A4%A/remove')).status).toBeLessThan(500);
    });

    it('leaves the bodies of the host routes unread', async () => {
      const s = await scenario();
      const reply = await s.client().request('POST', '/host/raw', {
        body: 'a=1&b=2',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(reply.text).toBe('a=1&b=2');
    });

    it('ignores a garbage session cookie and a garbage trusted-browser cookie', async () => {
      const s = await scenario({ web: { trustedBrowsers: { enabled: true } } });
      const user = s.world.addUser();
      await s.world.addTotp(user.id);
      const client = s.client();
      await client.get('/auth/login');
      expect(client.cookies.size).toBeGreaterThan(0);
      // Whatever the framework names its cookies, each one gets garbage (signed or not).
      for (const name of client.cookies.keys()) client.cookies.set(name, 's%3Agarbage.signature');
      client.cookies.set('otpkit_tb', 'ü'.repeat(300));
      expect((await client.get('/admin')).status).toBe(303);
      await s.passwordLogin(client, user);
      expect((await client.get('/auth/verify')).status).toBe(200);
    });
  });
}
