import { describe, expect, it, vi } from 'vitest';
import { type DirectBrowser, directWorld, passwordStep, signIn } from '../test-support/direct-browser.js';
import type { OtpWebEventName, OtpWebEvents } from './events.js';

const NAMES: OtpWebEventName[] = [
  'login.completed',
  'browser.trusted',
  'browser.revoked',
  'step-up',
  'logout',
  'pending.abandoned',
];

/** Record every web event in order. */
function record(web: {
  events: { on: <E extends OtpWebEventName>(e: E, l: (p: OtpWebEvents[E]) => void) => unknown };
}) {
  const seen: Array<{ event: OtpWebEventName; payload: unknown }> = [];
  for (const event of NAMES) web.events.on(event, (payload) => void seen.push({ event, payload }));
  return seen;
}

const logout = (b: DirectBrowser) => b.post('/auth/logout');

describe('the web layer’s events', () => {
  it('tell how each login completed: a code (with the device), a trusted browser, or exempt', async () => {
    const { world, web, browser } = await directWorld({
      web: { trustedBrowsers: { enabled: true } },
      policy: (user) => (user.username?.startsWith('opt') ? 'optional' : 'required'),
    });
    const seen = record(web);
    const user = world.addUser();
    const { secret, deviceId } = await world.addTotp(user.id);
    const b = browser();
    await passwordStep(b, user);
    await b.post('/auth/verify', { token: world.totpCode(secret), trust: '1' });
    await logout(b);
    await passwordStep(b, user);
    await b.get('/auth/verify'); // the trusted browser skips the code
    const optional = world.addUser({ username: 'optional-editor' });
    await passwordStep(browser(), optional);
    expect(seen).toEqual([
      { event: 'login.completed', payload: { userId: user.id, method: 'code', deviceId } },
      {
        event: 'browser.trusted',
        payload: { userId: user.id, browser: 'Chrome 126', os: 'Linux' },
      },
      { event: 'logout', payload: { userId: user.id } },
      { event: 'login.completed', payload: { userId: user.id, method: 'trusted-browser' } },
      { event: 'login.completed', payload: { userId: optional.id, method: 'exempt' } },
    ]);
  });

  it('tell of step-up, revoked browsers (with how many) and passwordChanged revoking them', async () => {
    const { world, web, browser } = await directWorld({ web: { trustedBrowsers: { enabled: true } } });
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    for (let i = 0; i < 3; i++) {
      const b = browser();
      await passwordStep(b, user);
      await b.post('/auth/verify', { token: world.totpCode(secret), trust: '1' });
      world.advance(30_000);
    }
    const b = browser();
    await signIn(b, world, user, secret);
    const seen = record(web);
    world.advance(6 * 60_000); // the login's step-up grant is stale
    expect((await b.get('/auth/browsers/revoke-all')).location).toMatch(/^\/auth\/step-up\?/);
    await b.post('/auth/step-up', { token: world.totpCode(secret), next: '/auth/browsers/revoke-all' });
    await b.post('/auth/browsers/revoke-all');
    expect(await web.passwordChanged(user.id)).toBe(0);
    const other = browser();
    await passwordStep(other, user);
    world.advance(30_000);
    await other.post('/auth/verify', { token: world.totpCode(secret), trust: '1' });
    expect(await web.passwordChanged(user.id)).toBe(1);
    expect(seen.filter((e) => e.event !== 'login.completed' && e.event !== 'browser.trusted')).toEqual([
      { event: 'step-up', payload: { userId: user.id } },
      { event: 'browser.revoked', payload: { userId: user.id, count: 3 } },
      { event: 'browser.revoked', payload: { userId: user.id, count: 1 } },
    ]);
  });

  it('tell when a pending login is abandoned: signed out, replaced, or left', async () => {
    const { world, web, browser } = await directWorld({ web: { resetPendingOnLeave: true } });
    const seen = record(web);
    const user = world.addUser();
    await world.addTotp(user.id);
    const b = browser();
    await passwordStep(b, user);
    await logout(b);
    await passwordStep(b, user);
    await passwordStep(b, user);
    await b.guard('/admin'); // a page navigation away from the code step
    expect(seen).toEqual([
      { event: 'pending.abandoned', payload: { userId: user.id, reason: 'logout' } },
      { event: 'pending.abandoned', payload: { userId: user.id, reason: 'replaced' } },
      { event: 'pending.abandoned', payload: { userId: user.id, reason: 'left' } },
    ]);
  });

  it('never carry a code, a cookie value, a CSRF token or a pending login’s bearer', async () => {
    const { world, web, browser } = await directWorld({ web: { trustedBrowsers: { enabled: true } } });
    const seen = record(web);
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const [backup] = await world.addBackupCodes(user.id);
    const secrets: string[] = [backup!];
    const b = browser();
    await passwordStep(b, user);
    secrets.push((b.session.otpkit as { pending: string }).pending, b.csrf!);
    const code = world.totpCode(secret);
    secrets.push(code);
    await b.post('/auth/verify', { token: code, trust: '1' });
    secrets.push(b.csrf!, ...b.cookies.values());
    world.advance(6 * 60_000);
    await b.post('/auth/step-up', { token: world.totpCode(secret), next: '/auth/devices' });
    await b.post('/auth/browsers/revoke-all');
    await logout(b);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(seen);
    for (const value of secrets) expect(text).not.toContain(value);
  });

  it('contain a listener that throws or rejects: the login completes, onError is told', async () => {
    const onError = vi.fn();
    const { world, web, browser } = await directWorld({ web: { onError } });
    const after = vi.fn();
    web.events.on('login.completed', () => {
      throw new Error('audit log down');
    });
    web.events.on('login.completed', async () => {
      throw new Error('async audit log down');
    });
    web.events.on('login.completed', after);
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await passwordStep(b, user);
    const done = await b.post('/auth/verify', { token: world.totpCode(secret) });
    expect(done).toMatchObject({ status: 303, location: '/' });
    expect((await b.open('GET', '/admin')).api.isVerified()).toBe(true);
    expect(after).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2));
    expect(onError.mock.calls.map(([error]) => (error as Error).message)).toEqual([
      'audit log down',
      'async audit log down',
    ]);
  });

  it('give each listener its own frozen copy, and unsubscribe', async () => {
    const { world, web, browser } = await directWorld();
    const payloads: unknown[] = [];
    const off = web.events.on('logout', (payload) => {
      payloads.push(payload);
      expect(() => {
        (payload as { userId: string }).userId = 'someone else';
      }).toThrow(TypeError);
    });
    web.events.on('logout', (payload) => void payloads.push(payload));
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    await logout(b);
    off();
    world.advance(30_000);
    await signIn(b, world, user, secret);
    await logout(b);
    expect(payloads).toEqual([{ userId: user.id }, { userId: user.id }, { userId: user.id }]);
  });
});
