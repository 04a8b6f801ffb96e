/**
 * koa-session's external store over the demo's SQLite sessions table (shared with the Express
 * demo): the session data stays on the server, the cookie carries only its random key, and a
 * regenerated or destroyed key is gone for good.
 */
import type { SessionTable } from '@otpkit/example-admin-shared';

const DAY = 86_400_000;

/**
 * The store for `session({ store })`.
 *
 * @example
 * ```ts
 * app.use(session({ store: sqliteSessionStore(demo.sessions) }, app));
 * ```
 */
export function sqliteSessionStore(table: SessionTable) {
  return {
    get: async (key: string) => table.get(key),
    async set(key: string, data: unknown, maxAge: number | 'session') {
      table.set(key, data, table.now() + (typeof maxAge === 'number' ? maxAge : DAY));
    },
    destroy: async (key: string) => table.destroy(key),
  };
}
