/**
 * A small express-session store on the demo's SQLite database (better-sqlite3 12, synchronous and
 * fast). Sessions expire with their cookie; expired rows are never returned and are swept on a timer.
 */
import type Database from 'better-sqlite3';
import session from 'express-session';

const DAY = 86_400_000;

/**
 * express-session's store over the `demo_sessions` table.
 *
 * @example
 * ```ts
 * app.use(session({ store: new SqliteSessionStore(sqlite), secret, resave: false, saveUninitialized: false }));
 * ```
 */
export class SqliteSessionStore extends session.Store {
  private readonly statements;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    sqlite: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    super();
    this.statements = {
      get: sqlite.prepare<[string, number], { data: string }>(
        'SELECT data FROM demo_sessions WHERE sid = ? AND expires_at > ?',
      ),
      set: sqlite.prepare(
        'INSERT INTO demo_sessions (sid, data, expires_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
      ),
      touch: sqlite.prepare('UPDATE demo_sessions SET expires_at = ? WHERE sid = ?'),
      destroy: sqlite.prepare('DELETE FROM demo_sessions WHERE sid = ?'),
      sweep: sqlite.prepare('DELETE FROM demo_sessions WHERE expires_at <= ?'),
    };
    this.sweeper = setInterval(() => this.statements.sweep.run(Date.now()), 10 * 60_000);
    this.sweeper.unref();
  }

  private expiry(data: session.SessionData): number {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.clock() + DAY;
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    try {
      const row = this.statements.get.get(sid, this.clock());
      callback(null, row ? (JSON.parse(row.data) as session.SessionData) : null);
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    try {
      this.statements.set.run(sid, JSON.stringify(data), this.expiry(data));
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.statements.touch.run(this.expiry(data), sid);
    callback?.();
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    try {
      this.statements.destroy.run(sid);
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  /** Stop the sweeper (the database itself belongs to the app). */
  close(): void {
    clearInterval(this.sweeper);
  }
}
