import { describe, expect, it } from 'vitest';
import { type DirectBrowser, directWorld, passwordStep, signIn } from './test-support/direct-browser.js';

const SAME_SITE = { origin: 'http://admin.acme.test', 'sec-fetch-site': 'same-origin' };

/** The request API of a host route (not one of otpkit's). */
async function hostApi(b: DirectBrowser, headers: Record<string, string> = {}, method = 'POST') {
  return (await b.open(method, '/admin/users/7/delete', { headers })).api;
}

describe('req.otp: CSRF protection for the host’s own forms', () => {
  it('gives the host the session’s token, the one otpkit’s own forms carry', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const token = (await hostApi(b, {}, 'GET')).csrfToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await b.get('/auth/devices')).text).toContain(`name="_csrf" value="${token}"`);
    expect((await hostApi(b, {}, 'GET')).csrfToken()).toBe(token);
  });

  it('creates a token for a session that has none, and keeps it', async () => {
    const { browser } = await directWorld();
    const b = browser();
    expect(b.csrf).toBeUndefined();
    const token = (await hostApi(b, {}, 'GET')).csrfToken();
    expect(b.csrf).toBe(token);
    expect((await hostApi(b, SAME_SITE)).checkCsrf(token)).toBe(true);
  });

  it('accepts the token posted from this site, or sent in X-CSRF-Token', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const token = (await hostApi(b, {}, 'GET')).csrfToken();
    expect((await hostApi(b, SAME_SITE)).checkCsrf(token)).toBe(true);
    expect((await hostApi(b, { ...SAME_SITE, 'x-csrf-token': token })).checkCsrf(undefined)).toBe(true);
    // A client that sends neither Origin nor Sec-Fetch-Site (a script): the token decides.
    expect((await hostApi(b)).checkCsrf(token)).toBe(true);
  });

  it.each<[string, (token: string) => unknown, Record<string, string>]>([
    ['a missing token', () => undefined, SAME_SITE],
    ['an empty token', () => '', SAME_SITE],
    // The last character changed (to another one whatever it was: 'A' alone would leave one token in 64 unchanged).
    ['a wrong token', (token) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, SAME_SITE],
    ['a list of tokens', (token) => [token, token], SAME_SITE],
    ['the right token from another site', (token) => token, { 'sec-fetch-site': 'cross-site' }],
    ['the right token with a foreign Origin', (token) => token, { origin: 'https://evil.test' }],
  ])('refuses %s', async (_name, value, headers) => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const token = (await hostApi(b, {}, 'GET')).csrfToken();
    expect((await hostApi(b, headers)).checkCsrf(value(token))).toBe(false);
  });

  it('refuses another session’s token', async () => {
    const { browser } = await directWorld();
    const victim = browser();
    const attacker = browser();
    const attackersToken = (await hostApi(attacker, {}, 'GET')).csrfToken();
    await hostApi(victim, {}, 'GET').then((api) => api.csrfToken());
    expect((await hostApi(victim, SAME_SITE)).checkCsrf(attackersToken)).toBe(false);
  });
});

describe('req.otp.method: how the login completed', () => {
  it('is null before the login completes, and "code" after a code', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    expect((await hostApi(b, {}, 'GET')).method).toBeNull();
    await passwordStep(b, user);
    expect((await hostApi(b, {}, 'GET')).method).toBeNull();
    await b.post('/auth/verify', { token: world.totpCode(secret) });
    const api = await hostApi(b, {}, 'GET');
    expect({ method: api.method, verified: api.isVerified(), device: api.device?.name }).toEqual({
      method: 'code',
      verified: true,
      device: 'Phone',
    });
  });

  it('is "trusted-browser" when a trusted browser skipped the code', async () => {
    const { world, browser } = await directWorld({ web: { trustedBrowsers: { enabled: true } } });
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await passwordStep(b, user);
    await b.post('/auth/verify', { token: world.totpCode(secret), trust: '1' });
    await b.post('/auth/logout');
    await passwordStep(b, user);
    expect((await b.get('/auth/verify')).location).toBe('/');
    const api = await hostApi(b, {}, 'GET');
    expect({ method: api.method, verified: api.isVerified(), device: api.device }).toEqual({
      method: 'trusted-browser',
      verified: true,
      device: null,
    });
  });

  it('is "exempt" for a user the policy lets in without a second factor', async () => {
    const { world, browser } = await directWorld({ policy: () => 'optional' });
    const user = world.addUser();
    const b = browser();
    expect((await passwordStep(b, user)).location).toBe('/');
    const api = await hostApi(b, {}, 'GET');
    expect({ method: api.method, verified: api.isVerified() }).toEqual({ method: 'exempt', verified: false });
  });

  it('is in the session JSON as well', async () => {
    const { world, browser } = await directWorld();
    const user = world.addUser();
    const { secret } = await world.addTotp(user.id);
    const b = browser();
    await signIn(b, world, user, secret);
    const session = await b.get('/auth/session', { accept: 'application/json' });
    expect(JSON.parse(session.text)).toMatchObject({ state: 'complete', level: 'verified', method: 'code' });
  });
});
