// Threats when a site runs as many instances behind a load balancer: a code accepted twice because
// two instances checked it at once, a pending login completed twice, a throttle or a revocation
// that only one instance knows about, a session that one instance ended and another still honours.
import { decodeBase32, generateTotp, type Otp } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebOptions, WebUser } from '../options.js';
import { Client } from './client.js';

/** Two running instances of one site, as {@link runManyInstancesScenario} drives them. */
export interface ManyInstances {
  /** The instances' URLs: two processes sharing one session store and one `OtpStore`. */
  urls: [string, string];
  /** A service over the same `OtpStore` and keys, with the real clock (enrolls as an operator would). */
  otp: Otp;
  /** Stop both instances and remove what they stored. */
  close(): Promise<void>;
}

/** Options of {@link runManyInstancesScenario}. */
export interface ManyInstancesOptions {
  /** Names the scenario in test output, e.g. `'koa 3, Redis sessions, PostgreSQL'`. */
  name: string;
  /** Start both instances (each runs the adapter's test app with {@link manyInstancesWebOptions}). */
  start: () => Promise<ManyInstances>;
  /** A reason to skip (a server is down), printed; `false` or absent runs it. @default false */
  skip?: string | false;
}

const userOf = (id: string): WebUser | null =>
  /^u-[A-Za-z0-9-]{1,64}$/.test(id) ? { id, username: id, email: `${id}@example.test` } : null;

/**
 * The web options every instance of the scenario runs with: users are a rule rather than a table
 * (any id `u-…` exists, its username is the id, its password `pw-<id>`), so the test and every
 * instance agree without sharing memory; trusted browsers are on. The `otp` of each instance should
 * throttle with a long first delay (`throttle: { factor: 60 }`), so that "the other instance
 * refuses the next try" never depends on speed.
 *
 * @example
 * ```ts
 * const app = await startKoaApp(Koa, manyInstancesWebOptions({ otp, store }), redisSessionStore);
 * ```
 */
export function manyInstancesWebOptions(base: Pick<WebOptions, 'otp' | 'store'>): WebOptions {
  return {
    ...base,
    loadUser: userOf,
    authenticate: ({ username, password }) => (password === `pw-${username}` ? userOf(username) : null),
    trustedBrowsers: { enabled: true },
  };
}

/** A client on another instance that shares this one's cookies, as a browser does across hosts. */
function sameBrowser(client: Client, url: string): Client {
  return Object.assign(new Client(url), { cookies: client.cookies });
}

/** A client on `url` with a copy of this one's cookies (someone replaying them later). */
function replayOf(client: Client, url: string): Client {
  return Object.assign(new Client(url), { cookies: new Map(client.cookies) });
}

/**
 * The many-instances scenario: the password step on one instance and the code on the other, one
 * code raced against both (accepted once), one pending login completed once, enrollment, the
 * throttle, trusted browsers and sign-out across instances. Each instance is the adapter's
 * conformance test app (the routes of `CreateApp`) in its own process, with
 * {@link manyInstancesWebOptions}, over a shared session store and a shared `OtpStore`.
 *
 * @example
 * ```ts
 * runManyInstancesScenario({ name: 'koa 3', skip, start: () => startTwoInstances(fixture) });
 * ```
 */
export function runManyInstancesScenario(options: ManyInstancesOptions): void {
  const { name, start, skip = false } = options;
  if (skip) console.warn(`[otpkit] many-instances scenario "${name}" skipped: ${skip}`);
  const title = `many app instances: ${name}${skip ? ` (skipped: ${skip})` : ''}`;
  (skip ? describe.skip : describe)(title, { timeout: 60_000 }, () => {
    let instances: ManyInstances;
    let A: string;
    let B: string;
    beforeAll(async () => {
      instances = await start();
      [A, B] = instances.urls;
    }, 120_000);
    afterAll(async () => {
      await instances?.close();
    });

    const newUser = () => `u-${crypto.randomUUID()}`;

    async function addTotp(userId: string): Promise<Uint8Array> {
      const enrolled = await instances.otp.enroll({ userId, kind: 'totp', label: userId });
      const secret = decodeBase32(enrolled.secret!);
      // Confirmed with the previous step's code (inside the window), so that the current and next
      // steps stay free for the logins.
      const confirmed = await instances.otp.confirm({
        userId,
        deviceId: enrolled.device.id,
        token: generateTotp({ secret, time: Date.now() - 30_000 }),
      });
      if (!confirmed.ok) throw new Error(`could not confirm: ${confirmed.reason}`);
      return secret;
    }

    /** The code of the current step (or `steps` ahead, still inside the ±1 window). */
    const code = (secret: Uint8Array, steps = 0) =>
      generateTotp({ secret, time: Date.now() + steps * 30_000 });

    async function password(client: Client, userId: string): Promise<string | null> {
      await client.get('/auth/login');
      const reply = await client.post('/auth/login', { username: userId, password: `pw-${userId}` });
      expect(reply.status).toBe(303);
      return reply.location;
    }

    /** A user with an authenticator, past the password on A, in a browser that also reaches B. */
    async function pendingOnA() {
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      const onB = sameBrowser(onA, B);
      expect(await password(onA, user)).toBe('/auth/verify');
      return { user, secret, onA, onB };
    }

    it('runs two instances, each answering on its own', async () => {
      expect(A).not.toBe(B);
      const replies = await Promise.all([new Client(A).get('/auth/login'), new Client(B).get('/auth/login')]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
    });

    it('takes the password on one instance and the code on the other', async () => {
      const { user, secret, onA, onB } = await pendingOnA();
      const pendingCookies = onA.cookieHeader();
      expect((await onB.get('/auth/verify')).status).toBe(200);
      const done = await onB.post('/auth/verify', { token: code(secret) });
      expect(done).toMatchObject({ status: 303, location: '/' });
      expect(onA.cookieHeader()).not.toBe(pendingCookies);
      expect((await onA.get('/admin')).text).toBe(`admin:${user}`);
      expect((await onB.get('/admin')).text).toBe(`admin:${user}`);
    });

    it('accepts a code raced against both instances once', async () => {
      for (let round = 0; round < 3; round++) {
        const user = newUser();
        const secret = await addTotp(user);
        const first = new Client(A);
        const second = new Client(B);
        expect(await password(first, user)).toBe('/auth/verify');
        expect(await password(second, user)).toBe('/auth/verify');
        const [csrfA, csrfB] = await Promise.all([first.currentCsrf(), second.currentCsrf()]);
        const token = code(secret);
        const replies = await Promise.all([
          first.post('/auth/verify', { token, _csrf: csrfA }),
          second.post('/auth/verify', { token, _csrf: csrfB }),
        ]);
        expect(replies.map((r) => r.status).sort(), `round ${round}`).toEqual([303, 400]);
        expect(replies.find((r) => r.status === 400)!.text).toContain('already used');
        const admitted = await Promise.all([first.get('/admin'), second.get('/admin')]);
        expect(admitted.filter((r) => r.status === 200)).toHaveLength(1);
      }
    });

    it('completes one pending login once when the same session posts to both instances at once', async () => {
      const user = newUser();
      const secret = await addTotp(user);
      // Two codes that are each valid on their own (an app's code and a backup code): both posts
      // pass verification, so only the single use of the pending login can stop the second. (Two
      // codes of one app would not do: the first one accepted makes the other replayed or, past
      // the tracked drift, invalid, and that failure's delay refuses the other post.)
      const { codes } = await instances.otp.regenerateBackupCodes({ userId: user });
      const onA = new Client(A);
      expect(await password(onA, user)).toBe('/auth/verify');
      const csrf = await onA.currentCsrf();
      const left = replayOf(onA, A);
      const right = replayOf(onA, B);
      const replies = await Promise.all([
        left.post('/auth/verify', { token: code(secret), _csrf: csrf }),
        right.post('/auth/verify', { token: codes[0]!, _csrf: csrf }),
      ]);
      // Whatever each reply said, exactly one of the two browsers holds a completed login.
      const states = await Promise.all([left.getJson('/whoami'), right.getJson('/whoami')]);
      const verified = states.map((s) => s.json<{ verified: boolean }>().verified);
      const seen = replies.map((r) => `${r.status} ${r.location ?? ''}`).join(', ');
      expect(verified.filter(Boolean), `replies: ${seen}`).toHaveLength(1);
    });

    it('starts enrollment on one instance and confirms it on the other', async () => {
      const user = newUser();
      const onA = new Client(A);
      const onB = sameBrowser(onA, B);
      expect(await password(onA, user)).toBe('/auth/enroll');
      const page = await onA.post('/auth/enroll/totp', {});
      expect(page.status).toBe(200);
      const manualKey = /class="otp-key"[^>]*>([A-Z2-7 ]+)</.exec(page.text)?.[1];
      expect(manualKey).toBeTruthy();
      const secret = decodeBase32(manualKey!.replace(/\s+/g, ''));
      const deviceId = /name="deviceId" value="([^"]+)"/.exec(page.text)![1]!;
      const confirmed = await onB.post('/auth/enroll/totp/confirm', { deviceId, token: code(secret) });
      expect(confirmed.status).toBe(303);
      expect((await onA.get('/admin')).text).toBe(`admin:${user}`);
    });

    it('shares the throttle: a wrong code on one instance delays the next try on the other', async () => {
      const { secret, onA, onB } = await pendingOnA();
      expect((await onA.post('/auth/verify', { token: '000000' })).status).toBe(400);
      const refused = await onB.post('/auth/verify', { token: code(secret) });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('honours a browser trusted on one instance on the other, and a revocation the other way', async () => {
      const { user, secret, onA, onB } = await pendingOnA();
      const trusted = await onA.post('/auth/verify', { token: code(secret), trust: '1' });
      expect(trusted.status).toBe(303);
      expect(onA.cookies.has('otpkit_tb')).toBe(true);
      expect((await onB.post('/auth/logout', {})).status).toBe(303);
      expect(await password(onB, user)).toBe('/auth/verify');
      expect((await onB.get('/auth/verify')).location).toBe('/');
      expect((await onA.get('/admin')).text).toBe(`admin:${user}`);
      expect((await onA.request('POST', `/host/password-changed?user=${user}`)).status).toBe(204);
      await onA.post('/auth/logout', {});
      expect(await password(onB, user)).toBe('/auth/verify');
      expect((await onB.get('/auth/verify')).status).toBe(200);
    });

    it('ends a session on every instance: a cookie replayed after sign-out on the other is refused', async () => {
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      expect(await password(onA, user)).toBe('/auth/verify');
      await onA.post('/auth/verify', { token: code(secret) });
      const stolen = replayOf(onA, B);
      expect((await stolen.get('/admin')).status).toBe(200);
      expect((await onA.post('/auth/logout', {})).status).toBe(303);
      const after = await stolen.get('/admin');
      expect(after.status).toBe(303);
      expect(after.location).toMatch(/^\/auth\/login/);
    });
  });
}
