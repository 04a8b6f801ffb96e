import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type session from 'express-session';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoApp } from '../src/app.js';
import { hashPassword, verifyPassword } from '../src/passwords.js';
import { SqliteSessionStore } from '../src/session-store.js';
import { demoCsrf, type RunningDemo, signInWithPassword, startDemo } from './start-demo.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'otpkit-demo-parts-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('passwords', () => {
  it('accepts the password it hashed and refuses any other', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses an unknown user and a damaged hash without throwing', async () => {
    expect(await verifyPassword('anything', undefined)).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$1$2')).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$x$y$z$a$b')).toBe(false);
  });
});

describe('the SQLite session store', () => {
  const call = <T>(fn: (cb: (error: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) =>
      fn((error, value) => (error ? reject(error) : resolve(value))),
    );

  it('keeps a session until its cookie expires, then forgets it', async () => {
    let now = 1_000_000;
    const sqlite = new Database(':memory:');
    sqlite.exec(
      'CREATE TABLE demo_sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)',
    );
    const store = new SqliteSessionStore(sqlite, () => now);
    const data = { cookie: { expires: new Date(now + 60_000) }, user: 'x' } as unknown as session.SessionData;
    await call((cb) => store.set('s1', data, cb));
    expect(await call((cb) => store.get('s1', cb))).toMatchObject({ user: 'x' });
    now += 61_000;
    expect(await call((cb) => store.get('s1', cb))).toBeNull();
    store.close();
  });

  it('destroys a session', async () => {
    const sqlite = new Database(':memory:');
    sqlite.exec(
      'CREATE TABLE demo_sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)',
    );
    const store = new SqliteSessionStore(sqlite);
    await call((cb) => store.set('s1', { cookie: {} } as session.SessionData, cb));
    await call((cb) => store.destroy('s1', cb));
    expect(await call((cb) => store.get('s1', cb))).toBeNull();
    store.close();
  });
});

describe('the data directory', () => {
  it('generates keys and passwords on the first start only, readable by the owner only', async () => {
    const dir = tempDir();
    const first = await createDemoApp({ dataDir: dir, log: () => undefined });
    await first.close();
    const second = await createDemoApp({ dataDir: dir, log: () => undefined });
    await second.close();
    expect(first.data.generated).toBe(true);
    expect(second.data.generated).toBe(false);
    expect(second.data.keys).toEqual(first.data.keys);
    expect(second.logins).toEqual(first.logins);
    expect(first.logins.map((l) => l.role)).toEqual(['admin', 'editor']);
    expect(statSync(join(dir, 'otpkit.env')).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, 'otpkit.env'), 'utf8')).toMatch(/^OTPKIT_KEYS=k1:[A-Za-z0-9+/]{43}=$/m);
  });
});

describe('the audit log', () => {
  let running: RunningDemo | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('records the web layer’s events: how a sign-in completed, and the sign-out', async () => {
    running = await startDemo();
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
  let running: RunningDemo | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers 4xx, never 5xx', async () => {
    running = await startDemo();
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
