// Threats when a site runs as many instances behind a load balancer: a code accepted twice because
// two instances checked it at once, a pending login completed twice, a throttle or a revocation
// that only one instance knows about, a session that one instance ended and another still honours.
// Two app processes (each its own PostgreSQL pool and Redis client) share the real PostgreSQL
// (otpkit's SQL store, a random table prefix) and the real Redis (connect-redis sessions).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createKeyring, createOtp, decodeBase32, generateTotp, type Otp } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { migrate, sqlStore } from '@otpkit/store-sql';
import { Client } from '@otpkit/web/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = 'redis://127.0.0.1:6379';

async function probe(): Promise<string | false> {
  const down: string[] = [];
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    down.push(`PostgreSQL at 127.0.0.1:5432 is unreachable (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    down.push(`Redis at 127.0.0.1:6379 is unreachable (${(error as Error).message})`);
  } finally {
    if (redis.isOpen) await redis.quit().catch(() => undefined);
  }
  return down.length > 0 ? down.join('; ') : false;
}

const skip = await probe();
if (skip && process.env.CI === 'true') {
  it('reaches PostgreSQL and Redis (required when CI=true)', () => {
    throw new Error(skip);
  });
} else if (skip) {
  console.warn(`Skipping the many-instances tests: ${skip}`);
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./multi-instance-app.ts', import.meta.url));

/** Start one instance; resolves its URL once it prints READY. */
function startInstance(
  name: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    cwd: root,
    env: { ...process.env, ...env, MI_NAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (\S+)$/.exec(line);
      if (match) resolve({ url: match[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`instance ${name} exited (${code}): ${errors.join('')}`)));
  });
}

/** A client on another instance that shares this one's cookies, as a browser does across ports. */
function sameBrowser(client: Client, url: string): Client {
  return Object.assign(new Client(url), { cookies: client.cookies });
}

/** A client on `url` with a copy of this one's cookies (someone replaying them later). */
function replayOf(client: Client, url: string): Client {
  return Object.assign(new Client(url), { cookies: new Map(client.cookies) });
}

describe.skipIf(skip)(
  'many app instances: Redis sessions, the SQL store on PostgreSQL',
  { timeout: 60_000 },
  () => {
    const prefix = `mi${randomBytes(4).toString('hex')}_`;
    const redisPrefix = `otpkit-mi-${randomBytes(4).toString('hex')}:`;
    const key = randomBytes(32).toString('base64');
    let db: Kysely<unknown>;
    let otp: Otp;
    let instances: Array<{ url: string; child: ChildProcess }> = [];
    let A: string;
    let B: string;

    beforeAll(async () => {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 3 });
      pool.on('error', () => undefined);
      db = new Kysely({ dialect: new PostgresDialect({ pool }) });
      await migrate(db, { tablePrefix: prefix });
      // The test's own service on the same tables and keys: it enrolls devices the way an operator would.
      otp = createOtp({
        store: sqlStore({ db, tablePrefix: prefix }),
        keyring: createKeyring({ keys: { k1: key }, primary: 'k1' }),
        kinds: [totp({ issuer: 'Many instances' }), backupCodes()],
      });
      const env = {
        MI_PG_URL: PG_URL,
        MI_TABLE_PREFIX: prefix,
        MI_REDIS_URL: REDIS_URL,
        MI_REDIS_PREFIX: redisPrefix,
        MI_KEY: key,
        MI_SESSION_SECRET: randomBytes(16).toString('hex'),
      };
      instances = await Promise.all([startInstance('A', env), startInstance('B', env)]);
      [A, B] = instances.map((i) => i.url) as [string, string];
    }, 120_000);

    afterAll(async () => {
      for (const { child } of instances) child.kill('SIGTERM');
      await Promise.all(instances.map(({ child }) => new Promise((resolve) => child.once('exit', resolve))));
      if (db) {
        const { rows } = await sql<{
          tablename: string;
        }>`SELECT tablename FROM pg_tables WHERE tablename LIKE ${`${prefix}%`}`.execute(db);
        for (const { tablename } of rows) await sql.raw(`DROP TABLE IF EXISTS "${tablename}"`).execute(db);
        await db.destroy();
      }
      const redis = createClient({ url: REDIS_URL });
      redis.on('error', () => undefined);
      await redis.connect();
      const keys = await redis.keys(`${redisPrefix}*`);
      if (keys.length > 0) await redis.del(keys);
      await redis.quit();
    });

    const newUser = () => `u-${randomUUID()}`;

    async function addTotp(userId: string): Promise<Uint8Array> {
      const enrolled = await otp.enroll({ userId, kind: 'totp', label: userId });
      const secret = decodeBase32(enrolled.secret!);
      // Confirm with the previous step's code (inside the window), so that the current and next
      // steps stay free for the test's logins.
      const confirmed = await otp.confirm({
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

    it('runs two instances, each answering on its own', async () => {
      const [a, b] = await Promise.all([new Client(A).get('/auth/login'), new Client(B).get('/auth/login')]);
      expect([a.headers.get('x-instance'), b.headers.get('x-instance')]).toEqual(['A', 'B']);
    });

    it('takes the password on one instance and the code on the other', async () => {
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      const onB = sameBrowser(onA, B);
      expect(await password(onA, user)).toBe('/auth/verify');
      const pendingSession = onA.cookies.get('connect.sid');
      expect((await onB.get('/auth/verify')).status).toBe(200);
      const done = await onB.post('/auth/verify', { token: code(secret) });
      expect(done).toMatchObject({ status: 303, location: '/' });
      expect(onA.cookies.get('connect.sid')).not.toBe(pendingSession);
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
        const statuses = replies.map((r) => r.status).sort();
        expect(statuses, `round ${round}`).toEqual([303, 400]);
        const loser = replies.find((r) => r.status === 400)!;
        expect(loser.text).toContain('already used');
        const admitted = await Promise.all([first.get('/admin'), second.get('/admin')]);
        expect(admitted.filter((r) => r.status === 200)).toHaveLength(1);
      }
    });

    it('completes one pending login once when the same session posts to both instances at once', async () => {
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      expect(await password(onA, user)).toBe('/auth/verify');
      const csrf = await onA.currentCsrf();
      const left = replayOf(onA, A);
      const right = replayOf(onA, B);
      await Promise.all([
        left.post('/auth/verify', { token: code(secret), _csrf: csrf }),
        right.post('/auth/verify', { token: code(secret, 1), _csrf: csrf }),
      ]);
      // Whatever each reply said, exactly one of the two browsers holds a completed login.
      const states = await Promise.all([left.getJson('/whoami'), right.getJson('/whoami')]);
      const verified = states.map((s) => s.json<{ verified: boolean }>().verified);
      expect(verified.filter(Boolean)).toHaveLength(1);
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
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      const onB = sameBrowser(onA, B);
      expect(await password(onA, user)).toBe('/auth/verify');
      expect((await onA.post('/auth/verify', { token: '000000' })).status).toBe(400);
      const refused = await onB.post('/auth/verify', { token: code(secret) });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('honours a browser trusted on one instance on the other, and a revocation the other way', async () => {
      const user = newUser();
      const secret = await addTotp(user);
      const onA = new Client(A);
      const onB = sameBrowser(onA, B);
      expect(await password(onA, user)).toBe('/auth/verify');
      const trusted = await onA.post('/auth/verify', { token: code(secret), trust: '1' });
      expect(trusted.status).toBe(303);
      expect(onA.cookies.has('otpkit_tb')).toBe(true);
      expect((await onB.post('/auth/logout', {})).status).toBe(303);
      // The second step looks at the cookie (it is scoped to /auth) and skips the code.
      expect(await password(onB, user)).toBe('/auth/verify');
      expect((await onB.get('/auth/verify')).location).toBe('/');
      expect((await onA.get('/admin')).text).toBe(`admin:${user}`);
      const revoked = await onA.request('POST', `/host/password-changed?user=${user}`);
      expect(revoked.json()).toEqual({ revoked: 1 });
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
  },
);
