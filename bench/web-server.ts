/**
 * The app under load for the web benchmarks, run as its own process so that the load generator
 * (autocannon, in the parent) never shares its event loop. Express 5, express-session, otpkit.
 *
 * BENCH_MODE=guard: `GET /admin` behind `requireOtp()` and `GET /open`, the same handler without
 * the guard, in one app; and a second app without otpkit at all (`GET /open`) on another port.
 * BENCH_MODE=otp-step: the code step (`POST /auth/verify`) over the SQL store on BENCH_STORE
 * (`sqlite` or `postgres`), throttle delays off so that every post is checked and written.
 *
 * Prints `READY <url> <bare url> <base32 secret>` once listening; users are `u0`…`u999`,
 * password `pw`.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { otpkit, requireOtp } from '@otpkit/adapters-express';
import {
  createKeyring,
  createOtp,
  encodeBase32,
  generateKey,
  generateTotp,
  memoryStore,
  type OtpStore,
} from '@otpkit/core';
import { totp } from '@otpkit/devices';
import { migrate, sqlStore } from '@otpkit/store-sql';
import SQLite from 'better-sqlite3';
import express, { type Express } from 'express';
import session from 'express-session';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';

const mode = process.env.BENCH_MODE ?? 'guard';
const storeKind = process.env.BENCH_STORE ?? 'memory';
const prefix = `b${Date.now().toString(36)}_`;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

async function openStore(): Promise<OtpStore> {
  if (storeKind === 'memory') return memoryStore();
  let db: Kysely<unknown>;
  if (storeKind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'otpkit-bench-'));
    const file = new SQLite(join(dir, 'bench.sqlite'));
    file.pragma('journal_mode = WAL');
    db = new Kysely({ dialect: new SqliteDialect({ database: file }) });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  } else {
    const pool = new pg.Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', max: 16 });
    pool.on('error', () => undefined);
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    cleanups.push(async () => {
      const { rows } = await sql<{
        tablename: string;
      }>`SELECT tablename FROM pg_tables WHERE tablename LIKE ${`${prefix}%`}`.execute(db);
      for (const { tablename } of rows) await sql.raw(`DROP TABLE IF EXISTS "${tablename}"`).execute(db);
    });
  }
  cleanups.push(() => db.destroy());
  await migrate(db, { tablePrefix: prefix });
  return sqlStore({ db, tablePrefix: prefix });
}

const store = await openStore();
const otp = createOtp({
  store,
  keyring: createKeyring({ keys: { k1: generateKey() }, primary: 'k1' }),
  kinds: [totp({ issuer: 'Bench' })],
  throttle: { factor: 0, maxFailures: Number.MAX_SAFE_INTEGER },
});
const userOf = (id: string) => (/^u\d{1,3}$/.test(id) ? { id, username: id } : null);

// Every user has the same authenticator secret (the bench computes codes from it).
const secretBytes = new Uint8Array(20).map((_, i) => (i * 37 + 11) % 256);
const secret = encodeBase32(secretBytes);
for (let i = 0; i < Number(process.env.BENCH_USERS ?? 1); i++) {
  const userId = `u${i}`;
  const enrolled = await otp.enroll({ userId, kind: 'totp', label: userId, secret });
  const confirmed = await otp.confirm({
    userId,
    deviceId: enrolled.device.id,
    token: generateTotp({ secret: secretBytes, time: Date.now() - 30_000 }),
  });
  if (!confirmed.ok) throw new Error(`bench server: could not enroll ${userId}: ${confirmed.reason}`);
}

// One session store for both routes (MemoryStore: the cheapest store, so the guard's share of the
// work is the largest it can be).
const sessions = new session.MemoryStore();
function listen(app: Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const app = express();
app.use(session({ store: sessions, secret: 'bench', resave: false, saveUninitialized: false }));
app.use(
  otpkit({
    otp,
    store,
    loadUser: userOf,
    authenticate: ({ username, password }) => (password === 'pw' ? userOf(username) : null),
  }),
);
const handler = (_req: express.Request, res: express.Response) => {
  res.type('text/plain').send('ok');
};
app.get('/admin', requireOtp(), handler);
app.get('/open', handler);
// The load generator closes its connections mid-request when a round ends: a body read that a
// client aborted is not worth a stack trace on stderr.
app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  const code = (error as { code?: string }).code;
  if (code !== 'ECONNRESET' && code !== 'ECONNABORTED') console.error(error);
  if (!res.headersSent) res.status(500).end();
});
const server = await listen(app);

// The same route in an app without otpkit (same session store), for reference.
const bare = express();
bare.use(session({ store: sessions, secret: 'bench', resave: false, saveUninitialized: false }));
bare.get('/open', handler);
const bareServer = await listen(bare);

console.log(`READY ${urlOf(server)} ${urlOf(bareServer)} ${secret} ${mode}`);

async function stop() {
  server.closeAllConnections();
  bareServer.closeAllConnections();
  server.close();
  bareServer.close();
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
