/**
 * The demo's user directory: two seeded users in SQLite. The administrator must use two-step
 * verification; the editor may.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebUser } from '@otpkit/web';
import type Database from 'better-sqlite3';
import { hashPassword, verifyPassword } from './passwords.js';

export type Role = 'admin' | 'editor';

/** A user as the demo's pages show them. */
export interface DemoUser extends WebUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  createdAt: number;
}

/** A seeded user's sign-in, printed at start-up. */
export interface SeededLogin {
  username: string;
  password: string;
  role: Role;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  role: Role;
  password_hash: string;
  created_at: number;
}

const toUser = (row: UserRow): DemoUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
});

const SEEDS = [
  { username: 'admin', displayName: 'Ada Admin', email: 'ada@acme.test', role: 'admin' },
  { username: 'editor', displayName: 'Eddie Editor', email: 'eddie@acme.test', role: 'editor' },
] as const;

/** A readable random password: four groups of five letters and digits. */
function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * The users of the demo, over its SQLite database.
 *
 * @example
 * ```ts
 * const users = createUserDirectory(sqlite, clock);
 * const logins = await users.seed(dataDir); // [{ username: 'admin', password: '…', role: 'admin' }, …]
 * ```
 */
export function createUserDirectory(sqlite: Database.Database, clock: () => number) {
  const byId = sqlite.prepare<[string], UserRow>('SELECT * FROM demo_users WHERE id = ?');
  const byUsername = sqlite.prepare<[string], UserRow>('SELECT * FROM demo_users WHERE username = ?');
  const all = sqlite.prepare<[], UserRow>('SELECT * FROM demo_users ORDER BY role, username');
  const insert = sqlite.prepare(
    'INSERT INTO demo_users (id, username, display_name, email, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  /** Add a user (the seed, and tests). */
  async function create(
    fields: { username: string; displayName: string; email: string; role: Role; password: string },
    id = `u-${randomUUID()}`,
  ): Promise<DemoUser> {
    insert.run(
      id,
      fields.username,
      fields.displayName,
      fields.email,
      fields.role,
      await hashPassword(fields.password),
      clock(),
    );
    return toUser(byId.get(id)!);
  }

  return {
    findById(id: string): DemoUser | null {
      const row = byId.get(id);
      return row ? toUser(row) : null;
    },
    findByUsername(username: string): DemoUser | null {
      const row = username.length <= 64 ? byUsername.get(username) : undefined;
      return row ? toUser(row) : null;
    },
    list(): DemoUser[] {
      return all.all().map(toUser);
    },
    /** The user whose username and password match; null otherwise (same work either way). */
    async authenticate(username: string, password: string): Promise<DemoUser | null> {
      const row = username.length <= 64 ? byUsername.get(username) : undefined;
      const ok = await verifyPassword(password.slice(0, 1024), row?.password_hash);
      return ok && row ? toUser(row) : null;
    },
    create,
    /**
     * Create the seeded users on the first start, with random passwords kept in
     * `<dataDir>/seeded-users.json` so that every start can print them.
     */
    async seed(dataDir: string): Promise<SeededLogin[]> {
      const file = join(dataDir, 'seeded-users.json');
      if (existsSync(file) && all.all().length > 0)
        return JSON.parse(readFileSync(file, 'utf8')) as SeededLogin[];
      const logins: SeededLogin[] = [];
      for (const seed of SEEDS) {
        const password = newPassword();
        const existing = byUsername.get(seed.username);
        if (existing) sqlite.prepare('DELETE FROM demo_users WHERE id = ?').run(existing.id);
        await create({ ...seed, password }, existing?.id);
        logins.push({ username: seed.username, password, role: seed.role });
      }
      writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
      return logins;
    },
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
