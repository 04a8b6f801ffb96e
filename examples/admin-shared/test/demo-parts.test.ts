import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDemo } from '../src/demo.js';
import { hashPassword, verifyPassword } from '../src/passwords.js';
import { createSessionTable } from '../src/session-table.js';

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

describe('the SQLite session table', () => {
  const table = (clock?: () => number) => {
    const sqlite = new Database(':memory:');
    sqlite.exec(
      'CREATE TABLE demo_sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)',
    );
    return createSessionTable(sqlite, clock);
  };

  it('keeps a session until it expires, then forgets it', () => {
    let now = 1_000_000;
    const sessions = table(() => now);
    sessions.set('s1', { user: 'x' }, now + 60_000);
    expect(sessions.get('s1')).toEqual({ user: 'x' });
    now += 61_000;
    expect(sessions.get('s1')).toBeUndefined();
    sessions.close();
  });

  it('moves the expiry on touch, and destroys a session', () => {
    let now = 1_000_000;
    const sessions = table(() => now);
    sessions.set('s1', { user: 'x' }, now + 60_000);
    sessions.touch('s1', now + 120_000);
    now += 90_000;
    expect(sessions.get('s1')).toEqual({ user: 'x' });
    sessions.destroy('s1');
    expect(sessions.get('s1')).toBeUndefined();
    sessions.close();
  });
});

describe('the data directory', () => {
  it('generates keys and passwords on the first start only, readable by the owner only', async () => {
    const dir = tempDir();
    const first = await openDemo({ dataDir: dir, log: () => undefined });
    await first.close();
    const second = await openDemo({ dataDir: dir, log: () => undefined });
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
