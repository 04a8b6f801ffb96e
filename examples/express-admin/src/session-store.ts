/**
 * express-session's store over the demo's SQLite sessions table (shared with the Koa demo).
 */
import type { SessionTable } from '@otpkit/example-admin-shared';
import session from 'express-session';

const DAY = 86_400_000;

/**
 * A session store on the `demo_sessions` table; sessions expire with their cookie.
 *
 * @example
 * ```ts
 * app.use(session({ store: new SqliteSessionStore(demo.sessions), secret, resave: false, saveUninitialized: false }));
 * ```
 */
export class SqliteSessionStore extends session.Store {
  constructor(private readonly table: SessionTable) {
    super();
  }

  private expiry(data: session.SessionData): number {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.table.now() + DAY;
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    try {
      callback(null, (this.table.get(sid) as session.SessionData | undefined) ?? null);
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    try {
      this.table.set(sid, data, this.expiry(data));
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.table.touch(sid, this.expiry(data));
    callback?.();
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    try {
      this.table.destroy(sid);
      callback?.();
    } catch (error) {
      callback?.(error);
    }
  }
}
