/**
 * One SQLite file for the whole demo: otpkit's tables (through @otpkit/store-sql's `migrate`), the
 * demo's users, audit log, outbox and sessions.
 */
import { migrate } from '@otpkit/store-sql';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

/** The open database: the driver for the demo's own tables, Kysely for otpkit's store. */
export interface DemoDatabase {
  sqlite: Database.Database;
  db: Kysely<unknown>;
  close(): Promise<void>;
}

const DEMO_SCHEMA = `
CREATE TABLE IF NOT EXISTS demo_users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS demo_audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  user_id TEXT,
  actor_id TEXT,
  detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS demo_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS demo_sessions (
  sid TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS demo_sessions_expiry ON demo_sessions (expires_at);
`;

/**
 * Open (or create) the demo's database and bring every table up to date.
 *
 * @example
 * ```ts
 * const { sqlite, db, close } = await openDatabase('./data/demo.sqlite');
 * ```
 */
export async function openDatabase(file: string): Promise<DemoDatabase> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec(DEMO_SCHEMA);
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, { tablePrefix: 'otpkit_' });
  return {
    sqlite,
    db,
    // Kysely's SqliteDialect closes the driver's database when destroyed.
    close: () => db.destroy(),
  };
}
