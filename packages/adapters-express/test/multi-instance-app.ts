/**
 * One app instance of the many-instances test, run as its own process: Express 5, express-session
 * with connect-redis on the real Redis, otpkit over the SQL store on PostgreSQL, its own pool and
 * Redis client. Configured by the environment; prints `READY <url>` once it listens on port 0.
 *
 * Users are a fixed rule rather than a table: any id `u-…` exists, with username = id and
 * password `pw-<id>`, so that the test and every instance agree without sharing memory.
 */
import type { AddressInfo } from 'node:net';
import { createKeyring, createOtp } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { sqlStore } from '@otpkit/store-sql';
import type { WebUser } from '@otpkit/web';
import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createClient } from 'redis';
import { otpkit, requireOtp } from '../src/index.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`multi-instance app: ${name} is not set`);
  return value;
};

const pool = new pg.Pool({ connectionString: env('MI_PG_URL'), max: 5 });
pool.on('error', () => undefined);
const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
const store = sqlStore({ db, tablePrefix: env('MI_TABLE_PREFIX') });
const otp = createOtp({
  store,
  keyring: createKeyring({ keys: { k1: env('MI_KEY') }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Many instances' }), backupCodes()],
  // A long first delay, so that "the other instance refuses the next try" never depends on speed.
  throttle: { factor: 60 },
});

const redis = createClient({ url: env('MI_REDIS_URL') });
redis.on('error', () => undefined);
await redis.connect();

const userOf = (id: string): WebUser | null =>
  /^u-[A-Za-z0-9-]{1,64}$/.test(id) ? { id, username: id, email: `${id}@example.test` } : null;

const app = express();
const name = env('MI_NAME');
app.use((_req, res, next) => {
  res.setHeader('x-instance', name);
  next();
});
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: env('MI_REDIS_PREFIX') }),
    secret: env('MI_SESSION_SECRET'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  }),
);
const mounted = otpkit({
  otp,
  store,
  loadUser: userOf,
  authenticate: ({ username, password }) => (password === `pw-${username}` ? userOf(username) : null),
  trustedBrowsers: { enabled: true },
});
app.use(mounted);
app.get('/admin', requireOtp(), (req, res) => {
  res.type('text/plain').send(`admin:${req.otp.user?.id}`);
});
app.get('/admin/sensitive', requireOtp({ stepUp: true }), (_req, res) => {
  res.type('text/plain').send('sensitive');
});
app.get('/whoami', (req, res) => {
  res.json({ state: req.otp.state, verified: req.otp.isVerified(), user: req.otp.user?.id ?? null });
});
app.post('/host/password-changed', async (req, res) => {
  res.json({ revoked: await mounted.web.passwordChanged(String(req.query.user)) });
});

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

async function stop() {
  server.closeAllConnections();
  server.close();
  await Promise.allSettled([redis.quit(), db.destroy()]);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
