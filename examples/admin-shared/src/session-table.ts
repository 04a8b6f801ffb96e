/**
 * The demo's sessions in its SQLite database (better-sqlite3 12, synchronous and fast), for any
 * framework's session store: express-session's and koa-session's stores are thin wrappers over it.
 * Sessions expire with their cookie; expired rows are never returned and are swept on a timer.
 */
import type Database from 'better-sqlite3';

/**
 * The `demo_sessions` table.
 *
 * @example
 * ```ts
 * const sessions = createSessionTable(sqlite, Date.now);
 * sessions.set('sid', { user: 'x' }, Date.now() + 3_600_000);
 * ```
 */
export function createSessionTable(sqlite: Database.Database, clock: () => number = Date.now) {
  const statements = {
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
  const sweeper = setInterval(() => statements.sweep.run(Date.now()), 10 * 60_000);
  sweeper.unref();
  return {
    /** Now, as the sessions' expiry sees it (tests move it). */
    now: clock,
    /** The session's data, or undefined when there is none or it expired. */
    get(sid: string): Record<string, unknown> | undefined {
      const row = statements.get.get(sid, clock());
      return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
    },
    set(sid: string, data: unknown, expiresAt: number): void {
      statements.set.run(sid, JSON.stringify(data), expiresAt);
    },
    touch(sid: string, expiresAt: number): void {
      statements.touch.run(expiresAt, sid);
    },
    destroy(sid: string): void {
      statements.destroy.run(sid);
    },
    /** Stop the sweeper (the database itself belongs to the demo). */
    close(): void {
      clearInterval(sweeper);
    },
  };
}

export type SessionTable = ReturnType<typeof createSessionTable>;
