import type { RedisClient } from '@otpkit/many-instances/instance';
import type { SessionStore } from './test-app.js';

/**
 * koa-session's external store on Redis (node-redis): every instance reads the same sessions, and
 * a destroyed id is gone for all of them. The same store is shown in docs/koa.md.
 */
export function redisSessionStore(client: RedisClient, prefix = 'koa:sess:'): SessionStore {
  return {
    async get(key) {
      const value = await client.get(prefix + key);
      return value === null ? undefined : JSON.parse(value);
    },
    async set(key, value, maxAge) {
      // koa-session passes 'session' for browser-session cookies: keep those a day at most.
      const ttl = typeof maxAge === 'number' ? maxAge : 86_400_000;
      await client.set(prefix + key, JSON.stringify(value), { expiration: { type: 'PX', value: ttl } });
    },
    async destroy(key) {
      await client.del(prefix + key);
    },
  };
}
